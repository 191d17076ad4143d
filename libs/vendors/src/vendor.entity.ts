import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type VendorType = 'cooperative' | 'enterprise' | 'household';
export type VendorStatus = 'pending' | 'approved' | 'suspended';

/** An OCOP entity selling on the marketplace (cooperative, enterprise or household business). */
@Entity('vendors')
@Index('idx_vendors_status', ['status', 'createdAt'])
export class Vendor {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('uq_vendors_slug', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: VendorType;

  @Index('idx_vendors_village')
  @Column(ID_COLUMN)
  villageId: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  taxCode: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: VendorStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  /** Marketplace commission in basis points (800 = 8 %), frozen on each sale. */
  @Column({ type: 'int', default: 800 })
  commissionBps: number;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @TimestampColumn({ nullable: true })
  approvedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
