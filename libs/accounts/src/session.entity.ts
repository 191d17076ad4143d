import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

/**
 * A login. The token handed to the client is never stored: the row's id is its SHA-256, so a
 * leaked database does not leak usable tokens. Bearer tokens and page cookies are both sessions.
 */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Index('idx_sessions_user')
  @Column(ID_COLUMN)
  userId: string;

  /** `api` (bearer token) or `page` (cookie). */
  @Column({ type: 'varchar', length: 8 })
  kind: string;

  @CreatedAtColumn()
  createdAt: Date;

  @Index('idx_sessions_expires')
  @TimestampColumn()
  expiresAt: Date;
}
