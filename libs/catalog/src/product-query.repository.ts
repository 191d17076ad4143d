import type { ObjectLiteral, QueryResult, SelectQueryBuilder } from 'typeorm';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { rawTimestamp, type Transactions } from '@ocop/database';
import { sellability, SELLABLE_SQL } from './listing-gate';
import { likePattern, type ProductListQuery } from './product-query';
import { Product } from './product.entity';
import { TraceScan } from './trace-scan.entity';

/** One row of a storefront list: only the columns a product card needs. */
export interface ProductCardRow {
  id: string;
  slug: string;
  title: string;
  priceVnd: number | string;
  images: string;
  productGroup: string;
  stars: number | string;
  villageSlug: string;
  villageName: string;
  vendorSlug: string;
  vendorName: string;
}

/** A card as read for a list served by the search index: the card and the listing gate's inputs. */
export type CardRow = ProductCardRow & {
  productGroup: string;
  state: string;
  productVendorId: string;
  certificateVendorId: string;
  certificateStatus: string;
  expiresAt: Date | string;
  vendorStatus: string;
};

/** Whether the card's product may be sold at `now` (`sellability` over the row's columns). */
export function cardGate(r: CardRow, now: Date): boolean {
  return sellability(
    { vendorId: r.productVendorId, state: r.state },
    { vendorId: r.certificateVendorId, status: r.certificateStatus, expiresAt: rawTimestamp(r.expiresAt) },
    { status: r.vendorStatus },
    now,
  ).sellable;
}

export type ListFilters = Omit<ProductListQuery, 'sort' | 'page' | 'limit' | 'lang'>;

const ORDER: Record<ProductListQuery['sort'], [string, 'ASC' | 'DESC'][]> = {
  // Without a search index there is no text score: newest first, as the index orders a browse.
  relevance: [['p.listedAt', 'DESC']],
  price_asc: [['p.priceVnd', 'ASC']],
  price_desc: [['p.priceVnd', 'DESC']],
  newest: [['p.listedAt', 'DESC']],
};

const CARDS_SQL: string[] = [];

/** The cards query for `n` ids; one text per count, so the driver's statement cache keeps each prepared. */
function cardsSql(n: number): string {
  return (CARDS_SQL[n] ??=
    'SELECT p.id AS id, p.slug AS slug, p.title AS title, p.priceVnd AS priceVnd, p.images AS images, p.productGroup AS productGroup, ' +
    'c.stars AS stars, vil.slug AS villageSlug, vil.name AS villageName, v.slug AS vendorSlug, v.name AS vendorName, ' +
    'p.state AS state, p.vendorId AS productVendorId, c.vendorId AS certificateVendorId, c.status AS certificateStatus, c.expiresAt AS expiresAt, v.status AS vendorStatus ' +
    'FROM products p INNER JOIN certificates c ON c.id = p.certificateId INNER JOIN vendors v ON v.id = p.vendorId INNER JOIN villages vil ON vil.id = p.villageId ' +
    `WHERE p.id IN (${Array(n).fill('?').join(', ')})`);
}

/**
 * The storefront's reads over products. Every list carries the listing gate as SQL
 * (`SELLABLE_SQL` at `:now`), so a product whose certificate lapsed a moment ago is hidden before
 * any job has run; it selects plain columns and hydrates no entities.
 */
export class ProductQueryRepository {
  constructor(private readonly tx: Transactions) {}

  /** The manager of the caller's transaction, or the default one outside a transaction. */
  private get ds() {
    return this.tx.manager();
  }

