import type { JobQueue, JobState, JobStatus } from '../src/job-queue.port';

export interface JobQueueUnderTest {
  /** A queue over an empty store, not yet processing. */
  queue: JobQueue;
  /** Closes the current queue and opens a new one over the same store, as a process restart would. */
  restart?: () => Promise<JobQueue>;
  /** Closes whichever queue is current and drops the store. */
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds, failing with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Polls the job's status until it reaches one of `states` and returns that status. */
export async function waitForState(queue: JobQueue, id: string, states: JobState[], timeoutMs = 5000): Promise<JobStatus> {
  let last: JobStatus | undefined;
  await eventually(
    `job ${id} to be ${states.join(' or ')} (last seen ${last?.state ?? 'nothing'})`,
    async () => {
      last = await queue.status(id);
      return states.includes(last.state);
    },
    timeoutMs,
  );
  return last!;
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}

// Timers may fire a millisecond early and stored times are whole milliseconds.
const SLACK_MS = 3;

/**
 * Five runs of one schedule span more than three intervals: a late first run may be followed
 * closely by the second, but every later run waits its interval. Two copies of the schedule
 * would fit five runs into about two intervals.
 */
function expectSingleSchedule(runs: number[], everyMs: number): void {
  expect(runs[4] - runs[0]).toBeGreaterThanOrEqual(2.5 * everyMs);
}

/**
 * The behaviour every JobQueue adapter must show. `make` is called before each test and must
 * give a queue over an empty store; delays are kept short so the suite stays fast.
 */
export function jobQueueContract(label: string, make: () => Promise<JobQueueUnderTest>): void {
  describe(`JobQueue contract: ${label}`, () => {
    let under: JobQueueUnderTest;
    let queue: JobQueue;

    beforeEach(async () => {
      under = await make();
      queue = under.queue;
    });

    afterEach(async () => {
      await under.cleanup();
    });

    it('runs an added job once with its payload and reports it completed', async () => {
      const runs: Array<{ id: string; payload: unknown; attempt: number }> = [];
      queue.register<{ orderId: string }>('contract.send-receipt', async (job) => {
        runs.push({ id: job.id, payload: job.payload, attempt: job.attempt });
      });
      await queue.startProcessing();

      const id = await queue.add('contract.send-receipt', { orderId: 'o-1', note: 'Bánh pía Sóc Trăng' });

      const status = await waitForState(queue, id, ['completed', 'failed']);
      expect(status).toMatchObject({ id, name: 'contract.send-receipt', state: 'completed', attemptsMade: 1 });
      expect(status.lastError).toBeUndefined();
      expect(runs).toEqual([{ id, payload: { orderId: 'o-1', note: 'Bánh pía Sóc Trăng' }, attempt: 1 }]);
    });

    it('holds a delayed job until its delay has passed, then runs it', async () => {
      let ranAt = 0;
      queue.register('contract.expire-hold', async () => {
        ranAt = Date.now();
      });
      await queue.startProcessing();

      const addedAt = Date.now();
      const id = await queue.add('contract.expire-hold', {}, { delayMs: 300 });

      expect((await queue.status(id)).state).toBe('delayed');
      await waitForState(queue, id, ['completed']);
      expect(ranAt - addedAt).toBeGreaterThanOrEqual(300 - SLACK_MS);
    });

    it('runs a repeatable job again and again, and adding the same schedule twice does not double it', async () => {
      const everyMs = 150;
      const runs: number[] = [];
      queue.register('contract.refresh-index', async () => {
        runs.push(Date.now());
      });
      await queue.startProcessing();

      await queue.addRepeatable('contract.refresh-index', {}, { everyMs });
      await queue.addRepeatable('contract.refresh-index', {}, { everyMs });

      await eventually('five runs of the schedule', () => runs.length >= 5);
      expectSingleSchedule(runs, everyMs);
    });

    it('stops running a repeatable job once its schedule is removed', async () => {
      const everyMs = 100;
      const runs: number[] = [];
      queue.register('contract.refresh-index', async () => {
        runs.push(Date.now());
      });
      await queue.startProcessing();
      await queue.addRepeatable('contract.refresh-index', {}, { everyMs });
      await eventually('a run of the schedule', () => runs.length >= 1);

      await queue.removeRepeatable('contract.refresh-index', { everyMs });
      const afterRemoval = runs.length;
      await sleep(everyMs * 4);

      // A run already under way when the schedule was removed may still finish.
      expect(runs.length).toBeLessThanOrEqual(afterRemoval + 1);
    });

    it('retries a failing job with growing backoff, then records it failed with the last error and the attempts made', async () => {
      const tries: Array<{ attempt: number; at: number }> = [];
      queue.register('contract.charge-card', async (job) => {
        tries.push({ attempt: job.attempt, at: Date.now() });
        throw new Error(`gateway refused (try ${job.attempt})`);
      });
      await queue.startProcessing();

      const id = await queue.add('contract.charge-card', { amountVnd: 150000 }, { attempts: 3, backoffMs: 100 });

      const status = await waitForState(queue, id, ['failed']);
      expect(status).toMatchObject({ id, state: 'failed', attemptsMade: 3, lastError: 'gateway refused (try 3)' });
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      const [first, second] = gaps(tries.map((t) => t.at));
      expect(first).toBeGreaterThanOrEqual(100 - SLACK_MS);
      expect(second).toBeGreaterThanOrEqual(200 - SLACK_MS);
    });

    it('runs a job that fails once again on its next attempt and then reports it completed', async () => {
      const attempts: number[] = [];
      queue.register('contract.flaky', async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new Error('temporarily unavailable');
      });
      await queue.startProcessing();

      const id = await queue.add('contract.flaky', {}, { attempts: 3, backoffMs: 20 });

      const status = await waitForState(queue, id, ['completed', 'failed']);
      expect(status).toMatchObject({ state: 'completed', attemptsMade: 2 });
      expect(attempts).toEqual([1, 2]);
    });

    it('fails a job whose name has no registered handler, naming it in the error', async () => {
      await queue.startProcessing();

      const id = await queue.add('contract.nobody-handles-this', {}, { attempts: 1 });

      const status = await waitForState(queue, id, ['failed']);
      expect(status.lastError).toContain('contract.nobody-handles-this');
    });

    it('ignores a second job with the same jobId while the first is waiting, delayed or active', async () => {
      const payloads: unknown[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      queue.register('contract.reindex-product', async (job) => {
        payloads.push(job.payload);
        await gate;
      });

      const first = await queue.add('contract.reindex-product', { n: 1 }, { jobId: 'product-7' });
      const whileWaiting = await queue.add('contract.reindex-product', { n: 2 }, { jobId: 'product-7' });
      const delayed = await queue.add('contract.reindex-product', { n: 3 }, { jobId: 'product-8', delayMs: 100 });
      const whileDelayed = await queue.add('contract.reindex-product', { n: 4 }, { jobId: 'product-8' });
      expect([first, whileWaiting, delayed, whileDelayed]).toEqual(['product-7', 'product-7', 'product-8', 'product-8']);
      expect((await queue.status('product-8')).state).toBe('delayed');

      await queue.startProcessing();
      await waitForState(queue, 'product-7', ['active']);
      await queue.add('contract.reindex-product', { n: 5 }, { jobId: 'product-7' });
      release();

      await waitForState(queue, 'product-7', ['completed']);
      await waitForState(queue, 'product-8', ['completed']);
      expect(payloads).toEqual([{ n: 1 }, { n: 3 }]);
    });

    it('runs a job again when its jobId is reused after the first one finished', async () => {
      const payloads: unknown[] = [];
      queue.register('contract.sync-stock', async (job) => {
        payloads.push(job.payload);
      });
      await queue.startProcessing();

      await queue.add('contract.sync-stock', { round: 1 }, { jobId: 'stock-3' });
      await waitForState(queue, 'stock-3', ['completed']);
      await queue.add('contract.sync-stock', { round: 2 }, { jobId: 'stock-3' });

      await eventually('the second run', () => payloads.length === 2);
      await waitForState(queue, 'stock-3', ['completed']);
      expect(payloads).toEqual([{ round: 1 }, { round: 2 }]);
    });

    it('reports a job it does not know as missing', async () => {
      expect(await queue.status('no-such-job')).toMatchObject({ id: 'no-such-job', state: 'missing' });
    });

    it('reports itself healthy while its store answers', async () => {
      expect(await queue.healthy()).toBe(true);
    });

    it('refuses a second handler for the same job name', () => {
      queue.register('contract.once-only', async () => undefined);
      expect(() => queue.register('contract.once-only', async () => undefined)).toThrow(/contract\.once-only/);
    });

    it('waits for a running job to finish when closed', async () => {
      let finished = false;
      queue.register('contract.slow', async () => {
        await sleep(150);
        finished = true;
      });
      await queue.startProcessing();
      const id = await queue.add('contract.slow', {});
      await waitForState(queue, id, ['active']);

      await queue.close();

      expect(finished).toBe(true);
    });

    it('runs jobs, delayed jobs and schedules added before a restart once the queue is back, without doubling a schedule', async () => {
      if (!under.restart) return;
      const everyMs = 100;
      await queue.add('contract.send-receipt', { orderId: 'o-9' }, { jobId: 'receipt-9' });
      await queue.add('contract.expire-hold', {}, { jobId: 'hold-9', delayMs: 200 });
      await queue.addRepeatable('contract.refresh-index', {}, { everyMs });

      const after = await under.restart();
      const receipts: unknown[] = [];
      const ticks: number[] = [];
      after.register('contract.send-receipt', async (job) => {
        receipts.push(job.payload);
      });
      after.register('contract.expire-hold', async () => undefined);
      after.register('contract.refresh-index', async () => {
        ticks.push(Date.now());
      });
      // Start-up code registers its schedules on every boot.
      await after.addRepeatable('contract.refresh-index', {}, { everyMs });
      await after.startProcessing();

      await waitForState(after, 'receipt-9', ['completed']);
      await waitForState(after, 'hold-9', ['completed']);
      await eventually('five runs of the schedule', () => ticks.length >= 5);
      expect(receipts).toEqual([{ orderId: 'o-9' }]);
      expectSingleSchedule(ticks, everyMs);
    });
  });
}
