import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, UpdatedAtColumn } from '@ocop/database';

/**
 * One product line of a cart. `cartKey` is `u:<userId>` for a signed-in shopper's cart and
 * `g:<sha256 of the guest cookie>` for a guest's, which merges into the shopper's on sign-in.
 */
@Entity('cart_items')
@Index('uq_cart_items_line', ['cartKey', 'productId'], { unique: true })
export class CartItem {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 80 })
  cartKey: string;

  @Index('idx_cart_items_product')
  @Column(ID_COLUMN)
  productId: string;

  @Column({ type: 'int' })
  quantity: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
