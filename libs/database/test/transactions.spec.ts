import { DomainEventRecord, DomainEvents, record, Transactions } from '@ocop/database';
import { openTestDatabase } from '@ocop/testing';

describe('Transactions (SQLite)', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let tx: Transactions;
  const count = () => db.dataSource.getRepository(DomainEventRecord).count();

  beforeEach(async () => {
    db = await openTestDatabase('sqlite');
    tx = new Transactions(db.dataSource);
  });
  afterEach(() => db.cleanup());

  it('hands the running transaction to whoever asks for the manager, and the default one outside', async () => {
    expect(tx.manager()).toBe(db.dataSource.manager);
    await tx.run(async (em) => {
      expect(tx.manager()).toBe(em);
      expect(Transactions.current()).toBe(em);
    });
    expect(() => Transactions.current()).toThrow(/inside Transactions.run/);
  });

  it('joins a nested run to the running transaction instead of waiting for it', async () => {
    await expect(
      tx.run(async (outer) => {
        await record('Outer', {});
        await tx.run(async (inner) => {
          expect(inner).toBe(outer);
          await record('Inner', {});
        });
        throw new Error('roll back both');
      }),
    ).rejects.toThrow('roll back both');
    expect(await count()).toBe(0);
  });

  it('runs in-transaction handlers inside the emitting transaction, so a failing handler undoes the event', async () => {
    const events = new DomainEvents();
    events.onInTransaction('Checked', async () => {
      await record('Consequence', {});
      throw new Error('refused');
    });
    await expect(tx.run(() => events.emit('Checked', { ok: true }))).rejects.toThrow('refused');
    expect(await count()).toBe(0);
    expect(events.handles('Checked')).toBe(true);
    expect(events.handles('Other')).toBe(false);
  });

  it('still queues separate units of work one after another on the single connection', async () => {
    const order: string[] = [];
    const slow = tx.run(async () => {
      await record('A', {});
      await new Promise((r) => setTimeout(r, 20));
      order.push('a');
    });
    const fast = tx.run(async () => {
      order.push('b');
      await record('B', {});
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a', 'b']);
    expect(await count()).toBe(2);
  });

  it('does not lend a finished transaction to work started inside it', async () => {
    let later: Promise<unknown> = Promise.resolve();
    await tx.run(async () => {
      later = new Promise((r) => setTimeout(r, 5)).then(() => tx.manager());
    });
    expect(await later).toBe(db.dataSource.manager);
  });
});
