import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ocop/core';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type BookingStatus = 'awaiting_payment' | 'confirmed' | 'cancelled' | 'refunded';

/** Seats a shopper holds on one slot; paid on its own or as part of an order's checkout (`orderId`). */
@Entity('bookings')
@Index('idx_bookings_slot', ['slotId', 'status'])
@Index('idx_bookings_user', ['userId', 'createdAt'])
@Index('idx_bookings_status_expiry', ['status', 'expiresAt'])
@Index('idx_bookings_order', ['orderId'])
export class Booking {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** Shopper-facing, ASCII (it travels in bank-transfer references), e.g. `BK7K3M9Q2X`. */
  @Index('uq_bookings_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column(ID_COLUMN)
  experienceId: string;

  @Column(ID_COLUMN)
  slotId: string;

  @Column(ID_COLUMN)
  vendorId: string;

  @Column(ID_COLUMN)
  userId: string;

  @Column({ type: 'int' })
  people: number;

  @Column({ type: 'int' })
  unitPriceVnd: number;

  @Column({ type: 'int' })
  totalVnd: number;

  @Column({ type: 'int', default: 0 })
  refundedVnd: number;

  @Column({ type: 'varchar', length: 24 })
  status: BookingStatus;

  @Column({ type: 'varchar', length: 2 })
  locale: Locale;

  /** The order that pays for it when it was checked out with products; null when paid on its own. */
  @Column({ ...ID_COLUMN, nullable: true })
  orderId: string | null;

  /** Unpaid after this, the booking is cancelled and its seats freed. */
  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  paidAt: Date | null;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  /** `payment_expired`, `shopper`, `slot_cancelled`, `slot_started` (paid with an order after the start), `order_cancelled`, `admin`. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  cancelReason: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
