import MiniSearch, { type SearchResult as MiniSearchHit } from 'minisearch';
import { foldVietnamese, tokens } from './fold';
import { SEARCH_LOCALES, SearchEngine, type ProductDocument, type SearchQuery, type SearchResult, type SearchSort } from './search-engine.port';
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
  /** Each document's searchable words, folded, as one string with a space before every word. */
  private readonly words = new Map<string, string>();
  /** Every document in each sort order with each id's position, computed on demand after a write. */
  private orders: Partial<Record<Exclude<SearchSort, 'relevance'>, { docs: ProductDocument[]; rank: Map<string, number> }>> = {};
  private readonly index = newIndex();

  /** Nothing to create in memory. Idempotent; never rejects. */
  async ensureIndex(): Promise<void> {}

  /** Adds or replaces documents by id, keeping a copy so later changes by the caller do not leak in. */
  async upsert(docs: ProductDocument[]): Promise<void> {
    assertDocumentIds(docs);
    this.orders = {};
    for (const given of docs) {
      const doc = structuredClone(given);
      const old = this.docs.get(doc.id);
      if (old) this.index.remove(old);
      this.index.add(doc);
      this.docs.set(doc.id, doc);
      this.titles.set(doc.id, Object.values(doc.title).filter((t): t is string => typeof t === 'string').map(foldVietnamese));
      this.words.set(doc.id, ` ${Object.keys(FIELDS).flatMap((f) => tokens(field(doc, f) ?? '')).join(' ')}`);
    }
  }

  /** Removes documents by id; unknown ids are ignored. */
  async remove(ids: string[]): Promise<void> {
    this.orders = {};
    for (const id of ids) {
      const old = this.docs.get(id);
      if (!old) continue;
      this.index.remove(old);
      this.docs.delete(id);
      this.titles.delete(id);
      this.words.delete(id);
    }
  }

  /** Removes every document. */
  async clear(): Promise<void> {
    this.index.removeAll();
    this.docs.clear();
    this.titles.clear();
    this.words.clear();
    this.orders = {};
  }

  /** Text match, filters, facets over all matches, sort, then the page. */
  async search(query: SearchQuery): Promise<SearchResult> {
    const nq = normalizeQuery(query);
    const start = (nq.page - 1) * nq.limit;
    const facets: SearchResult['facets'] = { village: {}, productGroup: {}, stars: {} };
    const count = (doc: ProductDocument) => {
      if (doc.village !== undefined) increment(facets.village, doc.village);
      increment(facets.productGroup, doc.productGroup);
      increment(facets.stars, String(doc.stars));
    };

    // A query of punctuation alone holds no word: it browses, as on Meilisearch.
    if (!nq.q || tokens(nq.q).length === 0) {
      // Browsing walks the documents already in the requested order: no sort per request.
      const ids: string[] = [];
      let total = 0;
      for (const doc of this.order(nq.sort === 'relevance' ? 'newest' : nq.sort).docs) {
        if (!passesFilters(doc, nq)) continue;
        count(doc);
        if (total >= start && ids.length < nq.limit) ids.push(doc.id);
        total += 1;
      }
      return { ids, total, facets };
    }

    const matches = this.textMatches(nq);
    for (const m of matches) count(m.doc);
    if (nq.sort === 'relevance') {
      const newest = this.order('newest').rank;
      matches.sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || newest.get(a.doc.id)! - newest.get(b.doc.id)!);
    } else {
      const rank = this.order(nq.sort).rank;
      matches.sort((a, b) => rank.get(a.doc.id)! - rank.get(b.doc.id)!);
    }
    return { ids: matches.slice(start, start + nq.limit).map((m) => m.doc.id), total: matches.length, facets };
  }

  /** Always true: memory does not go away. */
  async healthy(): Promise<boolean> {
    return true;
  }

  /** Drops the documents held in memory. */
  async close(): Promise<void> {
    await this.clear();
  }

  /** Every document in one sort order; ties end on newest then id, so paging never repeats or skips one. */
  private order(sort: Exclude<SearchSort, 'relevance'>) {
    let order = this.orders[sort];
    if (!order) {
      const newest = (a: ProductDocument, b: ProductDocument) => compare(b.listedAt, a.listedAt) || compare(a.id, b.id);
      const by = {
        newest,
        price_asc: (a: ProductDocument, b: ProductDocument) => a.priceVnd - b.priceVnd || newest(a, b),
        price_desc: (a: ProductDocument, b: ProductDocument) => b.priceVnd - a.priceVnd || newest(a, b),
      }[sort];
      const docs = [...this.docs.values()].sort(by);
      order = { docs, rank: new Map(docs.map((d, i) => [d.id, i])) };
      this.orders[sort] = order;
    }
    return order;
  }

  /** Documents matching every query word, with the exact title match scored above everything else. */
  private textMatches(nq: NormalizedQuery): Match[] {
    const folded = foldVietnamese(nq.q!);
    const words = tokens(nq.q!);
    const last = words[words.length - 1];
    // One or two letters typed last would expand to much of the vocabulary: the other words are
    // searched as usual and their hits kept when some word of the product starts with the letters.
    const letter = last.length <= 2 ? ` ${last}` : null;
    const text = letter ? words.slice(0, -1) : words;
    const keep = (id: string) => passesFilters(this.docs.get(id)!, nq) && (letter === null || this.words.get(id)!.includes(letter));
    const hits: { id: string; score: number }[] =
      text.length === 0
        ? [...this.docs.keys()].filter(keep).map((id) => ({ id, score: 0 }))
        : this.index
            .search(text.join(' '), {
              combineWith: 'AND',
              prefix: (_term, i, terms) => letter === null && i === terms.length - 1,
              fuzzy: (term) => typosAllowed(term) || false,
              maxFuzzy: 2,
              filter: (hit) => keep(hit.id as string),
            })
            .map((hit: MiniSearchHit) => ({ id: hit.id as string, score: hit.score }));
    return hits.map(({ id, score }) => ({ doc: this.docs.get(id)!, score, exact: this.titles.get(id)!.includes(folded) }));
  }
}

interface Match {
  doc: ProductDocument;
  score: number;
  exact: boolean;
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
