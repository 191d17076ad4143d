import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';
import { Clock, SystemClock, ValidationError } from '@ocop/core';
import { databaseReachable, isUniqueViolation, type Transactions } from '@ocop/database';
import { JobQueue, type AddJobOptions, type JobHandler, type JobStatus, type RepeatOptions } from './job-queue.port';
import { JobRecord } from './job.entity';

export interface InProcessJobQueueOptions {
  /** How often the table is polled for due jobs (default 100 ms); `add` in this process wakes it at once. */
  pollMs?: number;
  /** Written to `lockedBy` on claimed jobs; unique per instance by default. */
  workerId?: string;
  /** An active job whose lock is older than this belongs to a dead worker and runs again (default 5 minutes). */
  lockTimeoutMs?: number;
  /**
   * Whether this is the only instance processing jobs of this database (default true, the
   * embedded process). Then every job found active at start-up was left by a dead process and
   * runs again at once; otherwise only jobs whose lock has expired are taken over.
   */
  exclusive?: boolean;
  /** Completed jobs stay visible to `status()` this long before being deleted (default one day). */
  completedRetentionMs?: number;
  /** How often locks are refreshed, expired locks taken over and old completed jobs deleted (default 1 s). */
  maintenanceMs?: number;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 1000;
const MAX_ERROR_LENGTH = 2000;
// Keeps runAt a valid date however many attempts a job is given.
const MAX_BACKOFF_MS = 7 * 24 * 60 * 60_000;
const REPEAT_ID_PREFIX = 'repeat:';

/**
 * A job queue kept in the `jobs` table, for the single embedded process (and tests).
 *
 * Every state change is one conditional UPDATE checked by rows affected, so two instances on
 * one MySQL-compatible database never run the same attempt twice. Waiting, delayed and
 * repeatable jobs, retries and failures live in rows and so survive a restart; a job that was
 * running when its process died runs again (handlers are idempotent by the port's contract).
 */
export class InProcessJobQueue extends JobQueue {
  readonly kind = 'in-process';

  private readonly logger = new Logger('InProcessJobQueue');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly workerId: string;
  private readonly pollMs: number;
  private readonly lockTimeoutMs: number;
  private readonly exclusive: boolean;
  private readonly completedRetentionMs: number;
  private readonly maintenanceMs: number;

