import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN } from '@ocop/database';

/** The audit log of listing changes: product, from → to, reason, actor, time. */
@Entity('listing_changes')
@Index('idx_listing_changes_product', ['productId', 'createdAt'])
@Index('idx_listing_changes_created', ['createdAt'])
export class ListingChange {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  productId: string;

  @Column({ type: 'varchar', length: 16 })
  fromState: string;

  @Column({ type: 'varchar', length: 16 })
  toState: string;

  /** `published`, `vendor`, `admin`, `certificate_revoked`, `certificate_expired`, `vendor_suspended`, `certificate_renewed`, `relisted`. */
  @Column({ type: 'varchar', length: 32 })
  reason: string;

  /** The user who caused it, or null for the system (expiry, jobs). */
  @Column({ ...ID_COLUMN, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
