import { Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN } from '@ocop/database';

/**
 * One scanner of one product's trace code in one period (a UTC day). The scanner is a hash of
 * the client, never its address, so the table counts distinct scanners without keeping who they
 * are. A product's `scanCount` grows by one per new row.
 */
@Entity('trace_scans')
export class TraceScan {
  @PrimaryColumn(ID_COLUMN)
  productId: string;

  /** `YYYY-MM-DD` (UTC). */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  period: string;

  /** Hex SHA-256 of the period, the product and the client key. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scannerHash: string;

  @CreatedAtColumn()
  createdAt: Date;
}
