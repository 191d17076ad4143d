import type { DataSource } from 'typeorm';
import { FakeClock, SystemClock, type Clock } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { openTestDatabase } from '@ocop/testing';
import { InProcessJobQueue, type InProcessJobQueueOptions } from '../src/in-process-job-queue';
import { JobRecord } from '../src/job.entity';
import { eventually, jobQueueContract, waitForState } from './job-queue.contract';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

jobQueueContract('InProcessJobQueue on SQLite', async () => {
  const db = await openTestDatabase('sqlite');
  const tx = new Transactions(db.dataSource);
  const open = () => new InProcessJobQueue(db.dataSource, tx, new SystemClock(), { pollMs: 10 });
  let current = open();
  return {
    queue: current,
    async restart() {
      await current.close();
      current = open();
      return current;
    },
    async cleanup() {
      await current.close();
      await db.cleanup();
    },
  };
});

describe('InProcessJobQueue on SQLite', () => {
  let dataSource: DataSource;
  let tx: Transactions;
  let cleanup: () => Promise<void>;
  const queues: InProcessJobQueue[] = [];

  const openQueue = (clock: Clock, opts: InProcessJobQueueOptions = {}) => {
    const queue = new InProcessJobQueue(dataSource, tx, clock, { pollMs: 10, ...opts });
    queues.push(queue);
    return queue;
  };

  /** Writes the row a worker leaves behind when it is killed while running the job. */
  const leaveActiveJob = (id: string, lockedBy: string, lockedAt: Date) =>
    tx.run((em) =>
      em.insert(JobRecord, {
        id,
        name: 'orders.release-stock',
        payload: JSON.stringify({ orderId: 'o-77' }),
        state: 'active',
        runAt: lockedAt,
        attemptsMade: 1,
        maxAttempts: 5,
        backoffMs: 1000,
        lockedBy,
        lockedAt,
      }),
    );

  beforeEach(async () => {
    ({ dataSource, cleanup } = await openTestDatabase('sqlite'));
    tx = new Transactions(dataSource);
  });

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
    await cleanup();
  });

  it('runs again, after a restart, a job its killed process left active', async () => {
    await leaveActiveJob('release-o-77', 'worker-that-died', new Date());
    const queue = openQueue(new SystemClock());
    const attempts: Array<{ attempt: number; payload: unknown }> = [];
    queue.register('orders.release-stock', async (job) => {
      attempts.push({ attempt: job.attempt, payload: job.payload });
    });

    await queue.startProcessing();

    const status = await waitForState(queue, 'release-o-77', ['completed']);
    expect(status.attemptsMade).toBe(2);
    expect(attempts).toEqual([{ attempt: 2, payload: { orderId: 'o-77' } }]);
  });

  it('leaves a job locked by another live worker alone until its lock expires, then takes it over', async () => {
    const clock = new FakeClock();
    await leaveActiveJob('release-o-77', 'other-worker', clock.now());
    const queue = openQueue(clock, { exclusive: false, lockTimeoutMs: 60_000, maintenanceMs: 10 });
    let runs = 0;
    queue.register('orders.release-stock', async () => {
      runs += 1;
    });

    await queue.startProcessing();
    await sleep(100);
    expect((await queue.status('release-o-77')).state).toBe('active');
    expect(runs).toBe(0);

    clock.advance(60_001);

    await waitForState(queue, 'release-o-77', ['completed']);
    expect(runs).toBe(1);
  });

  it('runs a delayed job once the injected clock passes its time, without waiting in real time', async () => {
    const clock = new FakeClock();
    const queue = openQueue(clock);
    let runs = 0;
    queue.register('certification.remind-expiry', async () => {
      runs += 1;
    });
    await queue.startProcessing();

    const id = await queue.add('certification.remind-expiry', {}, { delayMs: 60 * 60_000 });
    await sleep(50);
    expect((await queue.status(id)).state).toBe('delayed');
    expect(runs).toBe(0);

    clock.advance(60 * 60_000);

    await waitForState(queue, id, ['completed']);
    expect(runs).toBe(1);
  });

  it('picks up a job added in this process at once instead of waiting for the next poll', async () => {
    const queue = openQueue(new SystemClock(), { pollMs: 60_000 });
    queue.register('notifications.send-mail', async () => undefined);
    await queue.startProcessing();
    await sleep(20);

    const id = await queue.add('notifications.send-mail', {});

    await waitForState(queue, id, ['completed'], 1000);
  });

  it('deletes completed jobs once they are older than the retention period and keeps failed ones', async () => {
    const clock = new FakeClock();
    const queue = openQueue(clock, { maintenanceMs: 10, completedRetentionMs: 24 * 60 * 60_000 });
    queue.register('search.reindex', async () => undefined);
    queue.register('search.broken', async () => {
      throw new Error('index unreachable');
    });
    await queue.startProcessing();
    const done = await queue.add('search.reindex', {});
    const broken = await queue.add('search.broken', {}, { attempts: 1 });
    await waitForState(queue, done, ['completed']);
    await waitForState(queue, broken, ['failed']);

    clock.advance(23 * 60 * 60_000);
    await sleep(50);
    expect((await queue.status(done)).state).toBe('completed');

    clock.advance(2 * 60 * 60_000);

    await waitForState(queue, done, ['missing']);
    expect(await queue.status(broken)).toMatchObject({ state: 'failed', lastError: 'index unreachable' });
  });

  it('keeps a schedule going when one of its runs fails', async () => {
    const queue = openQueue(new SystemClock());
    let runs = 0;
    queue.register('payouts.settle', async () => {
      runs += 1;
      if (runs === 1) throw new Error('bank API down');
    });
    await queue.startProcessing();

    await queue.addRepeatable('payouts.settle', {}, { everyMs: 50 });

    await eventually('a run after the failed one', () => runs >= 2);
    const schedule = await queue.status('repeat:payouts.settle:50');
    expect(['waiting', 'delayed', 'active']).toContain(schedule.state);
  });
});