  private get dialect(): 'sqlite' | 'mysql' {
    return this.tx.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  /** Sellable products matching the filters, over `products p, certificates c, vendors v, villages vil`. */
  private sellable(f: ListFilters, now: Date): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.ds
      .createQueryBuilder()
      .from(Product, 'p')
      .innerJoin(Certificate, 'c', 'c.id = p.certificateId')
      .innerJoin(Vendor, 'v', 'v.id = p.vendorId')
      .innerJoin(Village, 'vil', 'vil.id = p.villageId')
      .where(SELLABLE_SQL, { now });
    if (f.village) qb.andWhere('vil.slug IN (:...village)', { village: f.village });
    if (f.productGroup) qb.andWhere('p.productGroup IN (:...productGroup)', { productGroup: f.productGroup });
    if (f.inStock !== undefined) qb.andWhere(f.inStock ? 'p.stock > 0' : 'p.stock = 0');
    if (f.minStars !== undefined) qb.andWhere('c.stars >= :minStars', { minStars: f.minStars });
    if (f.minPrice !== undefined) qb.andWhere('p.priceVnd >= :minPrice', { minPrice: f.minPrice });
    if (f.maxPrice !== undefined) qb.andWhere('p.priceVnd <= :maxPrice', { maxPrice: f.maxPrice });
    if (f.q) this.matchText(qb, f.q);
    return qb as SelectQueryBuilder<ObjectLiteral>;
  }

  /**
   * The text condition of the database fallback (used only when no search index serves this
   * process): a case-insensitive substring of the Vietnamese or English title. SQLite's LOWER
   * folds ASCII letters only.
   */
  private matchText(qb: SelectQueryBuilder<ObjectLiteral>, q: string): void {
    const title = (lang: string) => (this.dialect === 'sqlite' ? `LOWER(json_extract(p.title, '$.${lang}'))` : `LOWER(JSON_UNQUOTE(JSON_EXTRACT(p.title, '$.${lang}')))`);
    const escape = this.dialect === 'sqlite' ? ` ESCAPE '\\'` : '';
    qb.andWhere(`(${title('vi')} LIKE :q${escape} OR ${title('en')} LIKE :q${escape})`, { q: likePattern(q) });
  }

  /** One page of product cards in the requested order (ties broken by id, so pages never overlap). */
  page(query: ProductListQuery, now: Date): Promise<ProductCardRow[]> {
    const qb = this.cardColumns(this.sellable(query, now));
    for (const [column, dir] of ORDER[query.sort]) qb.addOrderBy(column, dir);
    return qb
      .addOrderBy('p.id', 'ASC')
      .offset((query.page - 1) * query.limit)
      .limit(query.limit)
      .getRawMany<ProductCardRow>();
  }

  /**
   * The cards of `ids`, each with its product group and whether it is sellable at `now`, in no
   * particular order. Looked up by primary key, then put through the listing gate's own function
   * (`sellability`): with the gate in SQL, SQLite would walk the index of every listed product.
   */
  /** The cards of these products with what the listing gate needs (see `cardGate`), in no particular order. */
  async cards(ids: string[]): Promise<CardRow[]> {
    if (ids.length === 0) return [];
    // Run on every list and search, so written once per id count rather than built each time.
    return (await this.ds.query(cardsSql(ids.length), ids)) as CardRow[];
  }

  /** Name, craft and province of the villages with these slugs, or of every village when none are given. */
  villages(slugs?: string[]): Promise<{ slug: string; name: string; craft: string; province: string }[]> {
    if (slugs?.length === 0) return Promise.resolve([]);
    const qb = this.ds.createQueryBuilder().from(Village, 'vil').select(['vil.slug AS slug', 'vil.name AS name', 'vil.craft AS craft', 'vil.province AS province']);
    if (slugs) qb.where('vil.slug IN (:...slugs)', { slugs });
    return qb.getRawMany();
  }

  private cardColumns(qb: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
    return qb
      .select('p.id', 'id')
      .addSelect('p.slug', 'slug')
      .addSelect('p.title', 'title')
      .addSelect('p.priceVnd', 'priceVnd')
      .addSelect('p.images', 'images')
      .addSelect('p.productGroup', 'productGroup')
      .addSelect('c.stars', 'stars')
      .addSelect('vil.slug', 'villageSlug')
      .addSelect('vil.name', 'villageName')
      .addSelect('v.slug', 'vendorSlug')
      .addSelect('v.name', 'vendorName');
  }

