import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ocop/core';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type LocalizedText = Partial<Record<Locale, string>>;

/** A craft village (làng nghề): the place products and experiences come from. */
@Entity('villages')
@Index('idx_villages_featured', ['featured', 'featuredRank'])
export class Village {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('uq_villages_slug', { unique: true })
  @Column({ type: 'varchar', length: 140 })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 80 })
  province: string;

  @Column({ type: 'varchar', length: 120 })
  craft: string;

  /** The village's story per locale. */
  @Column({ type: 'simple-json' })
  story: LocalizedText;

  /** Network memberships, e.g. "World Craft Cities: World Craft Village for Ceramics (2025)". */
  @Column({ type: 'simple-json' })
  networks: string[];

  @Column({ type: 'simple-json' })
  photos: string[];

  @Column({ type: 'double', nullable: true })
  latitude: number | null;

  @Column({ type: 'double', nullable: true })
  longitude: number | null;

  @Column({ type: 'boolean', default: false })
  featured: boolean;

  @Column({ type: 'int', nullable: true })
  featuredRank: number | null;

  @TimestampColumn({ nullable: true })
  featuredFrom: Date | null;

  @TimestampColumn({ nullable: true })
  featuredUntil: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
