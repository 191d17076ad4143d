import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs units of work in database transactions.
 *
 * On SQLite TypeORM shares one connection per process, so a second transaction started while one
 * is open would nest inside it (and a plain write would join it). Every write therefore goes
 * through `run`, which on SQLite queues units of work one after another in this process; on a
 * MySQL-compatible server each unit gets its own pooled connection and runs concurrently.
 */
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;
  private readonly committed: (() => void)[] = [];

  constructor(readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  get dialect(): 'sqlite' | 'mysql' {
    return this.serial ? 'sqlite' : 'mysql';
  }

  /**
   * Runs `work` in one transaction; rolls back and rethrows when it throws. After a commit the
   * commit listeners are told (unless `quiet`), which is how the outbox relay learns of new events.
   */
  async run<T>(work: (em: EntityManager) => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T> {
    let result: T;
    if (!this.serial) result = await this.dataSource.transaction(work);
    else {
      const next = this.tail.then(
        () => this.dataSource.transaction(work),
        () => this.dataSource.transaction(work),
      );
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
