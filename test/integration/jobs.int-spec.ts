import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { SystemClock } from '@ocop/core';
import { openDatabase, Transactions } from '@ocop/database';
import { ENTITIES } from '@ocop/infra';
import { BullJobQueue, createBullQueue, InProcessJobQueue, JobRecord, type JobQueue } from '@ocop/jobs';
import { describeMysql, describeRedis, openTestDatabase, testRedisPrefix, testRedisUrl } from '@ocop/testing';
import { eventually, jobQueueContract, waitForState } from '../../libs/jobs/test/job-queue.contract';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A second connection pool to the same database, as a second process would open. */
async function openSecondProcessDataSource(url: string): Promise<DataSource> {
  const u = new URL(url);
  return openDatabase(
    {
      type: 'mysql',
      url,
      host: u.hostname,
      port: Number(u.port || 3306),
      username: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.slice(1)),
    },
    ENTITIES,
    { migrate: false },
  );
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl()!);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

describeMysql('InProcessJobQueue', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let tx: Transactions;

  beforeAll(async () => {
    db = await openTestDatabase('mysql');
    tx = new Transactions(db.dataSource);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  // One database for the whole block: creating and migrating one per test would dominate the run.
  jobQueueContract('InProcessJobQueue on MariaDB', async () => {
    await tx.run((em) => em.createQueryBuilder().delete().from(JobRecord).execute());
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
      },
    };
  });

  describe('two workers sharing one database', () => {
    let second: DataSource;
    const queues: InProcessJobQueue[] = [];

    beforeEach(async () => {
      await tx.run((em) => em.createQueryBuilder().delete().from(JobRecord).execute());
      second = await openSecondProcessDataSource(db.url);
    });

    afterEach(async () => {
      await Promise.all(queues.splice(0).map((q) => q.close()));
      await second.destroy();
    });

    it('runs each of 50 jobs exactly once while two workers race to claim them', async () => {
      const options = { pollMs: 5, exclusive: false };
      const a = new InProcessJobQueue(db.dataSource, tx, new SystemClock(), { ...options, workerId: 'worker-a' });
      const b = new InProcessJobQueue(second, new Transactions(second), new SystemClock(), { ...options, workerId: 'worker-b' });
      queues.push(a, b);
      const runs = new Map<number, string[]>();
      for (const [queue, worker] of [
        [a, 'worker-a'],
        [b, 'worker-b'],
      ] as const) {
        queue.register<{ n: number }>('orders.expire-hold', async (job) => {
          runs.set(job.payload.n, [...(runs.get(job.payload.n) ?? []), worker]);
          // Long enough that both workers hold jobs at the same time.
          await sleep(5);
        });
      }
      const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => a.add('orders.expire-hold', { n })));

      await Promise.all([a.startProcessing({ concurrency: 4 }), b.startProcessing({ concurrency: 4 })]);

      await eventually(
        'all 50 jobs completed',
        async () => {
          const states = await Promise.all(ids.map((id) => a.status(id)));
          return states.every((s) => s.state === 'completed');
        },
        15_000,
      );
      expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, n) => n));
      expect([...runs.values()].filter((workers) => workers.length !== 1)).toEqual([]);
      const byWorker = [...runs.values()].flat();
      expect(byWorker).toContain('worker-a');
      expect(byWorker).toContain('worker-b');
    });
  });
});

describeRedis('BullJobQueue', () => {
  jobQueueContract('BullJobQueue on Redis', async () => {
    const url = testRedisUrl()!;
    const prefix = testRedisPrefix('jobs');
    const open = () => new BullJobQueue(createBullQueue(url, prefix));
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
        await deleteRedisKeys(prefix);
      },
    };
  });

  describe('two processes sharing Redis', () => {
    let prefix: string;
    const queues: JobQueue[] = [];

    beforeEach(() => {
      prefix = testRedisPrefix('shared');
    });

    afterEach(async () => {
      await Promise.all(queues.splice(0).map((q) => q.close()));
      await deleteRedisKeys(prefix);
    });

    it('runs on the processing instance a job added by an instance that only adds', async () => {
      const url = testRedisUrl()!;
      const web = new BullJobQueue(createBullQueue(url, prefix));
      const worker = new BullJobQueue(createBullQueue(url, prefix));
      queues.push(web, worker);
      const payloads: unknown[] = [];
      worker.register('notifications.send-mail', async (job) => {
        payloads.push(job.payload);
      });
      await worker.startProcessing();

      const id = await web.add('notifications.send-mail', { to: 'khach@example.vn' });

      await waitForState(web, id, ['completed']);
      expect(payloads).toEqual([{ to: 'khach@example.vn' }]);
    });
  });
});
