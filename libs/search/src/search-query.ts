import { ValidationError } from '@ocop/core';
import type { ProductDocument, SearchFilters, SearchQuery, SearchSort } from './search-engine.port';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const SORTS: readonly SearchSort[] = ['relevance', 'price_asc', 'price_desc', 'newest'];
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

/** A `SearchQuery` with defaults applied and every value checked; what adapters work from. */
export interface NormalizedQuery {
  /** Trimmed text, or undefined when blank. */
  q?: string;
  filters: SearchFilters;
  sort: SearchSort;
  page: number;
  limit: number;
}

/**
 * Applies the port's defaults and rejects what no engine can answer the same way, so every
 * adapter accepts and refuses exactly the same queries. Throws `ValidationError` naming the field.
 */
export function normalizeQuery(query: SearchQuery): NormalizedQuery {
  const page = query.page ?? 1;
  if (!Number.isInteger(page) || page < 1) throw new ValidationError('page', 'must be an integer of at least 1');
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const sort = query.sort ?? 'relevance';
  if (!SORTS.includes(sort)) throw new ValidationError('sort', `must be one of ${SORTS.join(', ')}`);

  const f = query.filters ?? {};
  for (const field of ['minStars', 'minPrice', 'maxPrice'] as const) {
    const value = f[field];
    if (value !== undefined && !Number.isFinite(value)) throw new ValidationError(`filters.${field}`, 'must be a finite number');
  }
  const filters: SearchFilters = {};
  if (f.village?.length) filters.village = [...f.village];
  if (f.productGroup?.length) filters.productGroup = [...f.productGroup];
  if (f.minStars !== undefined) filters.minStars = f.minStars;
  if (f.minPrice !== undefined) filters.minPrice = f.minPrice;
  if (f.maxPrice !== undefined) filters.maxPrice = f.maxPrice;
  if (f.inStock !== undefined) filters.inStock = f.inStock;

  const q = query.q?.trim();
  return { q: q ? q : undefined, filters, sort, page, limit };
}

/** Rejects, before anything is written, a batch holding an id the index cannot key. */
export function assertDocumentIds(docs: ProductDocument[]): void {
  for (const doc of docs) {
    if (typeof doc.id !== 'string' || !DOCUMENT_ID.test(doc.id)) {
      throw new ValidationError('id', `"${String(doc.id)}" must be 1–511 characters of A–Z, a–z, 0–9, - and _`);
    }
  }
}
