import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type PaymentProvider = 'sandbox' | 'stripe' | 'vietqr';
export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'refunded' | 'partially_refunded';
/** What a payment pays for: an order (and later a booking). */
export type PaymentPurpose = 'order' | 'booking';

/** One attempt to collect an amount through one provider. */
@Entity('payments')
@Index('idx_payments_subject', ['purpose', 'subjectId'])
@Index('uq_payments_provider_ref', ['provider', 'providerRef'], { unique: true })
export class Payment {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: PaymentPurpose;

  @Column(ID_COLUMN)
  subjectId: string;

  @Column({ type: 'varchar', length: 16 })
  provider: PaymentProvider;

  @Column({ type: 'varchar', length: 24 })
  status: PaymentStatus;

  @Column({ type: 'int' })
  amountVnd: number;

  @Column({ type: 'int', default: 0 })
  refundedVnd: number;

  /** The reference the shopper or bank sees (the order's), ASCII; VietQR transfers are matched on it. */
  @Index('idx_payments_reference')
  @Column({ type: 'varchar', length: 25 })
  reference: string;

  /** The provider's id for it (Stripe PaymentIntent id); null for providers without one. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  providerRef: string | null;

  @TimestampColumn({ nullable: true })
  succeededAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
