import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ocop/core';
import { ID_COLUMN } from '@ocop/database';

/** One product of a sub-order, as it was when bought: title, price and certificate are snapshots. */
@Entity('order_lines')
@Index('idx_order_lines_sub_order', ['subOrderId'])
@Index('idx_order_lines_product', ['productId'])
@Index('idx_order_lines_certificate', ['certificateId'])
export class OrderLine {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  orderId: string;

  @Column(ID_COLUMN)
  subOrderId: string;

  @Column(ID_COLUMN)
  productId: string;

  @Column({ type: 'varchar', length: 200 })
  productSlug: string;

  @Column({ type: 'simple-json' })
  title: Partial<Record<Locale, string>>;

  @Column({ type: 'int' })
  unitPriceVnd: number;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int' })
  lineVnd: number;

  @Column({ type: 'int' })
  weightGrams: number;

  @Column(ID_COLUMN)
  certificateId: string;

  @Column({ type: 'varchar', length: 60 })
  decisionNo: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  certificateNo: string | null;

  @Column({ type: 'int' })
  stars: number;
}
