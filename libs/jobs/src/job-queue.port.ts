/** What a handler receives. `attempt` starts at 1. */
export interface JobContext<P = unknown> {
  id: string;
  name: string;
  payload: P;
  attempt: number;
}

export type JobHandler<P = unknown> = (job: JobContext<P>) => Promise<void>;

export interface AddJobOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Adding a second job with the same id while the first is waiting, delayed or active is a no-op. */
  jobId?: string;
  /** Total tries before the job is recorded as failed (default 5). */
  attempts?: number;
  /** First retry waits at least this long; later ones wait exponentially longer (default 1000). */
  backoffMs?: number;
}

export interface RepeatOptions {
  everyMs: number;
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'missing';

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  attemptsMade: number;
  lastError?: string;
}

/**
 * The job queue port. Handlers are registered by job name (`<lib>.<verb-noun>`) in every
 * process; only processes that call `startProcessing()` run them. Handlers must be idempotent:
 * a job may run more than once after a crash.
 */
export abstract class JobQueue {
  /** Registers the handler for a job name; a second registration for the same name throws. */
  abstract register<P>(name: string, handler: JobHandler<P>): void;

  /** Enqueues a job and returns its id; with `jobId`, duplicates are ignored (idempotent). */
  abstract add<P>(name: string, payload: P, opts?: AddJobOptions): Promise<string>;

  /** Schedules `name` every `everyMs`; calling it again with the same name and interval is a no-op. */
  abstract addRepeatable<P>(name: string, payload: P, opts: RepeatOptions): Promise<void>;

  /** Removes a repeatable schedule added with the same name and interval. */
  abstract removeRepeatable(name: string, opts: RepeatOptions): Promise<void>;

  /** The state of one job, `missing` when unknown. */
  abstract status(id: string): Promise<JobStatus>;

  /** Starts running registered handlers in this process. */
  abstract startProcessing(opts?: { concurrency?: number }): Promise<void>;

  /** Stops taking new jobs and waits for running ones to finish. */
  abstract close(): Promise<void>;

  /** Whether the backing store answers. */
  abstract healthy(): Promise<boolean>;

  /** A short adapter name for logs and health: `in-process` or `bull`. */
  abstract readonly kind: string;
}
