import MiniSearch from 'minisearch';
import { foldVietnamese, LOCALES, tokens } from '@ocop/core';
import { SearchEngine, type ProductDocument, type SearchQuery, type SearchResult, type SearchSort } from './search-engine.port';
import { assertDocumentIds, normalizeQuery, type NormalizedQuery } from './search-query';

/**
 * Searchable fields and their weights, in the order the Meilisearch adapter ranks its attributes:
 * titles before descriptions, then village, province and vendor. Each locale's text is one more
 * value of the same field.
 */
const FIELDS: Record<string, number> = { title: 4, description: 1, village: 2, province: 1.5, vendor: 1.5 };

/** Typos forgiven per query word, as Meilisearch's defaults: one from 5 letters, two from 9. */
export function typosAllowed(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** The text of one searchable field: every locale of a title or description, or a plain value. */
function fieldText(doc: ProductDocument, name: string): string {
  if (name === 'title' || name === 'description') {
    const texts = doc[name] ?? {};
    return LOCALES.map((l) => texts[l])
      .filter((t): t is string => typeof t === 'string')
      .join(' \n ');
  }
  const value = doc[name as 'village' | 'province' | 'vendor'];
  return typeof value === 'string' ? value : '';
}

/** Facet values numbered as they first appear, so that counting is array arithmetic. */
class Codes {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The codes of these values; unknown values have none (nothing can match them). */
  lookup(values: string[] | undefined): Set<number> | null {
    if (!values) return null;
    return new Set(values.flatMap((v) => (this.codes.has(v) ? [this.codes.get(v)!] : [])));
  }

  /** Non-zero counts by value. */
  counts(counts: Int32Array): Record<string, number> {
    const out: Record<string, number> = {};
    counts.forEach((n, code) => {
      if (n > 0) out[this.values[code]] = n;
    });
    return out;
  }
}

/** One indexed document with what searching needs precomputed. */
interface Entry {
  doc: ProductDocument;
  /** Village code, or -1 without a village. */
  village: number;
  group: number;
  /** Folded titles of every locale, for the exact-title ranking. */
  titles: string[];
  /** Every searchable word, folded, each after a space: for short prefixes. */
  words: string;
}

/** The query's village, group and stars conditions, each tested on its own for the facets. */
interface FacetFilters {
  village: Set<number> | null;
  group: Set<number> | null;
  minStars: number | undefined;
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
  private readonly entries = new Map<string, Entry>();
  private readonly villages = new Codes();
  private readonly groups = new Codes();
  /**
   * Every entry in each sort order, sorted once when first needed and then kept sorted through
   * writes (binary search and splice), so browsing never sorts and a stream of index jobs does
   * not force a full sort before each query.
   */
  private orders: Partial<Record<OrderedSort, Entry[]>> = {};
  /**
   * Answers by normalised query, least recently used first; emptied by every write, so an answer
   * never outlives the index it was computed from. Shoppers mostly browse and repeat popular
   * words: those answers cost a map lookup.
   */
  private readonly answers = new Map<string, SearchResult>();
  private readonly index = new MiniSearch<ProductDocument>({
    fields: Object.keys(FIELDS),
    extractField: (doc, name) => (name === 'id' ? doc.id : fieldText(doc, name)),
    // tokens() folds before splitting, so NFD input does not split words at its accent marks.
    tokenize: tokens,
    processTerm: (term) => term,
    searchOptions: { boost: FIELDS },
  });

  /**
   * Per sort order, the entries having a word that starts with a given one or two letters (the
   * key, with its leading space), in that order: a query of such a fragment alone walks those
   * instead of every entry. Emptied with the answers.
   */
  private starts: Partial<Record<OrderedSort, Map<string, Entry[]>>> = {};

  /** Forgets everything derived from the documents (answers, fragment lists) after a write. */
  private forget(): void {
    this.answers.clear();
    this.starts = {};
  }

  /** The entries in `sort` order with a word starting with `fragment` (see `starts`). */
  private startingWith(fragment: string, sort: OrderedSort): Entry[] {
    const lists = (this.starts[sort] ??= new Map<string, Entry[]>());
    let list = lists.get(fragment);
    if (!list) {
      list = this.order(sort).filter((e) => e.words.includes(fragment));
      if (lists.size >= CACHED_FRAGMENTS) lists.delete(lists.keys().next().value!);
      lists.set(fragment, list);
    }
    return list;
  }

  private readonly listeners: ((ids: string[] | null) => void)[] = [];

  override onChange(listener: (ids: string[] | null) => void): void {
    this.listeners.push(listener);
  }

  private changed(ids: string[] | null): void {
    for (const listener of this.listeners) listener(ids);
  }

  /** Nothing to create in memory. Idempotent; never rejects. */
  async ensureIndex(): Promise<void> {}

  /** Adds or replaces documents by id, keeping a copy so later changes by the caller do not leak in. */
  async upsert(docs: ProductDocument[]): Promise<void> {
    assertDocumentIds(docs);
    for (const given of docs) {
      const doc = structuredClone(given);
      const old = this.entries.get(doc.id);
      if (old) {
        this.index.remove(old.doc);
        this.unorder(old);
      }
      this.index.add(doc);
      const entry: Entry = {
        doc,
        village: doc.village === undefined ? -1 : this.villages.code(doc.village),
        group: this.groups.code(doc.productGroup),
        titles: Object.values(doc.title)
          .filter((t): t is string => typeof t === 'string')
          .map(foldVietnamese),
        words: ` ${Object.keys(FIELDS)
          .flatMap((f) => tokens(fieldText(doc, f)))
          .join(' ')}`,
      };
      this.entries.set(doc.id, entry);
      this.forget();
      for (const [sort, list] of Object.entries(this.orders) as [OrderedSort, Entry[]][]) list.splice(position(list, entry, ORDER[sort]), 0, entry);
    }
    if (docs.length) this.changed(docs.map((d) => d.id));
  }

  /** Removes documents by id; unknown ids are ignored. */
  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const old = this.entries.get(id);
      if (!old) continue;
      this.index.remove(old.doc);
      this.unorder(old);
      this.entries.delete(id);
      this.forget();
    }
    if (ids.length) this.changed(ids);
  }

  /** The ids of the documents held. */
  async allIds(): Promise<string[]> {
    return [...this.entries.keys()];
  }

  /** Removes every document. */
  async clear(): Promise<void> {
    this.index.removeAll();
    this.entries.clear();
    this.orders = {};
    this.forget();
    this.changed(null);
  }

  /**
   * Text match and the price and stock filters first; then one pass that applies the village,
   * group and stars filters and counts each facet over the documents passing the other two.
   */
  async search(query: SearchQuery): Promise<SearchResult> {
    const nq = normalizeQuery(query);
    const key = JSON.stringify(nq);
    let answer = this.answers.get(key);
    if (answer) this.answers.delete(key);
    else answer = this.compute(nq);
    this.answers.set(key, answer);
    if (this.answers.size > CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    // Callers may adjust what they get (the catalogue takes refused hits out of the counts).
    return { ids: [...answer.ids], total: answer.total, facets: { village: { ...answer.facets.village }, productGroup: { ...answer.facets.productGroup }, stars: { ...answer.facets.stars } } };
  }

  private compute(nq: NormalizedQuery): SearchResult {
    const start = (nq.page - 1) * nq.limit;
    const f: FacetFilters = { village: this.villages.lookup(nq.filters.village), group: this.groups.lookup(nq.filters.productGroup), minStars: nq.filters.minStars };
    const villageCounts = new Int32Array(this.villages.values.length);
    const groupCounts = new Int32Array(this.groups.values.length);
    const starCounts = new Int32Array(6);
    /** Counts the entry's facets and tells whether it passes every filter. */
    const tally = (e: Entry): boolean => {
      const inVillage = f.village === null || f.village.has(e.village);
      const inGroup = f.group === null || f.group.has(e.group);
      const inStars = f.minStars === undefined || e.doc.stars >= f.minStars;
      if (inGroup && inStars && e.village >= 0) villageCounts[e.village] += 1;
      if (inVillage && inStars) groupCounts[e.group] += 1;
      if (inVillage && inGroup) starCounts[e.doc.stars] += 1;
      return inVillage && inGroup && inStars;
    };
    const facets = (): SearchResult['facets'] => {
      const stars: Record<string, number> = {};
      starCounts.forEach((n, s) => {
        if (n > 0) stars[String(s)] = n;
      });
      return { village: this.villages.counts(villageCounts), productGroup: this.groups.counts(groupCounts), stars };
    };

    const words = nq.q ? tokens(nq.q) : [];
    const last = words[words.length - 1] ?? '';
    // One or two letters typed last would expand to much of the vocabulary: such a word is matched
    // as the start of some word of the product instead.
    const short = last.length > 0 && last.length <= 2 ? ` ${last}` : null;
    const text = short ? words.slice(0, -1) : words;
    const sort = nq.sort === 'relevance' ? 'newest' : nq.sort;

    if (text.length === 0) {
      // No word to score (a query of punctuation alone browses, as on Meilisearch): walk the
      // entries already in the requested order, with no sort per request.
      const folded = nq.q ? foldVietnamese(nq.q) : null;
      const exact: string[] = [];
      const ids: string[] = [];
      let total = 0;
      for (const e of short === null ? this.order(sort) : this.startingWith(short, sort)) {
        if (!passesBaseFilters(e.doc, nq) || !tally(e)) continue;
        if (nq.sort === 'relevance' && folded !== null && e.titles.includes(folded)) exact.push(e.doc.id);
        else if (total - exact.length < start + nq.limit) ids.push(e.doc.id);
        total += 1;
      }
      return { ids: [...exact, ...ids].slice(start, start + nq.limit), total, facets: facets() };
    }

    const folded = foldVietnamese(nq.q!);
    const matches = this.index
      .search(text.join(' '), {
        combineWith: 'AND',
        prefix: (_term, i, terms) => short === null && i === terms.length - 1,
        fuzzy: (term) => typosAllowed(term) || false,
        maxFuzzy: 2,
        filter: (hit) => {
          const e = this.entries.get(hit.id as string)!;
          return passesBaseFilters(e.doc, nq) && (short === null || e.words.includes(short)) && tally(e);
        },
      })
      .map((hit) => {
        const e = this.entries.get(hit.id as string)!;
        return { entry: e, score: hit.score, exact: e.titles.includes(folded) };
      });
    const by = ORDER[sort];
    if (nq.sort === 'relevance') matches.sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || by(a.entry, b.entry));
    else matches.sort((a, b) => by(a.entry, b.entry));
    return { ids: matches.slice(start, start + nq.limit).map((m) => m.entry.doc.id), total: matches.length, facets: facets() };
  }

  /** Always true: memory does not go away. */
  async healthy(): Promise<boolean> {
    return true;
  }

  /** Drops the documents held in memory. */
  async close(): Promise<void> {
    await this.clear();
  }

  /** Every entry in one sort order. */
  private order(sort: OrderedSort): Entry[] {
    return (this.orders[sort] ??= [...this.entries.values()].sort(ORDER[sort]));
  }

  /** Takes an entry out of every kept order. */
  private unorder(entry: Entry): void {
    for (const [sort, list] of Object.entries(this.orders) as [OrderedSort, Entry[]][]) {
      const i = position(list, entry, ORDER[sort]);
      if (list[i] === entry) list.splice(i, 1);
    }
  }
}