  /**
   * Counts per (village, group, stars) over the same filtered, sellable set, in one pass; the
   * caller sums them into the three facets (a few hundred rows at most, one per combination).
   */
  facetCounts(filters: ListFilters, now: Date): Promise<{ villageSlug: string; villageName: string; productGroup: string; stars: number | string; n: number | string }[]> {
    return this.sellable(filters, now)
      .select('vil.slug', 'villageSlug')
      .addSelect('vil.name', 'villageName')
      .addSelect('p.productGroup', 'productGroup')
      .addSelect('c.stars', 'stars')
      .addSelect('COUNT(*)', 'n')
      .groupBy('vil.slug')
      .addGroupBy('vil.name')
      .addGroupBy('p.productGroup')
      .addGroupBy('c.stars')
      .getRawMany();
  }

  bySlug(slug: string): Promise<Product | null> {
    return this.ds.getRepository(Product).findOneBy({ slug });
  }

  byTraceCode(code: string): Promise<Product | null> {
    return this.ds.getRepository(Product).findOneBy({ traceCode: code });
  }

  /** The certificate, vendor and village of a product (and the certificate that replaced its own, if any). */
  async context(p: Product): Promise<{ certificate: Certificate | null; vendor: Vendor | null; village: Village | null; successor: Certificate | null }> {
    const [certificate, vendor, village] = await Promise.all([
      this.ds.getRepository(Certificate).findOneBy({ id: p.certificateId }),
      this.ds.getRepository(Vendor).findOneBy({ id: p.vendorId }),
      this.ds.getRepository(Village).findOneBy({ id: p.villageId }),
    ]);
    const successor = certificate?.supersededById ? await this.ds.getRepository(Certificate).findOneBy({ id: certificate.supersededById }) : null;
    return { certificate, vendor, village, successor };
  }

  /**
   * Counts one scan of a trace code by one scanner in one period: a `trace_scans` row is inserted
   * unless that scanner already has one (insert-or-ignore, SQLite and MySQL alike), and only a new
   * row adds one to the product's `scanCount`, in the caller's transaction. The scanner hash is
   * made by `scanner` from the product's id. Returns the product's id, or null when no product
   * has the code. Must run inside `Transactions.run` (the insert-or-ignore needs its query runner).
   */
  async countScan(code: string, period: string, scanner: (productId: string) => string, at: Date): Promise<string | null> {
    const em = this.ds;
    const product = await em.findOne(Product, { select: { id: true }, where: { traceCode: code } });
    if (!product) return null;
    const insert = em
      .createQueryBuilder()
      .insert()
      .into(TraceScan)
      .values({ productId: product.id, period, scannerHash: scanner(product.id), createdAt: at })
      .orIgnore();
    const [sql, params] = insert.getQueryAndParameters();
    // The insert result does not say whether a row went in; the driver's structured result does.
    const res: QueryResult = await em.queryRunner!.query(sql, params, true);
    if (!res.affected) return product.id;
    await em
      .createQueryBuilder()
      .update(Product)
      // Setting updatedAt to itself keeps a scan from looking like an edit of the product.
      .set({ scanCount: () => 'scanCount + 1', updatedAt: () => 'updatedAt' })
      .where('id = :id', { id: product.id })
      .execute();
    return product.id;
  }

  /** Products scanned at least `minScans` times and more than `ratio` times per unit sold, most suspicious first. */
  anomalies(minScans: number, ratio: number, limit: number) {
    const sold = 'CASE WHEN p.unitsSold > 1 THEN p.unitsSold ELSE 1 END';
    return this.ds
      .createQueryBuilder()
      .from(Product, 'p')
      .innerJoin(Vendor, 'v', 'v.id = p.vendorId')
      .select('p.id', 'id')
      .addSelect('p.slug', 'slug')
      .addSelect('p.title', 'title')
      .addSelect('p.traceCode', 'traceCode')
      .addSelect('p.state', 'state')
      .addSelect('p.scanCount', 'scanCount')
      .addSelect('p.unitsSold', 'unitsSold')
      .addSelect('v.slug', 'vendorSlug')
      .addSelect('v.name', 'vendorName')
      .where(`p.scanCount >= :minScans AND p.scanCount > :ratio * (${sold})`, { minScans, ratio })
      .orderBy(`p.scanCount * 1.0 / (${sold})`, 'DESC')
      .addOrderBy('p.scanCount', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; slug: string; title: string; traceCode: string; state: string; scanCount: number | string; unitsSold: number | string; vendorSlug: string; vendorName: string }>();
  }
}
