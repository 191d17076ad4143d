import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@ocop/core';
import { DomainEventRecord } from './domain-event.entity';

export type InTransactionHandler<P = any> = (em: EntityManager, payload: P, actor: Actor | null) => Promise<void>;

/**
 * Domain events of one app. `emit` runs the in-transaction handlers (consequences that must be
 * atomic with the change, such as delisting the products of a revoked certificate) and writes the
 * event to the outbox in the same transaction; the relay turns outbox rows into jobs after commit.
 * Lower libraries emit, higher ones subscribe, so no library has to import one above it.
 */
export class DomainEvents {
  private readonly handlers = new Map<string, InTransactionHandler[]>();

  /** Registers a handler run inside the emitting transaction; it must use the given EntityManager. */
  onInTransaction<P>(type: string, handler: InTransactionHandler<P>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as InTransactionHandler);
    this.handlers.set(type, list);
  }

  /** Runs the handlers, then records the event; both in `em`'s transaction. Returns the event id. */
  async emit<P extends object>(em: EntityManager, type: string, payload: P, actor: Actor | null = null): Promise<string> {
    for (const h of this.handlers.get(type) ?? []) await h(em, payload, actor);
    return record(em, type, payload);
  }
}

/** Writes an event to the outbox without running in-transaction handlers. */
export async function record(em: EntityManager, type: string, payload: object): Promise<string> {
  const id = randomUUID();
  await em.insert(DomainEventRecord, { id, type, payload: JSON.stringify(payload), dispatchedAt: null });
  return id;
}
