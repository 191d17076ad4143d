import { foldVietnamese, tokens } from './fold';
import { SearchEngine, type ProductDocument, type SearchQuery, type SearchResult } from './search-engine.port';
import { assertDocumentIds, normalizeQuery, type NormalizedQuery } from './search-query';

interface Entry {
  doc: ProductDocument;
  /** Folded title of every locale, for the exact-match ranking. */
  titles: string[];
  /** Folded words of every title locale. */
  titleTokens: string[];
  /** Folded words of every searchable field: titles, descriptions, village, province, vendor. */
  allTokens: string[];
}

/**
 * An in-memory search engine for the embedded default (one process, demos, tests). The index
 * lives only as long as the process, so it is filled again from the catalogue at start-up.
 * A query matches when each of its folded words is a prefix of some folded word of the
 * product's titles, descriptions, village, province or vendor.
 */
export class EmbeddedSearchEngine extends SearchEngine {
  readonly kind = 'embedded';
  private readonly entries = new Map<string, Entry>();

  /** Nothing to create in memory. Idempotent; never rejects. */
  async ensureIndex(): Promise<void> {}

  /** Adds or replaces documents by id, keeping a copy so later changes by the caller do not leak in. */
  async upsert(docs: ProductDocument[]): Promise<void> {
    assertDocumentIds(docs);
    for (const doc of docs) this.entries.set(doc.id, toEntry(structuredClone(doc)));
  }

  /** Removes documents by id; unknown ids are ignored. */
  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.entries.delete(id);
  }

  /** Removes every document. */
  async clear(): Promise<void> {
    this.entries.clear();
  }

  /** Text match, filters, facets over all matches, sort, then the page. */
  async search(query: SearchQuery): Promise<SearchResult> {
    const nq = normalizeQuery(query);
    const queryTokens = nq.q ? tokens(nq.q) : [];
    const matches = [...this.entries.values()].filter(
      (e) => queryTokens.every((qt) => e.allTokens.some((t) => t.startsWith(qt))) && passesFilters(e.doc, nq),
    );

    const facets: SearchResult['facets'] = { village: {}, productGroup: {}, stars: {} };
    for (const { doc } of matches) {
      if (doc.village !== undefined) increment(facets.village, doc.village);
      increment(facets.productGroup, doc.productGroup);
      increment(facets.stars, String(doc.stars));
    }

    const ordered = sortEntries(matches, nq, queryTokens);
    const start = (nq.page - 1) * nq.limit;
    return {
      ids: ordered.slice(start, start + nq.limit).map((e) => e.doc.id),
      total: matches.length,
      facets,
    };
  }

  /** Always true: memory does not go away. */
  async healthy(): Promise<boolean> {
    return true;
  }

  /** Drops the documents held in memory. */
  async close(): Promise<void> {
    this.entries.clear();
  }
}

function toEntry(doc: ProductDocument): Entry {
  const titleTexts = Object.values(doc.title).filter((t): t is string => typeof t === 'string');
  const otherTexts = [...Object.values(doc.description ?? {}), doc.village, doc.province, doc.vendor].filter(
    (t): t is string => typeof t === 'string',
  );
  const titleTokens = titleTexts.flatMap(tokens);
  return {
    doc,
    titles: titleTexts.map(foldVietnamese),
    titleTokens,
    allTokens: [...titleTokens, ...otherTexts.flatMap(tokens)],
  };
}

function passesFilters(doc: ProductDocument, { filters: f }: NormalizedQuery): boolean {
  if (f.village && (doc.village === undefined || !f.village.includes(doc.village))) return false;
  if (f.productGroup && !f.productGroup.includes(doc.productGroup)) return false;
  if (f.minStars !== undefined && doc.stars < f.minStars) return false;
  if (f.minPrice !== undefined && doc.priceVnd < f.minPrice) return false;
  if (f.maxPrice !== undefined && doc.priceVnd > f.maxPrice) return false;
  if (f.inStock !== undefined && doc.inStock !== f.inStock) return false;
  return true;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sortEntries(entries: Entry[], nq: NormalizedQuery, queryTokens: string[]): Entry[] {
  // Ties end on newest then id so that paging never shows a product twice or skips one.
  const newest = (a: Entry, b: Entry) => compare(b.doc.listedAt, a.doc.listedAt) || compare(a.doc.id, b.doc.id);
  switch (nq.sort) {
    case 'price_asc':
      return entries.sort((a, b) => a.doc.priceVnd - b.doc.priceVnd || newest(a, b));
    case 'price_desc':
      return entries.sort((a, b) => b.doc.priceVnd - a.doc.priceVnd || newest(a, b));
    case 'newest':
      return entries.sort(newest);
    case 'relevance': {
      const folded = nq.q ? foldVietnamese(nq.q) : undefined;
      const scored = entries.map((e) => ({
        e,
        exact: folded !== undefined && e.titles.includes(folded) ? 1 : 0,
        inTitle: queryTokens.filter((qt) => e.titleTokens.some((t) => t.startsWith(qt))).length,
      }));
      scored.sort((a, b) => b.exact - a.exact || b.inTitle - a.inTitle || newest(a.e, b.e));
      return scored.map((s) => s.e);
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
