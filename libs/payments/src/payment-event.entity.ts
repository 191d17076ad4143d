import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN } from '@ocop/database';

/**
 * Every notification a provider sent (a Stripe event, a bank transfer notice), recorded once by
 * its id: a replay finds the row and changes nothing. Short, duplicate or unmatched transfers
 * are kept `flagged` for an admin.
 */
@Entity('payment_events')
@Index('uq_payment_events_id', ['provider', 'eventId'], { unique: true })
@Index('idx_payment_events_outcome', ['outcome', 'receivedAt'])
export class PaymentEvent {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 16 })
  provider: string;

  @Column({ type: 'varchar', length: 255 })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ ...ID_COLUMN, nullable: true })
  paymentId: string | null;

  /** `applied`, `ignored` or `flagged`. */
  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  /** Why it was ignored or flagged, e.g. `amount_short`, `duplicate_transfer`, `no_matching_order`. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reason: string | null;

  @Column({ type: 'int', nullable: true })
  amountVnd: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @CreatedAtColumn()
  receivedAt: Date;
}
