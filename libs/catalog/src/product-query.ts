import { LOCALES, ValidationError, type Locale } from '@ocop/core';
import { MAX_PRICE_VND, PRODUCT_GROUPS_FOR_SALE, type SaleProductGroup } from './product.rules';

export const PRODUCT_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 100_000;

/** A storefront product query with defaults applied and every value checked. */
export interface ProductListQuery {
  q?: string;
  /** Village slugs; a product in any of them matches. */
  village?: string[];
  /** Product groups; a product in any of them matches. */
  productGroup?: SaleProductGroup[];
  minStars?: number;
  minPrice?: number;
  maxPrice?: number;
  /** true: only products in stock; false: only sold-out ones. */
  inStock?: boolean;
  sort: ProductSort;
  page: number;
  limit: number;
  lang: Locale;
}

function one(raw: Record<string, unknown>, name: string): string | undefined {
  const v = raw[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new ValidationError(name, 'must be given once');
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** Every value of a parameter given repeatedly (`village=a&village=b`) or comma-separated (`village=a,b`). */
function many(raw: Record<string, unknown>, name: string): string[] | undefined {
  const v = raw[name];
  const given = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const values: string[] = [];
  for (const item of given) {
    if (typeof item !== 'string' && typeof item !== 'number') throw new ValidationError(name, 'must be text');
    for (const part of String(item).split(',')) if (part.trim() !== '' && !values.includes(part.trim())) values.push(part.trim());
  }
  if (values.length > 50) throw new ValidationError(name, 'must list at most 50 values');
  return values.length ? values : undefined;
}

function whole(raw: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const v = one(raw, name);
  if (v === undefined) return undefined;
  const n = /^\d{1,10}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationError(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * Reads `GET /api/products` (and the `/products` page) query parameters; blank ones count as
 * absent and unknown ones are ignored. Throws `ValidationError` naming the first bad parameter. Pure.
 */
export function parseProductListQuery(raw: Record<string, unknown> = {}): ProductListQuery {
  const q = one(raw, 'q');
  if (q !== undefined && q.length > 200) throw new ValidationError('q', 'must be at most 200 characters');
  const village = many(raw, 'village');
  const badVillage = village?.find((v) => !/^[a-z0-9-]{1,140}$/.test(v));
  if (badVillage !== undefined) throw new ValidationError('village', `"${badVillage}" is not the slug of a village (a–z, 0–9 and -)`);
  const productGroup = many(raw, 'productGroup');
  const badGroup = productGroup?.find((g) => !(PRODUCT_GROUPS_FOR_SALE as readonly string[]).includes(g));
  if (badGroup !== undefined) throw new ValidationError('productGroup', `"${badGroup}" is not one of ${PRODUCT_GROUPS_FOR_SALE.join(', ')}`);
  const stock = one(raw, 'inStock');
  if (stock !== undefined && !['true', 'false', '1', '0'].includes(stock)) throw new ValidationError('inStock', 'must be true or false');
  const minStars = whole(raw, 'minStars', 1, 5);
  const minPrice = whole(raw, 'minPrice', 0, MAX_PRICE_VND);
  const maxPrice = whole(raw, 'maxPrice', 0, MAX_PRICE_VND);
  if (minPrice !== undefined && maxPrice !== undefined && maxPrice < minPrice) throw new ValidationError('maxPrice', 'must not be below minPrice');
  const sort = one(raw, 'sort') ?? 'relevance';
  if (!(PRODUCT_SORTS as readonly string[]).includes(sort)) throw new ValidationError('sort', `must be one of ${PRODUCT_SORTS.join(', ')}`);
  const lang = one(raw, 'lang') ?? 'vi';
  if (!(LOCALES as readonly string[]).includes(lang)) throw new ValidationError('lang', `must be one of ${LOCALES.join(', ')}`);
  return {
    q,
    village,
    productGroup: productGroup as SaleProductGroup[] | undefined,
    minStars,
    minPrice,
    maxPrice,
    inStock: stock === undefined ? undefined : stock === 'true' || stock === '1',
    sort: sort as ProductSort,
    page: whole(raw, 'page', 1, MAX_PAGE) ?? 1,
    limit: whole(raw, 'limit', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
    lang: lang as Locale,
  };
}

/** The `%…%` LIKE pattern of a search text, lower-cased, with `\`, `%` and `_` escaped by `\`. Pure. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
