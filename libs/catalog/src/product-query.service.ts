import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, GoneError, LOCALES, NotFoundError, ValidationError } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { effectiveStatus, type Certificate, type EffectiveStatus } from '@ocop/certification';
import { nearest, SEARCH_SERVES_CATALOGUE, SearchEngine } from '@ocop/search';
import { REASON_TEXT, sellability, type NotSellableReason } from './listing-gate';
import { parseProductListQuery, type ProductListQuery } from './product-query';
import { cardGate, ProductQueryRepository, type CardRow, type ProductCardRow } from './product-query.repository';
import type { LocalizedText, Product, Traceability } from './product.entity';
import { localized, shownLanguage } from './product.rules';
import { normalizeTraceCode, scannerHash, scanPeriod } from './trace-code';
import type { Vendor } from '@ocop/vendors';
import type { Village } from '@ocop/villages';

export interface ProductCard {
  id: string;
  slug: string;
  title: string;
  priceVnd: number;
  stars: number;
  village: { slug: string; name: string };
  vendor: { slug: string; name: string };
  productGroup: string;
  image: string | null;
}

export interface ProductList {
  items: ProductCard[];
  total: number;
  facets: { village: Record<string, number>; productGroup: Record<string, number>; stars: Record<string, number> };
  /** With `labels`: the name of each village in the village facet. */
  villageNames?: Record<string, string>;
  /** When text found nothing: the village whose name, craft or province comes nearest to it. */
  suggestion?: { village: { slug: string; name: string; craft: string; province: string } };
}

export interface ProductDetail {
  id: string;
  slug: string;
  lang: string;
  /** The language title and description are shown in when it is not `lang` (a translation is missing); else null. */
  fallbackLang: string | null;
  title: string;
  description: string;
  productGroup: string;
  priceVnd: number;
  stock: number;
  inStock: boolean;
  weightGrams: number | null;
  gtin: string | null;
  exportEligible: boolean;
  images: string[];
  traceCode: string;
  verifyPath: string;
  listedAt: Date | null;
  certificate: { decisionNo: string; certificateNo: string | null; stars: number; level: string; issuingBody: string; expiresAt: Date };
  vendor: { slug: string; name: string; type: string };
  village: { slug: string; name: string; province: string };
}

export interface Verification {
  product: { id: string; slug: string; title: string; productGroup: string; images: string[]; gtin: string | null; traceCode: string; scanCount: number };
  vendor: { slug: string; name: string; type: string; address: string | null };
  village: { slug: string; name: string; province: string } | null;
  certificate: {
    /**
     * False when the certificate was issued to another producer than the product's vendor: then
     * it certifies nothing about this product, whatever its status.
     */
    belongsToProducer: boolean;
    decisionNo: string;
    certificateNo: string | null;
    stars: number;
    level: string;
    issuingBody: string;
    decisionDate: string;
    status: EffectiveStatus;
    expiresAt: Date;
    revokedAt: Date | null;
    revokeReason: string | null;
    revokedByDecisionNo: string | null;
    supersededBy: { decisionNo: string; stars: number; expiresAt: Date } | null;
  };
  traceability: Traceability;
  sellable: boolean;
  reason: NotSellableReason | null;
}

export interface ScanAnomaly {
  id: string;
  slug: string;
  title: string;
  traceCode: string;
  state: string;
  scanCount: number;
  unitsSold: number;
  scansPerUnit: number;
  vendor: { slug: string; name: string };
}

const parseJson = <T>(raw: unknown, fallback: T): T => {
  if (typeof raw !== 'string') return (raw as T) ?? fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
};

type Facets = ProductList['facets'];

type DetailRows = { p: Product; c: Certificate; v: Vendor; vil: Village | null };

/** Longest a card read from the database serves lists before it is read again (see `cardRows`). */
const CARD_TTL_MS = 1000;
/** Most cards kept in memory (about a kilobyte each). */
const CARD_CACHE_MAX = 20_000;