  private concurrency = 1;
  private processing = false;
  private closing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private pollAgain = false;
  private lastMaintenance = 0;
  private lastHeartbeat = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock = new SystemClock(),
    opts: InProcessJobQueueOptions = {},
  ) {
    super();
    this.pollMs = opts.pollMs ?? 100;
    this.workerId = (opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`).slice(0, 100);
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 5 * 60_000;
    this.exclusive = opts.exclusive ?? true;
    this.completedRetentionMs = opts.completedRetentionMs ?? 24 * 60 * 60_000;
    this.maintenanceMs = opts.maintenanceMs ?? 1000;
  }

  /** Registers the handler for a job name. Throws when the name already has a handler. */
  register<P>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  /**
   * Stores a job and returns its id. With `jobId`, a job of that id that is waiting, delayed or
   * active makes this a no-op; a completed or failed one is replaced and runs again.
   * Throws ValidationError for a name or jobId too long for the table.
   */
  async add<P>(name: string, payload: P, opts: AddJobOptions = {}): Promise<string> {
    checkLength('name', name, 100);
    if (opts.jobId !== undefined) checkLength('jobId', opts.jobId, 191);
    const id = opts.jobId ?? randomUUID();
    const now = this.clock.now();
    const fields = {
      name,
      payload: JSON.stringify(payload ?? null),
      state: 'waiting',
      runAt: new Date(now.getTime() + Math.max(0, opts.delayMs ?? 0)),
      attemptsMade: 0,
      maxAttempts: Math.max(1, opts.attempts ?? DEFAULT_ATTEMPTS),
      backoffMs: Math.max(0, opts.backoffMs ?? DEFAULT_BACKOFF_MS),
      lastError: null,
      lockedBy: null,
      lockedAt: null,
      finishedAt: null,
    };
    await this.write(async (em) => {
      if (opts.jobId !== undefined) {
        const reused = await em
          .createQueryBuilder()
          .update(JobRecord)
          .set(fields)
          .where('id = :id AND state IN (:...finished) AND repeatKey IS NULL', { id, finished: ['completed', 'failed'] })
          .execute();
        if (reused.affected) return;
      }
      await insertUnlessPresent(em, { id, ...fields, repeatKey: null, repeatEveryMs: null });
    });
    this.wake();
    return id;
  }

  /**
   * Stores the schedule `name:everyMs` as one row that is rescheduled after each run; the first
   * run is `everyMs` from now. Adding an existing schedule again (also after a restart) is a
   * no-op and keeps its payload. A failing run records its error and the schedule carries on.
   */
  async addRepeatable<P>(name: string, payload: P, opts: RepeatOptions): Promise<void> {
    checkLength('name', name, 100);
    if (!Number.isInteger(opts.everyMs) || opts.everyMs <= 0) throw new ValidationError('everyMs', 'must be a positive integer');
    const repeatKey = `${name}:${opts.everyMs}`;
    const now = this.clock.now();
    await this.write((em) =>
      insertUnlessPresent(em, {
        id: REPEAT_ID_PREFIX + repeatKey,
        name,
        payload: JSON.stringify(payload ?? null),
        state: 'waiting',
        runAt: new Date(now.getTime() + opts.everyMs),
        attemptsMade: 0,
        maxAttempts: 1,
        backoffMs: 0,
        lastError: null,
        repeatKey,
        repeatEveryMs: opts.everyMs,
        lockedBy: null,
        lockedAt: null,
        finishedAt: null,
      }),
    );
    this.wake();
  }

  /** Deletes the schedule; a run in progress finishes but is not rescheduled. Idempotent. */
  async removeRepeatable(name: string, opts: RepeatOptions): Promise<void> {
    const repeatKey = `${name}:${opts.everyMs}`;
    await this.write((em) => em.createQueryBuilder().delete().from(JobRecord).where('repeatKey = :repeatKey', { repeatKey }).execute());
  }

  /** The job's state; a waiting job whose time has not come is `delayed`. Never throws for unknown ids. */
  async status(id: string): Promise<JobStatus> {
    const row = await this.dataSource.getRepository(JobRecord).findOne({
      where: { id },
      select: { id: true, name: true, state: true, runAt: true, attemptsMade: true, lastError: true },
    });
    if (!row) return { id, name: '', state: 'missing', attemptsMade: 0 };
    const state = row.state === 'waiting' && row.runAt.getTime() > this.clock.now().getTime() ? 'delayed' : (row.state as JobStatus['state']);
    return { id: row.id, name: row.name, state, attemptsMade: row.attemptsMade, ...(row.lastError ? { lastError: row.lastError } : {}) };
  }

  /**
   * Recovers jobs left active by a dead process (all of them when `exclusive`, else those that
   * carry this worker's id or whose lock expired), then polls for due jobs and runs up to
   * `concurrency` (default 1) at a time. Calling it again while processing is a no-op.
   */
  async startProcessing(opts: { concurrency?: number } = {}): Promise<void> {
    if (this.processing || this.closing) return;
    this.concurrency = Math.max(1, opts.concurrency ?? 1);
    // Jobs with an expired lock are taken over by the first poll's maintenance.
    const left = this.activeJobs();
    if (!this.exclusive) left.andWhere('j.lockedBy = :me', { me: this.workerId });
    await this.release(await left.getRawMany<{ id: string; lockedBy: string | null }>());
    this.processing = true;
    this.schedule(0);
  }

  /** Stops polling, then waits for running handlers to finish and record their outcome. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.processing = false;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      await this.polling;
      await Promise.allSettled([...this.running.values()]);
    })();
    return this.closing;
  }

  /** Whether the database answers a trivial query. */
  healthy(): Promise<boolean> {
    return databaseReachable(this.dataSource);
  }

  private wake(): void {
    if (!this.processing) return;
    if (this.polling) this.pollAgain = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.processing) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.polling || !this.processing) return;
    this.polling = (async () => {
      try {
        do {
          this.pollAgain = false;
          await this.maintain();
          await this.claimDueJobs();
        } while (this.pollAgain && this.processing);
      } catch (err) {
        // A database hiccup must not stop the worker; the next poll tries again.
        this.logger.warn(`polling the jobs table failed: ${(err as Error).message}`);
      }
    })();
    await this.polling;
    this.polling = undefined;
    this.schedule(this.pollMs);
  }

  private async claimDueJobs(): Promise<void> {
    const free = this.concurrency - this.running.size;
    if (free <= 0) return;
    const now = this.clock.now();
    // Ask for more than the free slots: other instances may win some of the claims.
    const limit = free * 2;
    const due = await this.dataSource
      .getRepository(JobRecord)
      .createQueryBuilder('j')
      .select('j.id', 'id')
      .where('j.state = :waiting AND j.runAt <= :now', { waiting: 'waiting', now })
      .orderBy('j.runAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    for (const { id } of due) {
      if (!this.processing || this.running.size >= this.concurrency) return;
      const job = await this.claim(id, now);
      if (job) this.start(job);
    }
    if (due.length === limit && this.running.size < this.concurrency) this.pollAgain = true;
  }

  private claim(id: string, now: Date): Promise<JobRecord | null> {
    return this.write(async (em) => {
      const claimed = await em
        .createQueryBuilder()
        .update(JobRecord)
        .set({ state: 'active', lockedBy: this.workerId, lockedAt: now, attemptsMade: () => 'attemptsMade + 1' })
        .where('id = :id AND state = :waiting AND runAt <= :now', { id, waiting: 'waiting', now })
        .execute();
      if (claimed.affected !== 1) return null;
      return em.findOneBy(JobRecord, { id });
    });
  }

  private start(job: JobRecord): void {
    const run = this.execute(job).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, run);
  }

  private async execute(job: JobRecord): Promise<void> {
    let failure: unknown;
    let failed = false;
    try {
      const handler = this.handlers.get(job.name);
      if (!handler) throw new Error(`no handler registered for job "${job.name}"`);
      await handler({ id: job.id, name: job.name, payload: JSON.parse(job.payload) as unknown, attempt: job.attemptsMade });
    } catch (err) {
      failed = true;
      failure = err;
    }
    try {
      await this.finish(job, failed ? errorMessage(failure) : null);
    } catch (err) {
      // The outcome is lost, but the lock expires and the job runs again.
      this.logger.warn(`recording the outcome of job ${job.id} (${job.name}) failed: ${(err as Error).message}`);
    }
  }

  /** Records the outcome, only while this worker still holds the job's lock. */
  private async finish(job: JobRecord, error: string | null): Promise<void> {
    const now = this.clock.now();
    const released = { lockedBy: null, lockedAt: null, finishedAt: now };
    let next: Partial<JobRecord>;
    if (job.repeatKey && job.repeatEveryMs) {
      next = { ...released, state: 'waiting', runAt: nextRepeat(job.runAt, job.repeatEveryMs, now), attemptsMade: 0, lastError: error };
    } else if (error === null) {
      next = { ...released, state: 'completed', lastError: null };
    } else if (job.attemptsMade < job.maxAttempts) {
      const backoff = Math.min(job.backoffMs * 2 ** (job.attemptsMade - 1), MAX_BACKOFF_MS);
      next = { lockedBy: null, lockedAt: null, state: 'waiting', runAt: new Date(now.getTime() + backoff), lastError: error };
    } else {
      next = { ...released, state: 'failed', lastError: error };
    }
    await this.write((em) =>
      em.createQueryBuilder().update(JobRecord).set(next).where('id = :id AND state = :active AND lockedBy = :me', { id: job.id, active: 'active', me: this.workerId }).execute(),
    );
  }

  /** Refreshes this worker's locks, takes over expired ones and deletes old completed jobs, at most every `maintenanceMs`. */
  private async maintain(): Promise<void> {
    const wall = Date.now();
    if (wall - this.lastMaintenance < this.maintenanceMs) return;
    this.lastMaintenance = wall;
    const now = this.clock.now();
    const ids = [...this.running.keys()];
    const heartbeat = ids.length > 0 && wall - this.lastHeartbeat >= this.lockTimeoutMs / 4;
    if (heartbeat) this.lastHeartbeat = wall;
    const lockCutoff = new Date(now.getTime() - this.lockTimeoutMs);
    const keepAfter = new Date(now.getTime() - this.completedRetentionMs);
    if (heartbeat) {
      await this.write((em) =>
        em.createQueryBuilder().update(JobRecord).set({ lockedAt: now }).where('id IN (:...ids) AND state = :active AND lockedBy = :me', { ids, active: 'active', me: this.workerId }).execute(),
      );
    }
    // Our own running jobs are excluded: their handlers are alive even if a heartbeat was late.
    const expired = await this.activeJobs().andWhere('j.lockedAt < :lockCutoff AND j.lockedBy <> :me', { lockCutoff, me: this.workerId }).getRawMany<{ id: string; lockedBy: string | null }>();
    await this.release(expired, lockCutoff);
    // runAt never follows finishedAt, so the (state, runAt) index narrows this to old rows only.
    const old = await this.dataSource
      .getRepository(JobRecord)
      .createQueryBuilder('j')
      .select('j.id', 'id')
      .where('j.state = :completed AND j.runAt < :keepAfter AND j.finishedAt < :keepAfter', { completed: 'completed', keepAfter })
      .limit(500)
      .getRawMany<{ id: string }>();
    if (old.length > 0) {
      await this.write((em) =>
        em
          .createQueryBuilder()
          .delete()
          .from(JobRecord)
          .where('id IN (:...ids) AND state = :completed', { ids: old.map((r) => r.id), completed: 'completed' })
          .execute(),
      );
    }
  }

  private activeJobs() {
    return this.dataSource.getRepository(JobRecord).createQueryBuilder('j').select(['j.id AS id', 'j.lockedBy AS lockedBy']).where('j.state = :active', { active: 'active' });
  }

  /**
   * Returns jobs of dead workers to `waiting`. Candidates come from a plain read and each is
   * released by primary key under the lock it was seen with, so a range lock never meets the
   * row locks of workers claiming and finishing jobs (that pairing deadlocks on InnoDB).
   */
  private async release(jobs: Array<{ id: string; lockedBy: string | null }>, lockedBefore?: Date): Promise<void> {
    for (const { id, lockedBy } of jobs) {
      const released = await this.write((em) => {
        const qb = em.createQueryBuilder().update(JobRecord).set({ state: 'waiting', lockedBy: null, lockedAt: null }).where('id = :id AND state = :active', { id, active: 'active' });
        if (lockedBy === null) qb.andWhere('lockedBy IS NULL');
        else qb.andWhere('lockedBy = :lockedBy', { lockedBy });
        if (lockedBefore) qb.andWhere('lockedAt < :lockedBefore', { lockedBefore });
        return qb.execute();
      });
      if (released.affected) this.logger.warn(`job ${id} was left running by ${lockedBy ?? 'an unknown worker'}; it will run again`);
    }
  }

  /** One unit of work, tried again when the database chose it as a deadlock victim. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run(work);
      } catch (err) {
        if (attempt >= 5 || !isTransient(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
      }
    }
  }
}

/** The next slot of a schedule; missed slots are skipped rather than run in a burst. */
function nextRepeat(previous: Date, everyMs: number, now: Date): Date {
  const next = previous.getTime() + everyMs;
  return new Date(next > now.getTime() ? next : now.getTime() + everyMs);
}

async function insertUnlessPresent(em: EntityManager, row: Omit<JobRecord, 'createdAt' | 'updatedAt'>): Promise<void> {
  try {
    await em.createQueryBuilder().insert().into(JobRecord).values(row).execute();
  } catch (err) {
    // The row (same id or same schedule) exists and is still pending: that is the dedupe.
    if (!isUniqueViolation(err)) throw err;
  }
}

function isTransient(err: unknown): boolean {
  const driver = (err as { driverError?: { code?: string } }).driverError ?? (err as { code?: string });
  const code = driver?.code ?? '';
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
}

function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, MAX_ERROR_LENGTH);
}

function checkLength(field: string, value: string, max: number): void {
  if (value.length === 0 || value.length > max) throw new ValidationError(field, `must be 1 to ${max} characters`);
}
