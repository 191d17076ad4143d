import type { Locale } from '@ocop/core';

/** A product text per locale: `vi` is required, the others are optional translations. */
export type LocalizedText = { vi: string } & Partial<Record<Exclude<Locale, 'vi'>, string>>;

/**
 * What the search index holds for one sellable product. Only listed, certified products are
 * indexed; the query-time listing check stays the safety net for a late removal.
 */
export interface ProductDocument {
  /** Product id; 1–511 characters of `A–Z a–z 0–9 - _` (what Meilisearch accepts as a key). */
  id: string;
  slug: string;
  title: LocalizedText;
  description?: Partial<Record<Locale, string>>;
  village?: string;
  province?: string;
  vendor?: string;
  productGroup: string;
  /** OCOP star rating of the certificate the product is listed under. */
  stars: number;
  /** Integer VND. */
  priceVnd: number;
  inStock: boolean;
  /** When the product was listed, as an ISO-8601 UTC timestamp (`Date#toISOString()`). */
  listedAt: string;
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest';

export interface SearchFilters {
  /** Any of these villages; an empty list does not filter. */
  village?: string[];
  /** Any of these product groups; an empty list does not filter. */
  productGroup?: string[];
  minStars?: number;
  /** Inclusive bounds in VND. */
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

export interface SearchQuery {
  /** Free text; accent-insensitive. Blank or absent matches every document. */
  q?: string;
  filters?: SearchFilters;
  /** Defaults to `relevance`. */
  sort?: SearchSort;
  /** 1-based; defaults to 1. */
  page?: number;
  /** Page size, 1–100; defaults to 20. */
  limit?: number;
}

export interface SearchResult {
  /** Ids of the requested page, in sort order. */
  ids: string[];
  /** Number of matches over all pages. */
  total: number;
  /**
   * Counts per value over all matches before paging, each facet as a shopper picks from it: with
   * the text and every filter applied except the facet's own (the village facet ignores the
   * village filter, the stars facet `minStars`), so another value can still be chosen. Values
   * with no match are absent; `stars` keys are the star count as a string (`"4"`).
   */
  facets: {
    village: Record<string, number>;
    productGroup: Record<string, number>;
    stars: Record<string, number>;
  };
}

/**
 * The search engine port. Adapters (`EmbeddedSearchEngine`, `MeilisearchSearchEngine`) pass the
 * one contract suite in `libs/search/test`. Every write resolves only once the change is
 * visible to `search` (read-after-write), so an indexing job can be retried blindly.
 */
export abstract class SearchEngine {
  /** A short adapter name for logs and health: `embedded` or `meilisearch`. */
  abstract readonly kind: string;

  /**
   * Creates the index if missing and applies its settings. Idempotent: safe on every start-up
   * and in every process. Rejects when the backing server cannot be reached or refuses.
   */
  abstract ensureIndex(): Promise<void>;

  /**
   * Adds documents or replaces those with the same id wholesale (no merging, no duplicates).
   * Idempotent. Rejects with `ValidationError('id')` for an id the index cannot key, before
   * writing anything, and when the backing server fails.
   */
  abstract upsert(docs: ProductDocument[]): Promise<void>;

  /** Removes documents by id; unknown ids are ignored. Idempotent. Rejects when the backing server fails. */
  abstract remove(ids: string[]): Promise<void>;

  /** Removes every document, keeping the index and its settings. Idempotent. */
  abstract clear(): Promise<void>;

  /**
   * Calls `listener` after every change this process makes to the index, with the ids changed
   * (null: every document, after `clear`), so readers can forget what they derived from them.
   * Adapters whose index changes elsewhere (a shared server) call nobody: readers there must
   * bound what they keep by time.
   */
  onChange(listener: (ids: string[] | null) => void): void {
    void listener;
  }

  /** The id of every document in the index, in no particular order. Rejects when the backing server fails. */
  abstract allIds(): Promise<string[]>;

  /**
   * Finds documents; see `SearchQuery` for defaults. Rejects with `ValidationError` naming the
   * field for a page below 1, a limit outside 1–100, a non-integer paging value or a non-finite
   * number filter, and when the backing server fails.
   */
  abstract search(query: SearchQuery): Promise<SearchResult>;

  /** Whether the engine answers; never rejects. */
  abstract healthy(): Promise<boolean>;

  /** Releases resources; the engine is not used afterwards. Idempotent. */
  abstract close(): Promise<void>;
}

/**
 * Injection token of a boolean: whether this process's search index follows the catalogue and
 * may answer the storefront's lists. False only for the embedded engine in an app process
 * separate from the worker (its index would never see an update); such a process lists from the
 * database instead.
 */
export const SEARCH_SERVES_CATALOGUE = 'SEARCH_SERVES_CATALOGUE';
