import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

/** A job of the in-process queue, kept in the database so it survives a restart. */
@Entity('jobs')
@Index('idx_jobs_due', ['state', 'runAt'])
export class JobRecord {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text' })
  payload: string;

  /** waiting (runAt may be in the future), active, completed or failed. */
  @Column({ type: 'varchar', length: 16 })
  state: string;

  @TimestampColumn()
  runAt: Date;

  @Column({ type: 'int', default: 0 })
  attemptsMade: number;

  @Column({ type: 'int', default: 5 })
  maxAttempts: number;

  @Column({ type: 'int', default: 1000 })
  backoffMs: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** `name:everyMs` for repeatable schedules; one row per schedule. */
  @Index('uq_jobs_repeat_key', { unique: true })
  @Column({ type: 'varchar', length: 191, nullable: true })
  repeatKey: string | null;

  @Column({ type: 'int', nullable: true })
  repeatEveryMs: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @TimestampColumn({ nullable: true })
  lockedAt: Date | null;

  @TimestampColumn({ nullable: true })
  finishedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export const JOBS_ENTITIES = [JobRecord];
