import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

export type MailStatus = 'queued' | 'sent' | 'kept' | 'failed';

/**
 * One e-mail in the outbox. Without SMTP a message stays here (`kept`) and is read in the admin
 * outbox; with SMTP it is delivered and marked `sent`.
 */
@Entity('mail_messages')
@Index('idx_mail_created', ['createdAt'])
export class MailMessage {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 254 })
  to: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 100 })
  template: string;

  @Column({ type: 'varchar', length: 5 })
  locale: string;

  @Column({ type: 'varchar', length: 16 })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Makes a message that must go out once (a reminder, a notice) idempotent across retries and restarts. */
  @Index('uq_mail_dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 191, nullable: true })
  dedupeKey: string | null;

  /** Which process delivered or kept it (host:pid), for operations. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  processedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  processedAt: Date | null;
}

export const NOTIFICATIONS_ENTITIES = [MailMessage];
