import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type SubOrderStatus = 'awaiting_payment' | 'paid' | 'packed' | 'shipped' | 'cancelled' | 'refunded';

/** The part of an order one vendor fulfils: its lines, its shipping, its commission frozen at sale. */
@Entity('sub_orders')
@Index('idx_sub_orders_vendor', ['vendorId', 'createdAt'])
@Index('idx_sub_orders_order', ['orderId'])
@Index('idx_sub_orders_review', ['reviewFlaggedAt'])
export class SubOrder {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  orderId: string;

  /** The order's reference and a number, e.g. `OCOP7K3M9Q2X-2`. */
  @Column({ type: 'varchar', length: 24 })
  reference: string;

  @Column(ID_COLUMN)
  vendorId: string;

  @Column({ type: 'varchar', length: 24 })
  status: SubOrderStatus;

  @Column({ type: 'int' })
  itemsVnd: number;

  @Column({ type: 'int' })
  shippingVnd: number;

  @Column({ type: 'int' })
  totalVnd: number;

  @Column({ type: 'int', default: 0 })
  refundedVnd: number;

  /** The vendor's commission rate in basis points at the time of sale (800 = 8 %); later changes never alter it. */
  @Column({ type: 'int' })
  commissionBps: number;

  /** The vendor's type at the time of sale: household sellers have tax withheld (Decree 117/2025). */
  @Column({ type: 'varchar', length: 16 })
  vendorType: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  carrier: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  trackingNumber: string | null;

  @TimestampColumn({ nullable: true })
  packedAt: Date | null;

  @TimestampColumn({ nullable: true })
  shippedAt: Date | null;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  /** Set when an admin must look at it (e.g. paid but a product's certificate was revoked before shipping). */
  @TimestampColumn({ nullable: true })
  reviewFlaggedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reviewReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;

  @TimestampColumn({ nullable: true })
  reviewedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
