import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_COLUMN, UpdatedAtColumn } from '@ocop/database';

/**
 * An admin-set display rate: how many VND one unit of `currency` (USD, EUR) is worth. Prices are
 * charged in VND; these give shoppers abroad an approximate figure only.
 */
@Entity('currency_rates')
export class CurrencyRate {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'int' })
  vndPerUnit: number;

  @Column({ ...ID_COLUMN, nullable: true })
  updatedBy: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}
