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
  /** Events handled inside the emitting transaction, and by what (registered by that service on module init). */
  inTransaction: readonly { event: string; by: string }[];
  /** Outbox events the relay turns into these jobs after commit. */
  relays: readonly { event: string; job: string }[];
  /** Jobs this library runs in the worker, with their schedule when they repeat. */
  jobs: readonly { name: string; everyMs?: number }[];
}

/** Events that must be handled in the transaction that emits them (delisting must not lag a revocation). */
export function integrityCriticalEvents(wirings: readonly LibraryWiring[]): { event: string; lib: string; handlers: string[] }[] {
  return wirings.flatMap((w) =>
    w.emits
      .filter((e) => e.critical)
      .map((e) => ({ event: e.event, lib: w.lib, handlers: wirings.flatMap((h) => h.inTransaction.filter((i) => i.event === e.event).map((i) => `${i.by} (${h.lib})`)) })),
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
