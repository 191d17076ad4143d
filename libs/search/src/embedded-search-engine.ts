import MiniSearch, { type SearchResult as MiniSearchHit } from 'minisearch';
import { foldVietnamese, tokens } from './fold';
import { SEARCH_LOCALES, SearchEngine, type ProductDocument, type SearchQuery, type SearchResult } from './search-engine.port';
import { assertDocumentIds, normalizeQuery, type NormalizedQuery } from './search-query';

/**
 * Searchable fields and their weights, in the order the Meilisearch adapter ranks its attributes:
 * titles (every locale) before descriptions, then village, province and vendor.
 */
const FIELDS: Record<string, number> = {
  ...Object.fromEntries(SEARCH_LOCALES.map((l) => [`title.${l}`, 4])),
  ...Object.fromEntries(SEARCH_LOCALES.map((l) => [`description.${l}`, 1])),
  village: 2,
  province: 1.5,
  vendor: 1.5,
};

/** Typos forgiven per query word, as Meilisearch's defaults: one from 5 letters, two from 9. */
export function typosAllowed(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** A dotted path (`title.en`) of a document, or undefined. */
function field(doc: object, path: string): string | undefined {
  let value: unknown = doc;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The search engine of the embedded default (one process, demos, tests): a MiniSearch full-text
 * index in memory, filled again from the catalogue at start-up since it lives only as long as the
 * process. Text is folded (case, Vietnamese accents, đ → d) on both sides; every query word must
 * match, the last one also as a prefix (search as you type), and words of five letters or more
 * forgive one typo (nine or more, two), as Meilisearch does by default.
 */
export class EmbeddedSearchEngine extends SearchEngine {
  readonly kind = 'embedded';
  /** The documents as given, for filters, facets, sorting and exact removal from the text index. */
  private readonly docs = new Map<string, ProductDocument>();
  /** Each document's titles, folded once when indexed, for the exact-title ranking. */
  private readonly titles = new Map<string, string[]>();
  private readonly index = newIndex();

  /** Nothing to create in memory. Idempotent; never rejects. */
  async ensureIndex(): Promise<void> {}

  /** Adds or replaces documents by id, keeping a copy so later changes by the caller do not leak in. */
  async upsert(docs: ProductDocument[]): Promise<void> {
    assertDocumentIds(docs);
    for (const given of docs) {
      const doc = structuredClone(given);
      const old = this.docs.get(doc.id);
      if (old) this.index.remove(old);
      this.index.add(doc);
      this.docs.set(doc.id, doc);
      this.titles.set(doc.id, Object.values(doc.title).filter((t): t is string => typeof t === 'string').map(foldVietnamese));
    }
  }

  /** Removes documents by id; unknown ids are ignored. */
  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const old = this.docs.get(id);
      if (!old) continue;
      this.index.remove(old);
      this.docs.delete(id);
      this.titles.delete(id);
    }
  }

  /** Removes every document. */
  async clear(): Promise<void> {
    this.index.removeAll();
    this.docs.clear();
    this.titles.clear();
  }

  /** Text match, filters, facets over all matches, sort, then the page. */
  async search(query: SearchQuery): Promise<SearchResult> {
    const nq = normalizeQuery(query);
    // A query of punctuation alone holds no word: it browses, as on Meilisearch.
    const matches = nq.q && tokens(nq.q).length > 0 ? this.textMatches(nq) : [...this.docs.values()].filter((d) => passesFilters(d, nq)).map((doc) => ({ doc, score: 0 }));

    const facets: SearchResult['facets'] = { village: {}, productGroup: {}, stars: {} };
    for (const { doc } of matches) {
      if (doc.village !== undefined) increment(facets.village, doc.village);
      increment(facets.productGroup, doc.productGroup);
      increment(facets.stars, String(doc.stars));
    }

    const ordered = sortMatches(matches, nq);
    const start = (nq.page - 1) * nq.limit;
    return { ids: ordered.slice(start, start + nq.limit).map((m) => m.doc.id), total: matches.length, facets };
  }

  /** Always true: memory does not go away. */
  async healthy(): Promise<boolean> {
    return true;
  }

  /** Drops the documents held in memory. */
  async close(): Promise<void> {
    await this.clear();
  }

  /** Documents matching every query word, with the exact title match scored above everything else. */
  private textMatches(nq: NormalizedQuery): Match[] {
    const folded = foldVietnamese(nq.q!);
    const hits: MiniSearchHit[] = this.index.search(nq.q!, {
      combineWith: 'AND',
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => typosAllowed(term) || false,
      maxFuzzy: 2,
      filter: (hit) => passesFilters(this.docs.get(hit.id as string)!, nq),
    });
    return hits.map((hit) => {
      const id = hit.id as string;
      return { doc: this.docs.get(id)!, score: hit.score, exact: this.titles.get(id)!.includes(folded) };
    });
  }
}

interface Match {
  doc: ProductDocument;
  score: number;
  exact?: boolean;
}

function newIndex(): MiniSearch<ProductDocument> {
  return new MiniSearch<ProductDocument>({
    idField: 'id',
    fields: Object.keys(FIELDS),
    extractField: field as (doc: ProductDocument, name: string) => string,
    // tokens() folds before splitting, so NFD input does not split words at its accent marks.
    tokenize: tokens,
    processTerm: (term) => term,
    searchOptions: { boost: FIELDS },
  });
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

function sortMatches(matches: Match[], nq: NormalizedQuery): Match[] {
  // Ties end on newest then id so that paging never shows a product twice or skips one.
  const newest = (a: Match, b: Match) => compare(b.doc.listedAt, a.doc.listedAt) || compare(a.doc.id, b.doc.id);
  switch (nq.sort) {
    case 'price_asc':
      return matches.sort((a, b) => a.doc.priceVnd - b.doc.priceVnd || newest(a, b));
    case 'price_desc':
      return matches.sort((a, b) => b.doc.priceVnd - a.doc.priceVnd || newest(a, b));
    case 'newest':
      return matches.sort(newest);
    case 'relevance':
      return matches.sort((a, b) => Number(b.exact ?? false) - Number(a.exact ?? false) || b.score - a.score || newest(a, b));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