/** Sums (village, group, stars) counts into the three facets and the total. */
function sumFacets(counts: { villageSlug: string; villageName: string; productGroup: string; stars: number | string; n: number | string }[]) {
  const facets: Facets = { village: {}, productGroup: {}, stars: {} };
  const villageNames: Record<string, string> = {};
  let total = 0;
  for (const c of counts) {
    const n = Number(c.n);
    total += n;
    facets.village[c.villageSlug] = (facets.village[c.villageSlug] ?? 0) + n;
    facets.productGroup[c.productGroup] = (facets.productGroup[c.productGroup] ?? 0) + n;
    facets.stars[String(c.stars)] = (facets.stars[String(c.stars)] ?? 0) + n;
    villageNames[c.villageSlug] = c.villageName;
  }
  return { facets, total, villageNames };
}

function card(r: ProductCardRow, lang: string): ProductCard {
  const images = parseJson<string[]>(r.images, []);
  return {
    id: r.id,
    slug: r.slug,
    title: localized(parseJson<LocalizedText>(r.title, {}), lang),
    priceVnd: Number(r.priceVnd),
    stars: Number(r.stars),
    village: { slug: r.villageSlug, name: r.villageName },
    vendor: { slug: r.vendorSlug, name: r.vendorName },
    productGroup: r.productGroup,
    image: images[0] ?? null,
  };
}

const langOf = (lang: string | undefined): string => {
  if (lang === undefined || lang === '') return 'vi';
  if (!(LOCALES as readonly string[]).includes(lang)) throw new ValidationError('lang', `must be one of ${LOCALES.join(', ')}`);
  return lang;
};

/**
 * What shoppers read: the catalogue (sellable products only, enforced in SQL at query time),
 * product details (410 once not sellable) and the verification behind a label's QR code.
 */
