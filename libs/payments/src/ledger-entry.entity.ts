import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN } from '@ocop/database';

export type LedgerKind = 'sale' | 'commission' | 'vat_withheld' | 'pit_withheld' | 'refund' | 'commission_reversal' | 'vat_reversal' | 'pit_reversal' | 'payout';

/**
 * One movement of what the marketplace owes a vendor, in VND: positive adds to the vendor's
 * balance (a sale, a reversed commission), negative takes from it (commission, tax withheld, a
 * refund, a payout). Entries are never edited; `dedupeKey` makes writing one idempotent.
 */
@Entity('ledger_entries')
@Index('idx_ledger_vendor', ['vendorId', 'createdAt'])
@Index('idx_ledger_payout', ['payoutId'])
@Index('idx_ledger_booking', ['bookingId'])
export class LedgerEntry {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  vendorId: string;

  @Column({ ...ID_COLUMN, nullable: true })
  orderId: string | null;

  @Column({ ...ID_COLUMN, nullable: true })
  subOrderId: string | null;

  /** The booking a service sale (and its commission, taxes and refunds) belongs to; null for goods. */
  @Column({ ...ID_COLUMN, nullable: true })
  bookingId: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind: LedgerKind;

  @Column({ type: 'int' })
  amountVnd: number;

  /** The rate applied, in basis points, for commission and tax entries. */
  @Column({ type: 'int', nullable: true })
  rateBps: number | null;

  @Column({ ...ID_COLUMN, nullable: true })
  payoutId: string | null;

  @Index('uq_ledger_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  dedupeKey: string;

  @CreatedAtColumn()
  createdAt: Date;
}
