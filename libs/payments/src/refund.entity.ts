import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'manual';

/**
 * Money returned to a shopper for a whole order, one sub-order or one booking (`bookingId`, with
 * `orderId` set when the booking was paid as part of that order's checkout); `manual` when the
 * provider cannot refund (a bank transfer).
 */
@Entity('refunds')
@Index('idx_refunds_payment', ['paymentId'])
@Index('idx_refunds_booking', ['bookingId'])
export class Refund {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  paymentId: string;

  /** The order whose payment this returns; null for a booking paid on its own. */
  @Column({ ...ID_COLUMN, nullable: true })
  orderId: string | null;

  @Column({ ...ID_COLUMN, nullable: true })
  subOrderId: string | null;

  /** The booking this returns money for; null for order and sub-order refunds. */
  @Column({ ...ID_COLUMN, nullable: true })
  bookingId: string | null;

  @Column({ type: 'int' })
  amountVnd: number;

  @Column({ type: 'varchar', length: 16 })
  status: RefundStatus;

  /** `admin`, `order_cancelled_before_payment_arrived`, `certificate_revoked`… */
  @Column({ type: 'varchar', length: 48 })
  reason: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  providerRef: string | null;

  @Column({ ...ID_COLUMN, nullable: true })
  actorId: string | null;

  @TimestampColumn({ nullable: true })
  completedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
