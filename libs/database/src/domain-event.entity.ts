import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from './columns';

/**
 * The transactional outbox: an event row is written in the same transaction as the change it
 * describes and turned into jobs after commit by the relay, so no consequence is lost when a
 * process dies between commit and dispatch.
 */
@Entity('domain_events')
@Index('idx_domain_events_pending', ['dispatchedAt', 'createdAt'])
export class DomainEventRecord {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** Past tense: `CertificateRevoked`, `ProductListingChanged`. */
  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'text' })
  payload: string;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  dispatchedAt: Date | null;
}
