import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createTransport, type Transporter } from 'nodemailer';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { JobQueue } from '@ocop/jobs';
import { MailMessage } from './mail-message.entity';
import { MailRepository } from './mail.repository';
import { renderMail } from './mail-templates';

export const DELIVER_MAIL_JOB = 'notifications.deliver-mail';
export const RELAY_OUTBOX_JOB = 'notifications.relay-outbox';

/** A file sent with a message (a calendar invitation). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Builds the attachments of a stored message of one template, from what the message carries
 * (its dedupe key names its subject). Run when the message is delivered or shown, so a message
 * in the outbox always has them and the rows stay as they are.
 */
export type AttachmentSource = (message: MailMessage) => Promise<MailAttachment[]>;

export interface SendMail {
  to: string;
  template: string;
  locale: string;
  data: Record<string, unknown>;
  /** Sending twice with the same key stores one message. */
  dedupeKey?: string;
}

/**
 * The mail outbox. `queue` stores a rendered message (in the caller's transaction when it runs in
 * one, so the mail exists exactly when the change that caused it does); `deliver` sends it over
 * SMTP or, without SMTP, keeps it for the admin outbox page.
 */
@Injectable()
export class Mailer {
  private transport: Transporter | null;
  private readonly me = `${hostname()}:${process.pid}`;
  private readonly repo: MailRepository;
  private readonly attachmentSources = new Map<string, AttachmentSource>();

  constructor(
    private readonly tx: Transactions,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.transport = config.smtp ? createTransport(config.smtp.url) : null;
    this.repo = new MailRepository(tx);
  }

  /**
   * Stores the message as `queued` and asks for delivery. Inside a running transaction it is
   * stored in that transaction and the caller asks for delivery (`dispatch`) after commit.
   * Idempotent on `dedupeKey`: returns null when a message with that key already exists. Throws
   * when the template does not exist.
   */
  async queue(mail: SendMail): Promise<MailMessage | null> {
    const rendered = renderMail(mail.template, mail.locale, mail.data);
    const row = Object.assign(new MailMessage(), {
      id: randomUUID(),
      to: mail.to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      template: mail.template,
      locale: rendered.locale,
      status: 'queued' as const,
      attempts: 0,
      lastError: null,
      dedupeKey: mail.dedupeKey ?? null,
      processedBy: null,
      processedAt: null,
    });
    const joined = this.tx.inTransaction();
    const inserted = await this.tx.run(() => this.repo.insertUnlessKnown(row));
    if (!inserted) return null;
    // Inside the caller's transaction the caller dispatches after commit; the relay is the safety net.
    if (!joined) await this.dispatch(row);
    return row;
  }

  /** Gives messages of `template` the attachments `source` builds (registering again replaces). */
  attachWith(template: string, source: AttachmentSource): void {
    this.attachmentSources.set(template, source);
  }

  /** The attachments of a stored message; none when its template has no source in this process. */
  async attachmentsOf(message: MailMessage): Promise<MailAttachment[]> {
    const source = this.attachmentSources.get(message.template);
    return source ? source(message) : [];
  }

  /** Which of these dedupe keys (at most a few hundred) some stored message already carries; for planning sends in bulk. */
  knownDedupeKeys(keys: string[]): Promise<string[]> {
    return this.repo.knownDedupeKeys(keys);
  }

  /** Asks for delivery of a stored message; call after the transaction that queued it commits. Idempotent. */
  async dispatch(message: { id: string } | null): Promise<void> {
    if (message) await this.jobs.add(DELIVER_MAIL_JOB, { id: message.id }, { jobId: `mail:${message.id}` });
  }

  /**
   * Delivers one queued message: over SMTP when configured (then `sent`), otherwise `kept` in the
   * outbox. Idempotent: a message that is no longer `queued` is left alone. SMTP errors are
   * rethrown so the job is retried; the attempt count is recorded.
   */
  async deliver(id: string): Promise<void> {
    const msg = await this.repo.byId(id);
    if (!msg || msg.status !== 'queued') return;
    if (this.transport) {
      try {
        const attachments = (await this.attachmentsOf(msg)).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }));
        await this.transport.sendMail({ from: this.config.mailFrom, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text, ...(attachments.length ? { attachments } : {}) });
      } catch (err) {
        const lastError = String((err as Error).message).slice(0, 1000);
        await this.tx.run(() => this.repo.recordFailure(id, lastError));
        throw err;
      }
    }
    await this.tx.run(() => this.repo.markProcessed(id, { status: this.transport ? 'sent' : 'kept', processedBy: this.me, processedAt: this.clock.now(), attempts: msg.attempts + 1 }));
  }

  /** Asks for delivery of messages still queued after `olderThanMs` (their job was lost or never added). */
  async relay(olderThanMs = 5000): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    const stuck = await this.repo.queuedBefore(cutoff, 500);
    for (const id of stuck) await this.jobs.add(DELIVER_MAIL_JOB, { id }, { jobId: `mail:${id}` });
    return stuck.length;
  }

  /** The newest messages first, for the admin outbox. */
  async list(opts: { page?: number; limit?: number } = {}): Promise<{ items: MailMessage[]; total: number }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const page = Math.max(opts.page ?? 1, 1);
    const [items, total] = await this.repo.page(limit, (page - 1) * limit);
    return { items, total };
  }

  /** One message, or null. */
  get(id: string): Promise<MailMessage | null> {
    return this.repo.byId(id);
  }
}