type OrderedSort = Exclude<SearchSort, 'relevance'>;

/** How many answers the engine keeps (a few hundred kilobytes at most). */
const CACHED_ANSWERS = 1000;
/** How many fragment lists each sort order keeps (see `starts`; a list is at most one reference per entry). */
const CACHED_FRAGMENTS = 32;

const newest = (a: Entry, b: Entry) => compare(b.doc.listedAt, a.doc.listedAt) || compare(a.doc.id, b.doc.id);
/** Total orders: ties end on newest then id, so paging never repeats or skips a product. */
const ORDER: Record<OrderedSort, (a: Entry, b: Entry) => number> = {
  newest,
  price_asc: (a, b) => a.doc.priceVnd - b.doc.priceVnd || newest(a, b),
  price_desc: (a, b) => b.doc.priceVnd - a.doc.priceVnd || newest(a, b),
};

/** The first index of a sorted list whose entry does not come before `entry`. */
function position(list: Entry[], entry: Entry, by: (a: Entry, b: Entry) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (by(list[mid], entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The price and stock filters; village, group and stars are applied while counting facets. */
function passesBaseFilters(doc: ProductDocument, { filters: f }: NormalizedQuery): boolean {
  if (f.minPrice !== undefined && doc.priceVnd < f.minPrice) return false;
  if (f.maxPrice !== undefined && doc.priceVnd > f.maxPrice) return false;
  if (f.inStock !== undefined && doc.inStock !== f.inStock) return false;
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
