import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface Current {
  dataSource: DataSource;
  manager: EntityManager;
  /** False once the unit of work ended: a timer or job started inside it must not use its manager. */
  open: boolean;
}

/**
 * The transaction of the running unit of work travels with the call: `run` stores its manager
 * here and every repository asks `manager()` for it, so no service hands an EntityManager around.
 * Keyed by DataSource, so two databases open in one process (tests, the integration suite) never
 * see each other's transaction.
 */
const context = new AsyncLocalStorage<Current>();

/**
 * Runs units of work in database transactions.
 *
 * On SQLite TypeORM shares one connection per process, so a second transaction started while one
 * is open would nest inside it (and a plain write would join it). Every write therefore goes
 * through `run`, which on SQLite queues units of work one after another in this process; on a
 * MySQL-compatible server each unit gets its own pooled connection and runs concurrently. A `run`
 * inside a running unit of work joins it instead of queueing behind it (which would deadlock).
 */
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;
  private readonly committed: (() => void)[] = [];

  /**
   * The manager of the unit of work this call runs in, whichever database it belongs to. For code
   * that must run inside a transaction (outbox writes, in-transaction handlers): throws outside one.
   */
  static current(): EntityManager {
    const current = context.getStore();
    if (!current?.open) throw new Error('This must run inside Transactions.run: outbox rows and in-transaction handlers need the transaction');
    return current.manager;
  }

  /** Runs `work` with `manager` as the current transaction (for code handed a manager by a seed or a script). */
  static within<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    const current = context.getStore();
    if (current?.open && current.manager === manager) return work();
    const store: Current = { dataSource: manager.dataSource, manager, open: true };
    return context.run(store, work).finally(() => {
      store.open = false;
    });
  }

  constructor(readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * The manager of the transaction this call runs in, or the default manager outside one. Every
   * repository method takes its manager from here, which is how it joins the caller's transaction.
   */
  manager(): EntityManager {
    return this.current()?.manager ?? this.dataSource.manager;
  }

  /** Whether this call runs inside a unit of work of this database (so its writes commit with the caller's). */
  inTransaction(): boolean {
    return this.current() !== undefined;
  }

  private current(): Current | undefined {
    const current = context.getStore();
    return current?.open && current.dataSource === this.dataSource ? current : undefined;
  }

  /**
   * Runs `work` in one transaction; rolls back and rethrows when it throws. Inside a running unit
   * of work it joins that transaction (its commit is the outer one's). After a commit the commit
   * listeners are told (unless `quiet`), which is how the outbox relay learns of new events.
   */
  async run<T>(work: (em: EntityManager) => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T> {
    const current = this.current();
    if (current) return work(current.manager);
    const unit = () =>
      this.dataSource.transaction(async (manager) => {
        const store: Current = { dataSource: this.dataSource, manager, open: true };
        try {
          return await context.run(store, () => work(manager));
        } finally {
          store.open = false;
        }
      });
    let result: T;
    if (!this.serial) result = await unit();
    else {
      const next = this.tail.then(unit, unit);
      this.tail = next.catch(() => undefined);
      result = await next;
    }
    if (!opts.quiet) for (const listener of this.committed) listener();
    return result;
  }

  /** Calls `listener` after every commit of `run` in this process; it must not throw or block. */
  onCommit(listener: () => void): void {
    this.committed.push(listener);
  }
}
