import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ocop/core';
import { CreatedAtColumn, ID_COLUMN, UpdatedAtColumn } from '@ocop/database';

export type ExperienceStatus = 'draft' | 'published' | 'archived';
export type ExperienceKind = 'workshop' | 'guided_visit';

/** A visit or workshop a vendor hosts in its village (a pottery class in Bát Tràng, a silk-weaving visit in Vạn Phúc). */
@Entity('experiences')
@Index('idx_experiences_village', ['villageId', 'status'])
@Index('idx_experiences_vendor', ['vendorId', 'createdAt'])
export class Experience {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('uq_experiences_slug', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Column(ID_COLUMN)
  vendorId: string;

  @Column(ID_COLUMN)
  villageId: string;

  @Column({ type: 'varchar', length: 16, default: 'workshop' })
  kind: ExperienceKind;

  /** Per locale; `vi` is required. */
  @Column({ type: 'simple-json' })
  title: Partial<Record<Locale, string>>;

  @Column({ type: 'simple-json' })
  description: Partial<Record<Locale, string>>;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'int' })
  pricePerPersonVnd: number;

  /** Languages the host guides in (vi, en, de, id, fr, ja, …). */
  @Column({ type: 'simple-json' })
  languages: string[];

  @Column({ type: 'varchar', length: 300 })
  meetingPoint: string;

  @Column({ type: 'int', default: 1 })
  minGroupSize: number;

  @Column({ type: 'int' })
  maxGroupSize: number;

  /** A booking cancelled at least this many hours before the start is refunded in full; later, not at all. */
  @Column({ type: 'int', default: 48 })
  freeCancellationHours: number;

  /** What the price includes (e.g. firing and shipping the piece you made), per locale. */
  @Column({ type: 'simple-json' })
  included: Partial<Record<Locale, string>>;

  @Column({ type: 'simple-json' })
  images: string[];

  @Column({ type: 'varchar', length: 16 })
  status: ExperienceStatus;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
