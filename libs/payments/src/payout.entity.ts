import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

export type PayoutStatus = 'due' | 'paid';

/** What the marketplace pays one vendor for one period (calendar dates, Vietnam time, inclusive). */
@Entity('payouts')
@Index('uq_payouts_period', ['vendorId', 'periodStart', 'periodEnd'], { unique: true })
export class Payout {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  vendorId: string;

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ type: 'varchar', length: 10 })
  periodEnd: string;

  @Column({ type: 'int' })
  amountVnd: number;

  @Column({ type: 'varchar', length: 8 })
  status: PayoutStatus;

  /** The bank transfer's reference, given when marked paid. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  bankReference: string | null;

  @TimestampColumn({ nullable: true })
  paidAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
