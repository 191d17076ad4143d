import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

/**
 * An owner's invitation to join a vendor as staff, e-mailed as a single-use link. Nobody becomes
 * a member until the invitee, logged in with the invited e-mail, accepts it. The token is never
 * stored: `tokenHash` is its SHA-256.
 */
@Entity('vendor_invitations')
@Index('idx_vendor_invitations_vendor', ['vendorId', 'createdAt'])
export class VendorInvitation {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('uq_vendor_invitations_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(ID_COLUMN)
  vendorId: string;

  /** The invited address, lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column(ID_COLUMN)
  invitedBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  acceptedAt: Date | null;

  @Column({ ...ID_COLUMN, nullable: true })
  acceptedBy: string | null;
}
