import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock, Events, type CertificateExpiredEvent, type CertificateRevokedEvent } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { JobQueue } from '@ocop/jobs';
import { Mailer } from '@ocop/notifications';
import { Certificate } from './certificate.entity';
import type { CertificateProducts } from './certificate-products.port';
import { chunk, CertificateRepository, type MemberRow } from './certificate.repository';
import { EXPIRE_CERTIFICATE_JOB } from './certification.job-names';
import { daysUntil, lastValidDay, reminderThreshold, REMINDER_DAYS, DAY_MS } from './certificate.rules';

/** What the relay hands the delisting notice: the event's payload plus its outbox id. */
export type DelistedNotice = (CertificateRevokedEvent | CertificateExpiredEvent) & { eventId: string; eventType?: string };

const BATCH = 200;
const SCHEDULE_PARALLEL = 8;
/**
 * Only expiries within this horizon get their delayed job when a certificate is written; an
 * hourly job schedules the rest as they come within it. A registry import of thousands of
 * certificates that expire years from now then queues almost nothing.
 */
export const EXPIRY_SCHEDULING_HORIZON_MS = 25 * 3600_000;

/** A date for people: 28/02/2028 in Vietnamese, 2028-02-28 otherwise. */
function formatDay(day: string, locale: string): string {
  return locale === 'vi' ? day.split('-').reverse().join('/') : day;
}

/**
 * The time-driven side of the registry: delayed expiry jobs, processing expiries (products leave
 * the shop through the `CertificateExpired` event), reminders before expiry and the notice sent to
 * a vendor when a certificate's products were taken down. Every method is idempotent across
 * retries, restarts and concurrent processes.
 */
@Injectable()
export class CertificateExpiryService {
  private readonly logger = new Logger('CertificateExpiry');

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {
    this.repo = new CertificateRepository(tx);
  }

  private readonly repo: CertificateRepository;

  /**
   * Schedules the expiry job of each certificate expiring within the horizon at exactly its
   * `expiresAt` (jobId `expire:<id>`; a pending job of that id makes this a no-op); later ones are
   * scheduled by `scheduleUpcoming`. Call after the transaction that wrote them
   * commits. Never throws: a lost job is caught by the sweep within a minute.
   */
  async scheduleExpiry(all: Pick<Certificate, 'id' | 'expiresAt'>[]): Promise<void> {
    const now = this.clock.now().getTime();
    const certs = all.filter((c) => c.expiresAt.getTime() - now <= EXPIRY_SCHEDULING_HORIZON_MS);
    const schedule = async (c: Pick<Certificate, 'id' | 'expiresAt'>) => {
      try {
        await this.jobs.add(EXPIRE_CERTIFICATE_JOB, { certificateId: c.id }, { jobId: `expire:${c.id}`, delayMs: Math.max(0, c.expiresAt.getTime() - now) });
      } catch (err) {
        this.logger.warn(`scheduling the expiry of certificate ${c.id} failed, the sweep will catch it: ${(err as Error).message}`);
      }
    };
    // A few at a time: a pooled database or Redis answers them in parallel (SQLite queues them anyway).
    for (const part of chunk(certs, SCHEDULE_PARALLEL)) await Promise.all(part.map(schedule));
  }

  /**
   * Schedules the delayed expiry job of every active, unprocessed certificate expiring within the
   * horizon (hourly and at start-up, so each gets its job a day ahead). Idempotent by job id.
   */
  async scheduleUpcoming(): Promise<number> {
    const now = this.clock.now();
    const upcoming = await this.repo.upcomingExpiries(now, new Date(now.getTime() + EXPIRY_SCHEDULING_HORIZON_MS));
    await this.scheduleExpiry(upcoming);
    return upcoming.length;
  }

