import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@ocop/core';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';

export type StoryKind = 'village' | 'artisan';
/** Admins publish directly; a vendor's story waits in `pending` for an admin's approval. */
export type StoryStatus = 'draft' | 'pending' | 'published' | 'rejected';

/** A village's or an artisan's story: Markdown per language, photos, the products it tells about. */
@Entity('stories')
@Index('idx_stories_village', ['villageId', 'status', 'publishedAt'])
@Index('idx_stories_status', ['status', 'createdAt'])
export class Story {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('uq_stories_slug', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StoryKind;

  @Column(ID_COLUMN)
  villageId: string;

  /** The vendor that wrote it; null for the marketplace's own stories. */
  @Column({ ...ID_COLUMN, nullable: true })
  vendorId: string | null;

  @Column(ID_COLUMN)
  authorId: string;

  @Column({ type: 'simple-json' })
  title: Partial<Record<Locale, string>>;

  /** Markdown per locale, rendered and sanitised when shown. */
  @Column({ type: 'simple-json' })
  body: Partial<Record<Locale, string>>;

  @Column({ type: 'simple-json' })
  photos: string[];

  @Column({ type: 'simple-json' })
  productIds: string[];

  @Column({ type: 'varchar', length: 16 })
  status: StoryStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;

  @TimestampColumn({ nullable: true })
  publishedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
