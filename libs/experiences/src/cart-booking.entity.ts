import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, UpdatedAtColumn } from '@ocop/database';

/**
 * A place on an experience slot waiting in a cart beside its products (same `cartKey` as the cart's
 * product lines). It holds no seats: seats are taken when the cart is checked out, in the order's
 * transaction, and the booking is then paid with the order.
 */
@Entity('cart_bookings')
@Index('uq_cart_bookings_line', ['cartKey', 'slotId'], { unique: true })
export class CartBooking {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 80 })
  cartKey: string;

  @Index('idx_cart_bookings_slot')
  @Column(ID_COLUMN)
  slotId: string;

  @Column({ type: 'int' })
  people: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
