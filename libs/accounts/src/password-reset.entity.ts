import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

/**
 * A password-reset link sent by e-mail. As with sessions, the token itself is never stored: the
 * row's id is its SHA-256. A link works once (`usedAt`) and only until `expiresAt`.
 */
@Entity('password_resets')
export class PasswordReset {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Index('idx_password_resets_user')
  @Column(ID_COLUMN)
  userId: string;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;
}
