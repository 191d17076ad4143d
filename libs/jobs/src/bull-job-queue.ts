import { Logger } from '@nestjs/common';
import Bull from 'bull';
import { JobQueue, type AddJobOptions, type JobHandler, type JobState, type JobStatus, type RepeatOptions } from './job-queue.port';

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 1000;
const HEALTH_TIMEOUT_MS = 2000;
// Enough history for `status()` and for operators, bounded so Redis does not grow without end.
const KEEP_COMPLETED = 1000;
const KEEP_FAILED = 5000;

/** A Bull queue on Redis under `prefix`; the caller closes it (or hands it to a BullJobQueue). */
export function createBullQueue(redisUrl: string, prefix: string, name = 'ocop'): Bull.Queue {
  return new Bull(name, redisUrl, { prefix });
}

/**
 * The job queue on Redis through one Bull queue shared by every job name, so any number of
 * processes can add jobs and any that call `startProcessing()` run them.
 *
 * Retries use Bull's exponential backoff, whose waits are `backoffMs · (2^n − 1)`: the first retry
 * waits `backoffMs` and each later wait is at least twice the one before.
 */
export class BullJobQueue extends JobQueue {
  readonly kind = 'bull';

  private readonly logger = new Logger('BullJobQueue');
  private readonly handlers = new Map<string, JobHandler>();
  private processing = false;
  private closing?: Promise<void>;

  constructor(private readonly queue: Bull.Queue) {
    super();
    // Without a listener a Redis error event would crash the process; ioredis reconnects by itself.
    queue.on('error', (err: Error) => this.logger.error(`Bull queue ${queue.name}: ${err.message}`));
  }

  /** Registers the handler for a job name. Throws when the name already has a handler. */
  register<P>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  /**
   * Adds a job and returns its id. With `jobId`, a job of that id that is waiting, delayed or
   * active makes this a no-op; a completed or failed one is removed first so the job runs again.
   * Rejects when Redis cannot be reached.
   */
  async add<P>(name: string, payload: P, opts: AddJobOptions = {}): Promise<string> {
    if (opts.jobId !== undefined) await this.forgetFinished(opts.jobId);
    const job = await this.queue.add(name, payload, {
      attempts: Math.max(1, opts.attempts ?? DEFAULT_ATTEMPTS),
      backoff: { type: 'exponential', delay: Math.max(0, opts.backoffMs ?? DEFAULT_BACKOFF_MS) },
      ...(opts.delayMs ? { delay: Math.max(0, opts.delayMs) } : {}),
      ...(opts.jobId !== undefined ? { jobId: opts.jobId } : {}),
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    return String(job.id);
  }

  /**
   * Schedules `name` every `everyMs` (Bull aligns runs to multiples of the interval). Adding the
   * same name and interval again, from any process, is a no-op. Each run is tried once.
   */
  async addRepeatable<P>(name: string, payload: P, opts: RepeatOptions): Promise<void> {
    await this.queue.add(name, payload, {
      repeat: { every: opts.everyMs },
      attempts: 1,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  /** Removes the schedule and its next pending run; a run in progress finishes. Idempotent. */
  async removeRepeatable(name: string, opts: RepeatOptions): Promise<void> {
    await this.queue.removeRepeatable(name, { every: opts.everyMs });
  }

  /**
   * The job's state, `missing` when Redis does not know it (also once the bounded history has
   * dropped it). `attemptsMade` counts the current or successful run, like the in-process queue.
   */
  async status(id: string): Promise<JobStatus> {
    let job = await this.queue.getJob(id);
    if (!job) return { id, name: '', state: 'missing', attemptsMade: 0 };
    const state = toJobState(await job.getState());
    // The job may have run and finished between the two reads; a finished job's hash no longer changes.
    if (state === 'completed' || state === 'failed') job = await this.queue.getJob(id);
    if (!job) return { id, name: '', state: 'missing', attemptsMade: 0 };
    const running = state === 'active' || state === 'completed';
    return {
      id: String(job.id),
      name: job.name,
      state,
      // Bull counts only failed tries.
      attemptsMade: job.attemptsMade + (running ? 1 : 0),
      // Bull keeps the reason of an earlier failed try even after a later one succeeded.
      ...(job.failedReason && state !== 'completed' ? { lastError: job.failedReason } : {}),
    };
  }

  /**
   * Starts running registered handlers for every job name, `concurrency` (default 1) at a time.
   * A job whose name has no handler here fails (and is retried) with an error naming it.
   * Calling it again is a no-op.
   */
  async startProcessing(opts: { concurrency?: number } = {}): Promise<void> {
    if (this.processing || this.closing) return;
    this.processing = true;
    // Bull's process() settles only when the queue closes, so it is not awaited.
    this.queue.process('*', Math.max(1, opts.concurrency ?? 1), (job) => this.dispatch(job)).catch((err: Error) => this.logger.error(`Bull worker stopped: ${err.message}`));
    await this.queue.isReady();
  }

  /** Stops taking jobs, waits for running ones and closes the Redis connections. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.queue.close();
    return this.closing;
  }

  /** Whether Redis answers a PING within two seconds. */
  async healthy(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS);
      });
      return (await Promise.race([this.queue.client.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async dispatch(job: Bull.Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler registered for job "${job.name}"`);
    await handler({ id: String(job.id), name: job.name, payload: job.data as unknown, attempt: job.attemptsMade + 1 });
  }

  /** Bull keeps finished jobs under their id, which would swallow a new job reusing it. */
  private async forgetFinished(jobId: string): Promise<void> {
    const existing = await this.queue.getJob(jobId);
    if (!existing) return;
    if ((await existing.isCompleted()) || (await existing.isFailed())) {
      // Another add may have removed it a moment ago; either way the id is free.
      await existing.remove().catch(() => undefined);
    }
  }
}

function toJobState(state: string): JobState {
  switch (state) {
    case 'completed':
    case 'failed':
    case 'delayed':
    case 'active':
    case 'waiting':
      return state;
    // Paused jobs wait for the queue to resume; a "stuck" job is between two lists for an instant.
    default:
      return 'waiting';
  }
}
