import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

import type { Role } from '@ocop/core';

export type { Role };
export type VendorRole = 'owner' | 'staff';

@Entity('users')
export class User {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** Stored lower-case; unique. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  /** Granted roles other than vendor membership, comma-separated (`shopper`, `admin`). */
  @Column({ type: 'varchar', length: 100 })
  roles: string;

  /** The one vendor this user works for, if any. */
  @Index('idx_users_vendor')
  @Column({ ...ID_COLUMN, nullable: true })
  vendorId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  vendorRole: VendorRole | null;

  @Column({ type: 'varchar', length: 5, default: 'vi' })
  locale: string;

  @TimestampColumn({ nullable: true })
  lastLoginAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
