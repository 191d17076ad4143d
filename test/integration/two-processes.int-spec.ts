import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, projectRoot, SystemClock } from '@ocop/core';
import { openDatabase, Transactions } from '@ocop/database';
import { ENTITIES, JOBS_QUEUE_NAME } from '@ocop/infra';
import { BullJobQueue, createBullQueue } from '@ocop/jobs';
import { Mailer, MailMessage } from '@ocop/notifications';
import { createMysqlDatabase, testMysqlServerUrl, testRedisPrefix, testRedisUrl } from '@ocop/testing';

const workerEntry = join(projectRoot(), 'dist/apps/worker/src/main.js');
const ready = !!testMysqlServerUrl() && !!testRedisUrl() && existsSync(workerEntry);

function waitForOutput(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`worker did not print ${pattern} within ${ms} ms:\n${seen}`)), ms);
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}:\n${seen}`)));
  });
}

(ready ? describe : describe.skip)('two processes sharing Bull on Redis and one MariaDB [MariaDB + Redis]', () => {
  it('runs in the worker process a job that another process queued', async () => {
    const db = await createMysqlDatabase('twoproc');
    const prefix = testRedisPrefix('twoproc');
    const env = { DATABASE_URL: db.url, REDIS_URL: testRedisUrl()!, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', NODE_ENV: 'test' };
    const worker = spawn(process.execPath, [workerEntry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const config = loadConfig(env);
    const ds = await openDatabase(config.database, ENTITIES);
    const queue = createBullQueue(config.redis!.url, `${prefix}:bull`, JOBS_QUEUE_NAME);
    const jobs = new BullJobQueue(queue);
    try {
      await waitForOutput(worker, /processing jobs \(bull\)/, 30000);
      // This process only queues: it never calls startProcessing.
      const mailer = new Mailer(new Transactions(ds), jobs, config, new SystemClock());
      const msg = await mailer.queue({ to: 'lan@example.vn', template: 'welcome', locale: 'en', data: { name: 'Lan', email: 'lan@example.vn', loginUrl: 'http://x/login' } });
      const repo = ds.getRepository(MailMessage);
      const deadline = Date.now() + 15000;
      let row = await repo.findOneByOrFail({ id: msg!.id });
      while (row.status === 'queued' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        row = await repo.findOneByOrFail({ id: msg!.id });
      }
      expect(row.status).toBe('kept');
      expect(row.processedBy).toMatch(new RegExp(`:${worker.pid}$`));
      expect(row.processedBy).not.toMatch(new RegExp(`:${process.pid}$`));
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
      await jobs.close();
      await ds.destroy();
      await db.drop();
    }
  }, 60000);
});
