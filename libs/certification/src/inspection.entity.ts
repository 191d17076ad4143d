import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN } from '@ocop/database';

/** A post-recognition inspection (sample test) of a certified product. */
@Entity('inspections')
export class Inspection {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('idx_inspections_certificate')
  @Column(ID_COLUMN)
  certificateId: string;

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  inspectedOn: string;

  @Column({ type: 'varchar', length: 200 })
  body: string;

  @Column({ type: 'varchar', length: 8 })
  result: 'pass' | 'fail';

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ ...ID_COLUMN, nullable: true })
  recordedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
