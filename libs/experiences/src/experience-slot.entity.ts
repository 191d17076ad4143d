import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn } from '@ocop/database';

export type SlotStatus = 'open' | 'cancelled';

/**
 * One date and time an experience runs, with its capacity. `seatsTaken` counts seats held by
 * unpaid and confirmed bookings; it only changes by conditional updates
 * (`seatsTaken + n <= capacity`), so a slot is never overbooked.
 */
@Entity('experience_slots')
@Index('idx_slots_experience', ['experienceId', 'startsAt'])
@Index('idx_slots_starts', ['startsAt'])
export class ExperienceSlot {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(ID_COLUMN)
  experienceId: string;

  @TimestampColumn()
  startsAt: Date;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'int', default: 0 })
  seatsTaken: number;

  @Column({ type: 'varchar', length: 16 })
  status: SlotStatus;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
