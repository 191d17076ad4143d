import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type CertificateLevel = 'district' | 'provincial' | 'national';
/** Stored status; `expired` is derived (active and past expiresAt), never stored. */
export type CertificateStatus = 'active' | 'revoked' | 'superseded';
export type ProductGroup = 'food' | 'beverages' | 'herbal' | 'handicrafts' | 'ornamentals' | 'tourism';
export const PRODUCT_GROUPS: readonly ProductGroup[] = ['food', 'beverages', 'herbal', 'handicrafts', 'ornamentals', 'tourism'];

/** An OCOP certificate as recorded in the registry; identified by decision number + product name. */
@Entity('certificates')
@Index('uq_certificates_decision_product', ['decisionNo', 'productName'], { unique: true })
@Index('idx_certificates_expiry', ['status', 'expiresAt'])
export class Certificate {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** e.g. `2361/QĐ-BNNMT`, `1032/QĐ-UBND`. */
  @Column({ type: 'varchar', length: 100 })
  decisionNo: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  certificateNo: string | null;

  /** The day the recognition decision was signed (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  decisionDate: string;

  @Column({ type: 'varchar', length: 200 })
  issuingBody: string;

  @Column({ type: 'varchar', length: 16 })
  level: CertificateLevel;

  @Index('idx_certificates_vendor')
  @Column(ID_COLUMN)
  vendorId: string;

  @Column({ type: 'varchar', length: 200 })
  productName: string;

  @Column({ type: 'varchar', length: 16 })
  productGroup: ProductGroup;

  @Column({ type: 'int' })
  stars: number;

  @Column({ type: 'double', nullable: true })
  score: number | null;

  /** The instant the certificate stops being valid (00:00 Asia/Ho_Chi_Minh by default). */
  @TimestampColumn()
  expiresAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: CertificateStatus;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  revokedByDecisionNo: string | null;

  /** The certificate this one renews (re-evaluation). */
  @Column({ ...ID_COLUMN, nullable: true })
  supersedesId: string | null;

  @Column({ ...ID_COLUMN, nullable: true })
  supersededById: string | null;

  /** When the expiry of this certificate was processed (products delisted, vendor told). */
  @TimestampColumn({ nullable: true })
  expiryProcessedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
