import type { Actor } from './actor';

/**
 * What one library declares about its events, in its `<lib>.wiring.ts`: the events it emits, the
 * events it handles inside the emitting transaction, the events it relays to jobs after commit and
 * the jobs it runs. The composition root (libs/infra, apps/worker) reads these declarations
 * instead of each module subscribing on its own.
 */
export interface LibraryWiring {
  lib: string;
  /** Events this library writes to the outbox. `critical` ones must have an in-transaction handler in every process. */
  emits: readonly { event: string; critical?: boolean }[];
  /** Events handled inside the emitting transaction, and by which provider; the composition root registers them. */
  inTransaction: readonly InTransactionWiring[];
  /** Outbox events the relay turns into these jobs after commit. */
  relays: readonly { event: string; job: string }[];
  /** Jobs this library runs in the worker: the handler, and its schedule when it repeats. */
  jobs: readonly JobWiring[];
}

/** Finds another provider of the process, or undefined when the process has none. */
export type FindProvider = <T>(provider: ProviderClass<T>) => T | undefined;

/** One job: its name, the provider that runs it and how, and when it runs by itself. */
export interface JobWiring {
  name: string;
  by: ProviderClass;
  /** Repeats every this many milliseconds. */
  everyMs?: number;
  /** Also queued once when the worker starts (work that fell due while no worker ran). */
  atStart?: boolean;
  run(service: unknown, payload: unknown, find: FindProvider): Promise<void>;
}

/** Declares that `by`'s instance runs the job `name` with `handle`, on `schedule` when given. */
export function runsJob<S, P = unknown>(
  name: string,
  by: ProviderClass<S>,
  handle: (service: S, payload: P, find: FindProvider) => Promise<unknown>,
  schedule: { everyMs?: number; atStart?: boolean } = {},
): JobWiring {
  return {
    name,
    by,
    ...schedule,
    async run(service, payload, find) {
      await handle(service as S, payload as P, find);
    },
  };
}

/** The part of the job queue the composition root needs to register declared jobs. */
export interface JobRegistry {
  register<P>(name: string, handler: (job: { payload: P }) => Promise<void>): void;
  add<P>(name: string, payload: P, opts?: { jobId?: string }): Promise<string>;
  addRepeatable<P>(name: string, payload: P, opts: { everyMs: number }): Promise<void>;
}

/**
 * Registers every declared job with its handler, then its schedule and its start-up run. A job
 * whose provider the process lacks is a wiring mistake and throws before anything is scheduled.
 * Returns the registered job names.
 */
export async function registerDeclaredJobs(wirings: readonly LibraryWiring[], resolve: FindProvider, jobs: JobRegistry): Promise<string[]> {
  const declared = wirings.flatMap((w) => w.jobs.map((j) => ({ lib: w.lib, job: j, service: resolve(j.by) })));
  const missing = declared.filter((d) => d.service === undefined);
  if (missing.length)
    throw new Error(`start-up refused: no provider for the jobs ${missing.map((m) => `${m.job.name} (${m.lib}, needs ${m.job.by.name})`).join(', ')}. Import the module that provides it.`);
  for (const { job, service } of declared) jobs.register(job.name, (queued) => job.run(service, queued.payload, resolve));
  for (const { job } of declared) {
    if (job.everyMs) await jobs.addRepeatable(job.name, {}, { everyMs: job.everyMs });
    if (job.atStart) await jobs.add(job.name, {}, { jobId: `${job.name}:start` });
  }
  return declared.map((d) => d.job.name);
}

/** A provider class, as the process's container knows it. */
export type ProviderClass<S = unknown> = abstract new (...args: never[]) => S;

/** One in-transaction handler: the event, the provider that handles it and how. */
export interface InTransactionWiring {
  event: string;
  by: ProviderClass;
  run(service: unknown, payload: unknown, actor: Actor | null): Promise<void>;
}

/** Declares that `by`'s instance handles `event` inside the emitting transaction with `handle`. */
export function handledInTransaction<S, P>(event: string, by: ProviderClass<S>, handle: (service: S, payload: P, actor: Actor | null) => Promise<unknown>): InTransactionWiring {
  return {
    event,
    by,
    async run(service, payload, actor) {
      await handle(service as S, payload as P, actor);
    },
  };
}

/**
 * Registers every declared in-transaction handler whose provider `resolve` finds in this process
 * (a process without the catalogue registers none of its handlers, and the start-up check below
 * then refuses it). Call once per process or app.
 */
export function registerInTransactionHandlers(
  wirings: readonly LibraryWiring[],
  resolve: (provider: ProviderClass) => unknown,
  events: { onInTransaction(type: string, handler: (payload: unknown, actor: Actor | null) => Promise<void>): void },
): void {
  for (const w of wirings) {
    for (const h of w.inTransaction) {
      const service = resolve(h.by);
      if (service) events.onInTransaction(h.event, (payload, actor) => h.run(service, payload, actor));
    }
  }
}

/** Events that must be handled in the transaction that emits them (delisting must not lag a revocation). */
export function integrityCriticalEvents(wirings: readonly LibraryWiring[]): { event: string; lib: string; handlers: string[] }[] {
  return wirings.flatMap((w) =>
    w.emits
      .filter((e) => e.critical)
      .map((e) => ({ event: e.event, lib: w.lib, handlers: wirings.flatMap((h) => h.inTransaction.filter((i) => i.event === e.event).map((i) => `${i.by.name} (${h.lib})`)) })),
  );
}

/**
 * The message start-up fails with when integrity-critical events have no in-transaction handler
 * in the process, or null when every one has.
 */
export function missingInTransactionHandlers(wirings: readonly LibraryWiring[], handles: (event: string) => boolean): string | null {
  const missing = integrityCriticalEvents(wirings).filter((c) => !handles(c.event));
  if (missing.length === 0) return null;
  const lines = missing.map((m) => `${m.event} (emitted by ${m.lib}) would commit without ${m.handlers.join(', ') || 'any handler'}`);
  return `start-up refused: integrity-critical events have no in-transaction handler in this process: ${lines.join('; ')}. Import the module that declares the handler in its <lib>.wiring.ts.`;
}

/** Subscribes every declared relay on `relay`; idempotent. */
export function subscribeRelays(relay: { subscribe(type: string, jobName: string): void }, wirings: readonly LibraryWiring[]): void {
  for (const w of wirings) for (const r of w.relays) relay.subscribe(r.event, r.job);
}
