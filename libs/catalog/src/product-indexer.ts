import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@ocop/core';
import { rawTimestamp } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { SearchEngine, type ProductDocument } from '@ocop/search';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { SELLABLE_SQL } from './listing-gate';
import { Product } from './product.entity';

export const SYNC_PRODUCT_JOB = 'search.sync-product';
export const SYNC_CERTIFICATE_JOB = 'search.sync-certificate';
export const SYNC_VENDOR_JOB = 'search.sync-vendor';
export const SYNC_VILLAGE_JOB = 'search.sync-village';
const BATCH = 1000;

interface DocRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  productGroup: string;
  priceVnd: number | string;
  stock: number | string;
  listedAt: Date | string;
  stars: number | string;
  village: string;
  province: string;
  vendor: string;
}

const parse = (json: string) => (typeof json === 'string' ? (JSON.parse(json) as Record<string, string>) : (json as Record<string, string>));

function toDocument(r: DocRow): ProductDocument {
  return {
    id: r.id,
    slug: r.slug,
    title: parse(r.title) as ProductDocument['title'],
    description: parse(r.description),
    village: r.village,
    province: r.province,
    vendor: r.vendor,
    productGroup: r.productGroup,
    stars: Number(r.stars),
    priceVnd: Number(r.priceVnd),
    inStock: Number(r.stock) > 0,
    listedAt: rawTimestamp(r.listedAt).toISOString(),
  };
}

/**
 * Keeps the search index equal to the sellable catalogue: a product is in the index iff the
 * listing gate lets it be sold now. Driven by listing events (one job per change) and rebuilt
 * from the database at start-up (embedded engine) or on demand. Every method is idempotent.
 */
@Injectable()
export class ProductIndexer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: SearchEngine,
    private readonly clock: Clock,
  ) {}

  private sellableDocs(where: string, params: Record<string, unknown>) {
    return this.dataSource
      .createQueryBuilder()
      .from(Product, 'p')
      .innerJoin(Certificate, 'c', 'c.id = p.certificateId')
      .innerJoin(Vendor, 'v', 'v.id = p.vendorId')
      .innerJoin(Village, 'vil', 'vil.id = p.villageId')
      .where(SELLABLE_SQL, { now: this.clock.now() })
      .andWhere(where, params)
      .select([
        'p.id AS id',
        'p.slug AS slug',
        'p.title AS title',
        'p.description AS description',
        'p.productGroup AS productGroup',
        'p.priceVnd AS priceVnd',
        'p.stock AS stock',
        'p.listedAt AS listedAt',
      ])
      .addSelect(['c.stars AS stars', 'vil.slug AS village', 'vil.province AS province', 'v.name AS vendor']);
  }

  /** Upserts the given products that are sellable now and removes the others. */
  async sync(productIds: string[]): Promise<{ upserted: number; removed: number }> {
    if (productIds.length === 0) return { upserted: 0, removed: 0 };
    const rows = await this.sellableDocs('p.id IN (:...ids)', { ids: productIds }).getRawMany<DocRow>();
    const keep = new Set(rows.map((r) => r.id));
    const gone = productIds.filter((id) => !keep.has(id));
    if (rows.length) await this.search.upsert(rows.map(toDocument));
    if (gone.length) await this.search.remove(gone);
    return { upserted: rows.length, removed: gone.length };
  }

  /** Re-syncs every product under a certificate (after renewal its products show the new stars). */
  syncCertificate(certificateId: string): Promise<{ upserted: number; removed: number }> {
    return this.syncWhere({ certificateId });
  }

  /** Re-syncs every product of a vendor (after a rename shoppers find them by the new name). */
  syncVendor(vendorId: string): Promise<{ upserted: number; removed: number }> {
    return this.syncWhere({ vendorId });
  }

  /** Re-syncs every product of a village (after its name or province changed). */
  syncVillage(villageId: string): Promise<{ upserted: number; removed: number }> {
    return this.syncWhere({ villageId });
  }

  private async syncWhere(where: { certificateId: string } | { vendorId: string } | { villageId: string }) {
    const ids = (await this.dataSource.getRepository(Product).find({ select: { id: true }, where })).map((p) => p.id);
    const total = { upserted: 0, removed: 0 };
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = await this.sync(ids.slice(i, i + BATCH));
      total.upserted += part.upserted;
      total.removed += part.removed;
    }
    return total;
  }

  /**
   * Makes the index hold exactly the sellable products: upserts every one of them in batches,
   * then removes whatever else the index held. Searches keep answering throughout (the index is
   * never emptied first). Returns how many products were indexed.
   */
  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    await this.search.ensureIndex();
    const stale = new Set(await this.search.allIds());
    const total = await this.sellableDocs('1 = 1', {}).getCount();
    let done = 0;
    let after = '';
    for (;;) {
      const rows = await this.sellableDocs('p.id > :after', { after }).orderBy('p.id', 'ASC').limit(BATCH).getRawMany<DocRow>();
      if (rows.length === 0) break;
      await this.search.upsert(rows.map(toDocument));
      for (const r of rows) stale.delete(r.id);
      done += rows.length;
      after = rows[rows.length - 1].id;
      onProgress?.(done, total);
    }
    if (stale.size) await this.search.remove([...stale]);
    return done;
  }
}
