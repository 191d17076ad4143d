import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ocop/core';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type OrderStatus = 'awaiting_payment' | 'paid' | 'cancelled' | 'refunded';
export type PaymentMethod = 'sandbox' | 'stripe' | 'vietqr';
export type ShippingZone = 'domestic' | 'asia' | 'europe' | 'rest_of_world';

export interface ShippingAddress {
  name: string;
  line1: string;
  city: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  postalCode?: string;
  phone: string;
}

/**
 * One checkout: the shopper's order, split into one sub-order per vendor. Stock is reserved
 * (decremented) when it is placed and released when it is cancelled before payment.
 */
@Entity('orders')
@Index('idx_orders_user', ['userId', 'createdAt'])
@Index('idx_orders_status_expiry', ['status', 'expiresAt'])
export class Order {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** The shopper-facing number, ASCII only (it travels in bank-transfer references), e.g. `OCOP7K3M9Q2X`. */
  @Index('uq_orders_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column(ID_COLUMN)
  userId: string;

  @Column({ type: 'varchar', length: 24 })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 16 })
  paymentMethod: PaymentMethod;

  @Column({ type: 'int' })
  itemsVnd: number;

  @Column({ type: 'int' })
  shippingVnd: number;

  /** Village experiences booked in the same checkout (their bookings carry this order's id); in `totalVnd`. */
  @Column({ type: 'int', default: 0 })
  bookingsVnd: number;

  @Column({ type: 'int' })
  totalVnd: number;

  @Column({ type: 'int', default: 0 })
  refundedVnd: number;

  @Column({ type: 'simple-json' })
  shippingAddress: ShippingAddress;

  @Column({ type: 'varchar', length: 16 })
  shippingZone: ShippingZone;

  /** The shopper's language when ordering: e-mails about the order use it. */
  @Column({ type: 'varchar', length: 2 })
  locale: Locale;

  /** Unpaid after this, the order is cancelled and its stock released. */
  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  paidAt: Date | null;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  /** Why it was cancelled: `payment_expired`, `payment_failed`, `certificate_revoked`, `admin`, `shopper`. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  cancelReason: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
