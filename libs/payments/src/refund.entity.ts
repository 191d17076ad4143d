import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'manual';

/** Money returned to a shopper for a whole order or one sub-order; `manual` when the provider cannot refund (a bank transfer). */
@Entity('refunds')
@Index('idx_refunds_payment', ['paymentId'])
export class Refund {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  paymentId: string;

  @Column(ID_COLUMN)
  orderId: string;

  @Column({ ...ID_COLUMN, nullable: true })
  subOrderId: string | null;

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
