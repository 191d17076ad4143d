import { In, LessThan } from 'typeorm';
import type { Transactions } from '@ocop/database';
import { MailMessage } from './mail-message.entity';

/** Statements on the mail outbox; each joins the caller's transaction (`Transactions.manager()`). */
export class MailRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** Which of these dedupe keys some stored message already carries. */
  async knownDedupeKeys(keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.em.find(MailMessage, { select: { dedupeKey: true }, where: { dedupeKey: In(keys) } });
    return rows.flatMap((r) => (r.dedupeKey ? [r.dedupeKey] : []));
  }

  /** Stores the message unless one with its dedupe key exists; returns whether it was stored. */
  async insertUnlessKnown(row: MailMessage): Promise<boolean> {
    if (row.dedupeKey && (await this.em.countBy(MailMessage, { dedupeKey: row.dedupeKey })) > 0) return false;
    await this.em.insert(MailMessage, row);
    return true;
  }

  byId(id: string): Promise<MailMessage | null> {
    return this.em.findOneBy(MailMessage, { id });
  }

  /** Counts a failed delivery attempt with its error. */
  async recordFailure(id: string, lastError: string): Promise<void> {
    await this.em.update(MailMessage, { id }, { attempts: () => 'attempts + 1', lastError });
  }

  /** Moves a message still `queued` to its final status; a message handled meanwhile is left alone. */
  async markProcessed(id: string, set: Pick<MailMessage, 'status' | 'processedBy' | 'processedAt' | 'attempts'>): Promise<void> {
    await this.em.update(MailMessage, { id, status: 'queued' }, set);
  }

  /** Ids of up to `limit` messages still queued that were stored before `cutoff`. */
  async queuedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.em.find(MailMessage, { select: { id: true }, where: { status: 'queued', createdAt: LessThan(cutoff) }, take: limit });
    return rows.map((r) => r.id);
  }

  /** A page of messages, newest first, with the total. */
  page(take: number, skip: number): Promise<[MailMessage[], number]> {
    return this.em.findAndCount(MailMessage, { order: { createdAt: 'DESC' }, take, skip });
  }
}