@Injectable()
export class ProductQueryService {
  private readonly repo: ProductQueryRepository;
  private readonly logger = new Logger('ProductQuery');

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly search: SearchEngine,
    @Inject(SEARCH_SERVES_CATALOGUE) private readonly searchServesCatalogue: boolean,
  ) {
    this.repo = new ProductQueryRepository(tx);
    this.search.onChange((ids) => {
      if (ids === null) {
        this.cardRows.clear();
        this.detailRows.clear();
        this.detailSlugs.clear();
        return;
      }
      for (const id of ids) {
        this.cardRows.delete(id);
        const slug = this.detailSlugs.get(id);
        if (slug === undefined) continue;
        this.detailRows.delete(slug);
        this.detailSlugs.delete(id);
      }
    });
  }

  /**
   * Cards read for lists served by the index, by product id, oldest first, each kept at most
   * CARD_TTL_MS and dropped as soon as the index changes that product (a revocation, an edit,
   * a sale that empties the stock). The listing gate is evaluated again on every hit, at the
   * request's time, over the row's state, certificate and vendor columns: an expiry needs no
   * event, and anything else the gate depends on reaches every process within CARD_TTL_MS even
   * when no index change announces it.
   */
  private readonly cardRows = new Map<string, { row: CardRow; until: number }>();

  /** Products read for their pages, by slug, kept and forgotten like `cardRows`; `detailSlugs` finds them by id. */
  private readonly detailRows = new Map<string, { rows: DetailRows; until: number }>();
  private readonly detailSlugs = new Map<string, string>();

  /** The product with this slug and its certificate, vendor and village: from memory when fresh. NotFoundError when there is none. */
  private async productRows(slug: string): Promise<DetailRows> {
    const hit = this.detailRows.get(slug);
    if (hit && hit.until > Date.now()) return hit.rows;
    const p = await this.repo.bySlug(slug);
    if (!p) throw new NotFoundError('No such product');
    const { certificate: c, vendor: v, village: vil } = await this.repo.context(p);
    if (!c || !v) throw new NotFoundError('No such product');
    const rows = { p, c, v, vil };
    this.detailRows.delete(slug);
    this.detailRows.set(slug, { rows, until: Date.now() + CARD_TTL_MS });
    this.detailSlugs.set(p.id, slug);
    for (const [key, old] of this.detailRows) {
      if (this.detailRows.size <= CARD_CACHE_MAX) break;
      this.detailRows.delete(key);
      this.detailSlugs.delete(old.rows.p.id);
    }
    return rows;
  }

  /** The cards of these ids: from memory when fresh, else from the database in one query. */
  private async cards(ids: string[]): Promise<Map<string, CardRow>> {
    const found = new Map<string, CardRow>();
    const missing: string[] = [];
    const t = Date.now();
    for (const id of ids) {
      const hit = this.cardRows.get(id);
      if (hit && hit.until > t) found.set(id, hit.row);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const until = Date.now() + CARD_TTL_MS;
    for (const row of await this.repo.cards(missing)) {
      found.set(row.id, row);
      this.cardRows.delete(row.id);
      this.cardRows.set(row.id, { row, until });
    }
    for (const id of this.cardRows.keys()) {
      if (this.cardRows.size <= CARD_CACHE_MAX) break;
      this.cardRows.delete(id);
    }
    return found;
  }

  /**
   * One page of sellable products with the total and facet counts (village slug, product group,
   * stars) over every match, from raw query parameters (see `parseProductListQuery`); `labels`
   * adds the village names pages show. Served by the search index, whose hits pass the listing
   * gate again as they are read from the database (a product whose certificate lapsed a moment
   * ago is never shown, even before the index catches up); from the database alone, with the
   * gate in SQL, when no index serves this process or the engine fails.
   * When a text query finds nothing, suggests the nearest village. Read-only. Throws
   * ValidationError naming the bad parameter.
   */
  async list(raw: Record<string, unknown>, opts: { labels?: boolean } = {}): Promise<ProductList> {
    const q: ProductListQuery = parseProductListQuery(raw);
    let list: ProductList | null = null;
    if (this.searchServesCatalogue) {
      try {
        list = await this.listFromIndex(q);
      } catch (err) {
        if (err instanceof ValidationError) throw err;
        this.logger.warn(`search engine ${this.search.kind} failed (${(err as Error).message}); listing from the database`);
      }
    }
    list ??= await this.listFromDatabase(q);
    if (opts.labels && !list.villageNames) {
      const villages = await this.repo.villages(Object.keys(list.facets.village));
      list.villageNames = Object.fromEntries(villages.map((v) => [v.slug, v.name]));
    }
    if (list.total === 0 && q.q) {
      const villages = await this.repo.villages();
      const slug = nearest(
        q.q,
        villages.map((v) => ({ id: v.slug, texts: [v.name, v.craft, v.province] })),
      );
      const village = villages.find((v) => v.slug === slug);
      if (village) list.suggestion = { village };
    }
    if (!opts.labels) delete list.villageNames;
    return list;
  }

  private async listFromIndex(q: ProductListQuery): Promise<ProductList> {
    const res = await this.search.search({
      q: q.q,
      filters: { village: q.village, productGroup: q.productGroup, minStars: q.minStars, minPrice: q.minPrice, maxPrice: q.maxPrice, inStock: q.inStock },
      sort: q.sort,
      page: q.page,
      limit: q.limit,
    });
    const rows = await this.cards(res.ids);
    const now = this.clock.now();
    const items: ProductCard[] = [];
    const facets = res.facets;
    for (const id of res.ids) {
      const row = rows.get(id);
      if (row && cardGate(row, now)) {
        items.push(card(row, q.lang));
        continue;
      }
      // A hit the gate refused (its certificate lapsed a moment ago) is about to leave the index:
      // it is not counted either.
      if (!row) continue;
      for (const [facet, key] of [
        ['village', row.villageSlug],
        ['productGroup', row.productGroup],
        ['stars', String(row.stars)],
      ] as const) {
        const n = (facets[facet][key] ?? 0) - 1;
        if (n > 0) facets[facet][key] = n;
        else delete facets[facet][key];
      }
    }
    const refused = res.ids.length - items.length;
    return { items, total: res.total - refused, facets };
  }

  private async listFromDatabase(q: ProductListQuery): Promise<ProductList> {
    const now = this.clock.now();
    const [rows, counts] = await Promise.all([this.repo.page(q, now), this.repo.facetCounts(q, now)]);
    const { facets, total, villageNames } = sumFacets(counts);
    const all = await this.otherChoices(q, facets, async (without) => {
      const other = sumFacets(await this.repo.facetCounts(without, now));
      Object.assign(villageNames, other.villageNames);
      return other.facets;
    });
    return { items: rows.map((r) => card(r, q.lang)), total, facets: all, villageNames };
  }

  /**
   * Facets as a shopper picks from them (as the search port counts them): each facet whose own
   * filter is set counts its values as if that filter were not (so a second village or a lower
   * rating can still be chosen), with every other filter applied.
   */
  private async otherChoices(q: ProductListQuery, facets: Facets, countWithout: (query: ProductListQuery) => Promise<Facets>): Promise<Facets> {
    const out: Facets = { village: { ...facets.village }, productGroup: { ...facets.productGroup }, stars: { ...facets.stars } };
    const [village, productGroup, stars] = await Promise.all([
      q.village ? countWithout({ ...q, village: undefined }) : null,
      q.productGroup ? countWithout({ ...q, productGroup: undefined }) : null,
      q.minStars !== undefined ? countWithout({ ...q, minStars: undefined }) : null,
    ]);
    if (village) out.village = village.village;
    if (productGroup) out.productGroup = productGroup.productGroup;
    if (stars) out.stars = stars.stars;
    return out;
  }

  /**
   * A product by slug in `lang` (falling back to Vietnamese), whether it sells now and why not.
   * Read-only. Throws NotFoundError for an unknown slug, ValidationError('lang').
   */
  async lookup(slug: string, lang?: string): Promise<{ product: ProductDetail; sellable: boolean; reason: NotSellableReason | null }> {
    const l = langOf(lang);
    const { p, c, v, vil } = await this.productRows(slug);
    const gate = sellability(p, c, v, this.clock.now());
    const product: ProductDetail = {
      id: p.id,
      slug: p.slug,
      lang: l,
      fallbackLang: [shownLanguage(p.title, l), shownLanguage(p.description, l)].find((x) => x && x !== l) ?? null,
      title: localized(p.title, l),
      description: localized(p.description, l),
      productGroup: p.productGroup,
      priceVnd: p.priceVnd,
      stock: p.stock,
      inStock: p.stock > 0,
      weightGrams: p.weightGrams,
      gtin: p.gtin,
      exportEligible: p.exportEligible,
      images: p.images,
      traceCode: p.traceCode,
      verifyPath: `/verify/${p.traceCode}`,
      listedAt: p.listedAt,
      certificate: { decisionNo: c.decisionNo, certificateNo: c.certificateNo, stars: c.stars, level: c.level, issuingBody: c.issuingBody, expiresAt: c.expiresAt },
      vendor: { slug: v.slug, name: v.name, type: v.type },
      village: { slug: vil?.slug ?? '', name: vil?.name ?? '', province: vil?.province ?? '' },
    };
    return { product, sellable: gate.sellable, reason: gate.sellable ? null : gate.reason };
  }

  /**
   * A sellable product by slug. Read-only. Throws GoneError with `reason` (from the listing gate)
   * when the product exists but may not be sold now, NotFoundError for an unknown slug.
   */
  async detail(slug: string, lang?: string): Promise<ProductDetail> {
    const found = await this.lookup(slug, lang);
    if (!found.sellable) throw new GoneError(`This product is no longer available: ${REASON_TEXT[found.reason!]}`, { reason: found.reason });
    return found.product;
  }

  /**
   * What a label's QR code leads to: the product, its maker, village, traceability and the live
   * status of its certificate, for any product with that code, delisted ones included. A
   * certificate of another producer than the product's vendor is reported as such
   * (`certificate.belongsToProducer: false`). Counts the scan once per scanner, product and UTC
   * day: `clientKey` (the client's address) is kept only inside a hash, and repeated scans by
   * one client cannot inflate the count. Throws NotFoundError for an unknown code.
   */
  async verify(code: string, lang: string | undefined, clientKey: string): Promise<Verification> {
    const l = langOf(lang);
    const normalized = normalizeTraceCode(code);
    if (!normalized) throw new NotFoundError('No product has this code');
    const now = this.clock.now();
    const period = scanPeriod(now);
    const productId = await this.tx.run(() => this.repo.countScan(normalized, period, (id) => scannerHash(period, id, clientKey), now));
    const p = productId ? await this.repo.byTraceCode(normalized) : null;
    if (!p) throw new NotFoundError('No product has this code');
    const { certificate: c, vendor: v, village: vil, successor } = await this.repo.context(p);
    if (!c || !v) throw new NotFoundError('No product has this code');
    const gate = sellability(p, c, v, now);
    return {
      product: { id: p.id, slug: p.slug, title: localized(p.title, l), productGroup: p.productGroup, images: p.images, gtin: p.gtin, traceCode: p.traceCode, scanCount: p.scanCount },
      vendor: { slug: v.slug, name: v.name, type: v.type, address: v.address },
      village: vil ? { slug: vil.slug, name: vil.name, province: vil.province } : null,
      certificate: {
        belongsToProducer: c.vendorId === p.vendorId,
        decisionNo: c.decisionNo,
        certificateNo: c.certificateNo,
        stars: c.stars,
        level: c.level,
        issuingBody: c.issuingBody,
        decisionDate: c.decisionDate,
        status: effectiveStatus(c, now),
        expiresAt: c.expiresAt,
        revokedAt: c.revokedAt,
        revokeReason: c.revokeReason,
        revokedByDecisionNo: c.revokedByDecisionNo,
        supersededBy: successor ? { decisionNo: successor.decisionNo, stars: successor.stars, expiresAt: successor.expiresAt } : null,
      },
      traceability: p.traceability ?? {},
      sellable: gate.sellable,
      reason: gate.sellable ? null : gate.reason,
    };
  }

  /**
   * Products whose labels are scanned far more often than they sell (a sign of copied labels):
   * scanCount ≥ `minScans` and > `ratio` × max(unitsSold, 1), most scans per unit first. Read-only.
   * Throws ValidationError('minScans' | 'ratio' | 'limit').
   */
  async scanAnomalies(opts: { minScans?: number; ratio?: number; limit?: number } = {}): Promise<ScanAnomaly[]> {
    const minScans = opts.minScans ?? 20;
    const ratio = opts.ratio ?? 5;
    const limit = opts.limit ?? 50;
    if (!Number.isInteger(minScans) || minScans < 1) throw new ValidationError('minScans', 'must be a whole number of at least 1');
    if (!Number.isFinite(ratio) || ratio <= 0) throw new ValidationError('ratio', 'must be a number above 0');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationError('limit', 'must be a whole number from 1 to 500');
    const rows = await this.repo.anomalies(minScans, ratio, limit);
    return rows.map((r) => {
      const scanCount = Number(r.scanCount);
      const unitsSold = Number(r.unitsSold);
      return {
        id: r.id,
        slug: r.slug,
        title: localized(parseJson<LocalizedText>(r.title, {}), 'vi'),
        traceCode: r.traceCode,
        state: r.state,
        scanCount,
        unitsSold,
        scansPerUnit: Math.round((scanCount / Math.max(unitsSold, 1)) * 10) / 10,
        vendor: { slug: r.vendorSlug, name: r.vendorName },
      };
    });
  }
}
