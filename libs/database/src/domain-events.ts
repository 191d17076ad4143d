import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@ocop/core';
import { DomainEventRecord } from './domain-event.entity';
import { Transactions } from './transactions';

/**
 * A handler run inside the emitting transaction. It gets no EntityManager: the repositories it
 * calls join the running transaction by themselves (`Transactions.manager()`).
 */
export type InTransactionHandler<P = unknown> = (payload: P, actor: Actor | null) => Promise<void>;

/** One outbox row to write: an event type, its JSON payload and, when the caller fixes it, its time. */
export interface OutboxEntry {
  type: string;
  payload: object;
  createdAt?: Date;
}

/**
 * Domain events of one app. `emit` runs the in-transaction handlers (consequences that must be
 * atomic with the change, such as delisting the products of a revoked certificate) and writes the
 * event to the outbox in the same transaction; the relay turns outbox rows into jobs after commit.
 * Lower libraries emit, higher ones subscribe, so no library has to import one above it.
 */
export class DomainEvents {
  private readonly handlers = new Map<string, InTransactionHandler[]>();

  /** Registers a handler run inside the emitting transaction. */
  onInTransaction<P>(type: string, handler: InTransactionHandler<P>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as InTransactionHandler);
    this.handlers.set(type, list);
  }

  /** Whether some handler runs inside the transaction that emits `type`. */
  handles(type: string): boolean {
    return (this.handlers.get(type)?.length ?? 0) > 0;
  }

  /**
   * Runs the handlers, then records the event, all in the current transaction (it must run inside
   * `Transactions.run`). Returns the event id. A seed or a script holding a manager may pass it first.
   */
  async emit<P extends object>(type: string, payload: P, actor?: Actor | null): Promise<string>;
  async emit<P extends object>(em: EntityManager, type: string, payload: P, actor?: Actor | null): Promise<string>;
  async emit(...args: unknown[]): Promise<string> {
    if (typeof args[0] === 'string') return this.emitHere(args[0], args[1] as object, (args[2] as Actor | null | undefined) ?? null);
    const [em, type, payload, actor] = args as [EntityManager, string, object, Actor | null | undefined];
    return Transactions.within(em, () => this.emitHere(type, payload, actor ?? null));
  }

  private async emitHere(type: string, payload: object, actor: Actor | null): Promise<string> {
    for (const h of this.handlers.get(type) ?? []) await h(payload, actor);
    return record(type, payload);
  }
}

/**
 * Writes rows to the outbox in the current transaction; the one place outbox rows are written.
 * Returns their ids in order.
 */
export async function writeOutbox(entries: OutboxEntry[], em: EntityManager = Transactions.current()): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows = entries.map((e) => ({
    id: randomUUID(),
    type: e.type,
    payload: JSON.stringify(e.payload),
    dispatchedAt: null,
    ...(e.createdAt ? { createdAt: e.createdAt } : {}),
  }));
  await em.insert(DomainEventRecord, rows);
  return rows.map((r) => r.id);
}

/**
 * Writes an event to the outbox, in the current transaction, without running in-transaction
 * handlers. A seed or a test holding a manager may pass it first.
 */
export async function record(type: string, payload: object): Promise<string>;
export async function record(em: EntityManager, type: string, payload: object): Promise<string>;
export async function record(...args: unknown[]): Promise<string> {
  const [em, type, payload] = typeof args[0] === 'string' ? [undefined, args[0], args[1] as object] : (args as [EntityManager, string, object]);
  const [id] = await writeOutbox([{ type, payload }], em);
  return id;
}
