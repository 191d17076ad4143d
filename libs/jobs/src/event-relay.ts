import { Logger } from '@nestjs/common';
import { In, IsNull, LessThan, type DataSource } from 'typeorm';
import { Clock } from '@ocop/core';
import { DomainEventRecord, Transactions } from '@ocop/database';
import { JobQueue } from './job-queue.port';

export const RELAY_EVENTS_JOB = 'events.relay';

/**
 * Turns outbox rows (`domain_events`) into jobs after commit: each event type maps to the job
 * names subscribed to it, and every (event, job) pair becomes one job with a deterministic id, so
 * relaying the same row twice (two processes, a crash before marking) queues it once while it is
 * pending. It runs right after each commit in this process and on a schedule as a safety net.
 */
export class EventRelay {
  private readonly subscriptions = new Map<string, string[]>();
  private readonly logger = new Logger('EventRelay');
  private running: Promise<number> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly jobs: () => JobQueue | null,
    private readonly clock: Clock,
  ) {
    tx.onCommit(() => this.kick());
  }

  /** Every `type` event will queue a `jobName` job with the event's payload plus `eventId`. */
  subscribe(type: string, jobName: string): void {
    const list = this.subscriptions.get(type) ?? [];
    if (!list.includes(jobName)) list.push(jobName);
    this.subscriptions.set(type, list);
  }

  /** Relays soon, coalescing bursts of commits into one pass. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relay()
      .catch((err) => {
        this.logger.warn(`relay failed, the schedule will retry: ${(err as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Dispatches up to `limit` pending events, oldest first; returns how many. Idempotent. */
  async relay(limit = 500): Promise<number> {
    const jobs = this.jobs();
    if (!jobs) return 0;
    let total = 0;
    for (;;) {
      const rows = await this.dataSource.getRepository(DomainEventRecord).find({ where: { dispatchedAt: IsNull() }, order: { createdAt: 'ASC' }, take: limit });
      if (rows.length === 0) return total;
      for (const row of rows) {
        for (const jobName of this.subscriptions.get(row.type) ?? []) {
          await jobs.add(jobName, { ...JSON.parse(row.payload), eventId: row.id, eventType: row.type }, { jobId: `${row.id}:${jobName}` });
        }
      }
      await this.tx.run((em) => em.update(DomainEventRecord, { id: In(rows.map((r) => r.id)), dispatchedAt: IsNull() }, { dispatchedAt: this.clock.now() }), { quiet: true });
      total += rows.length;
      if (rows.length < limit) return total;
    }
  }

  /** Deletes events dispatched more than `olderThanMs` ago (the outbox is not an archive); returns how many. */
  async prune(olderThanMs = 7 * 86400_000): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    const res = await this.tx.run((em) => em.delete(DomainEventRecord, { dispatchedAt: LessThan(cutoff) }), { quiet: true });
    return res.affected ?? 0;
  }

  /** Waits for a pass in flight and stops reacting to commits. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }
}
