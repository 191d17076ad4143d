import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DelistReason, ListingState, Locale } from '@ocop/core';
import { CreatedAtColumn, ID_COLUMN, TimestampColumn, UpdatedAtColumn } from '@ocop/database';
import type { ProductGroup } from '@ocop/certification';

export type LocalizedText = Partial<Record<Locale, string>>;

/** Traceability fields of Circular 02/2024 that the vendor fills in (the rest come from the product). */
export interface Traceability {
  producerAddress?: string;
  brand?: string;
  shelfLife?: string;
  standards?: string;
  productionStages?: { stage: string; location?: string; time?: string }[];
}

/** A product sold under one OCOP certificate of its vendor. */
@Entity('products')
@Index('idx_products_listing', ['state', 'listedAt'])
@Index('idx_products_certificate', ['certificateId', 'state'])
@Index('idx_products_vendor', ['vendorId', 'createdAt'])
export class Product {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('uq_products_slug', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @Column(ID_COLUMN)
  vendorId: string;

  @Column(ID_COLUMN)
  certificateId: string;

  @Index('idx_products_village')
  @Column(ID_COLUMN)
  villageId: string;

  /** Per locale; `vi` is required. */
  @Column({ type: 'simple-json' })
  title: LocalizedText;

  @Column({ type: 'simple-json' })
  description: LocalizedText;

  @Column({ type: 'varchar', length: 16 })
  productGroup: ProductGroup;

  @Column({ type: 'int' })
  priceVnd: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'int', nullable: true })
  weightGrams: number | null;

  @Column({ type: 'varchar', length: 14, nullable: true })
  gtin: string | null;

  @Column({ type: 'boolean', default: false })
  exportEligible: boolean;

  @Column({ type: 'simple-json' })
  images: string[];

  @Column({ type: 'simple-json' })
  traceability: Traceability;

  @Column({ type: 'varchar', length: 16 })
  state: ListingState;

  @Column({ type: 'varchar', length: 32, nullable: true })
  delistReason: DelistReason | null;

  /** Short public code printed as a QR on the label (`/verify/<code>`). */
  @Index('uq_products_trace_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  traceCode: string;

  @Column({ type: 'int', default: 0 })
  scanCount: number;

  @Column({ type: 'int', default: 0 })
  unitsSold: number;

  @TimestampColumn({ nullable: true })
  listedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