  /**
   * Processes every active certificate whose `expiresAt` has passed and whose expiry is not yet
   * processed: per certificate, one transaction sets `expiryProcessedAt` with a conditional update
   * and emits `CertificateExpired` (the catalogue delists its products in that transaction).
   * Idempotent across processes: only the caller whose update changed the row emits. Returns how
   * many certificates it expired.
   */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.repo.dueForExpiry(now, BATCH);
      let won = 0;
      for (const c of due) {
        const changed = await this.tx.run(async () => {
          if (!(await this.repo.markExpiryProcessed(c.id, now))) return false;
          const event: CertificateExpiredEvent = { certificateId: c.id, vendorId: c.vendorId, at: c.expiresAt.toISOString() };
          await this.events.emit(Events.CertificateExpired, event, null);
          return true;
        });
        if (changed) won += 1;
      }
      expired += won;
      // A full batch that another process took entirely is not read again in a loop.
      if (due.length < BATCH || won === 0) return expired;
    }
  }

  /**
   * E-mails every member (owner and staff) of the vendor of each active certificate that lapses
   * within 90 days: the tightest of the 90-, 30- and 7-day reminders reached, each exactly once
   * per certificate, threshold and person (dedupe key `cert-reminder:<certId>:<days>:<userId>`),
   * however often it runs. Returns how many messages it queued.
   */
  async sendExpiryReminders(): Promise<number> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS);
    const repo = this.repo;
    let queued = 0;
    let afterId = '';
    for (;;) {
      const certs = await repo.expiringWithin(now, until, afterId, BATCH);
      if (certs.length === 0) return queued;
      afterId = certs[certs.length - 1].id;
      const vendorIds = certs.map((c) => c.vendorId);
      const [members, vendors] = await Promise.all([repo.members(vendorIds), repo.vendorsByIds(vendorIds)]);
      const byVendor = groupMembers(members);
      const planned: { key: string; cert: Certificate; threshold: number; user: MemberRow }[] = [];
      for (const cert of certs) {
        const threshold = reminderThreshold(cert.expiresAt, now);
        if (threshold === null) continue;
        for (const user of byVendor.get(cert.vendorId) ?? []) planned.push({ key: `cert-reminder:${cert.id}:${threshold}:${user.id}`, cert, threshold, user });
      }
      const sent = await this.existingKeys(planned.map((p) => p.key));
      for (const p of planned) {
        if (sent.has(p.key)) continue;
        const validThrough = lastValidDay(p.cert.expiresAt);
        const message = await this.mailer.queue({
          to: p.user.email,
          template: 'certificate-expiry-reminder',
          locale: p.user.locale,
          dedupeKey: p.key,
          data: {
            name: p.user.name,
            vendorName: vendors.get(p.cert.vendorId)?.name ?? '',
            productName: p.cert.productName,
            decisionNo: p.cert.decisionNo,
            stars: p.cert.stars,
            days: daysUntil(p.cert.expiresAt, now),
            threshold: p.threshold,
            validThrough: formatDay(validThrough, p.user.locale),
            certificatesUrl: `${this.config.urls.vendor}/certificates`,
          },
        });
        if (message) queued += 1;
      }
      if (certs.length < BATCH) return queued;
    }
  }

  /**
   * Tells every member of the vendor that a certificate's products were taken down, in their
   * language, with the reason and (when the catalogue answers `products`) how many products went.
   * One message per event and person (dedupe key `delisted:<eventId>:<userId>`), so a retried or
   * relayed-twice job sends nothing twice. Returns how many messages it queued.
   */
  async notifyDelisted(notice: DelistedNotice, products: CertificateProducts | null = null): Promise<number> {
    const repo = this.repo;
    const cert = await repo.byId(notice.certificateId);
    if (!cert) return 0;
    const revoked = notice.eventType ? notice.eventType === Events.CertificateRevoked : 'reason' in notice;
    const [vendor, members] = await Promise.all([repo.vendor(cert.vendorId), repo.members([cert.vendorId])]);
    let count: number | null = null;
    if (products) {
      const counts = (await products.count([cert.id])).get(cert.id);
      count = counts?.delisted[revoked ? 'certificate_revoked' : 'certificate_expired'] ?? 0;
    }
    let queued = 0;
    for (const user of members) {
      const message = await this.mailer.queue({
        to: user.email,
        template: 'certificate-delisted',
        locale: user.locale,
        dedupeKey: `delisted:${notice.eventId}:${user.id}`,
        data: {
          name: user.name,
          vendorName: vendor?.name ?? '',
          productName: cert.productName,
          decisionNo: cert.decisionNo,
          stars: cert.stars,
          revoked,
          reason: revoked ? (notice as CertificateRevokedEvent).reason : null,
          validThrough: formatDay(lastValidDay(cert.expiresAt), user.locale),
          count,
          hasCount: count !== null,
          productsUrl: `${this.config.urls.vendor}/products`,
          certificatesUrl: `${this.config.urls.vendor}/certificates`,
        },
      });
      if (message) queued += 1;
    }
    return queued;
  }

  private async existingKeys(keys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunk(keys)) for (const k of await this.mailer.knownDedupeKeys(part)) found.add(k);
    return found;
  }
}

function groupMembers(members: MemberRow[]): Map<string, MemberRow[]> {
  const out = new Map<string, MemberRow[]>();
  for (const m of members) if (m.vendorId) out.set(m.vendorId, [...(out.get(m.vendorId) ?? []), m]);
  return out;
}
