import { Meilisearch, type EnqueuedTask, type Index, type Settings, type Task } from 'meilisearch';
import { LOCALES } from '@ocop/core';
import { SearchEngine, type ProductDocument, type SearchFilters, type SearchQuery, type SearchResult } from './search-engine.port';
import { assertDocumentIds, normalizeQuery, type NormalizedQuery } from './search-query';

export interface MeilisearchSearchEngineOptions {
  /** Server address, e.g. `http://127.0.0.1:7700`. */
  url: string;
  apiKey?: string;
  /** Index uid, already prefixed for the environment. */
  indexName: string;
  /** Longest wait for one indexing task to finish; default 30 s. */
  taskTimeoutMs?: number;
  /** Longest wait for one HTTP request; default 10 s. */
  requestTimeoutMs?: number;
}

const BATCH_SIZE = 1000;
const FACETS = ['village', 'productGroup', 'stars'];
/** Each facet and the filter on the same attribute, which its counts leave out. */
const OWN_FILTER: ['village' | 'productGroup' | 'stars', 'village' | 'productGroup' | 'minStars'][] = [
  ['village', 'village'],
  ['productGroup', 'productGroup'],
  ['stars', 'minStars'],
];

const SETTINGS: Settings = {
  // Attribute order is ranking weight: titles before descriptions, Vietnamese first.
  searchableAttributes: [...LOCALES.map((l) => `title.${l}`), ...LOCALES.map((l) => `description.${l}`), 'village', 'province', 'vendor'],
  filterableAttributes: ['village', 'productGroup', 'stars', 'priceVnd', 'inStock'],
  sortableAttributes: ['priceVnd', 'listedAt'],
  // null resets to Meilisearch's default ranking rules, undoing any change made by hand.
  rankingRules: null,
};

const SORT: Record<NormalizedQuery['sort'], string[] | undefined> = {
  relevance: undefined,
  price_asc: ['priceVnd:asc'],
  price_desc: ['priceVnd:desc'],
  newest: ['listedAt:desc'],
};

/**
 * The production search engine, backed by a Meilisearch server through the official client.
 * Every write waits for its Meilisearch task, so a later `search` sees it (read-after-write).
 */
export class MeilisearchSearchEngine extends SearchEngine {
  readonly kind = 'meilisearch';
  private readonly client: Meilisearch;
  private readonly index: Index;
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: MeilisearchSearchEngineOptions) {
    super();
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.apiKey,
      timeout: options.requestTimeoutMs ?? 10_000,
    });
    this.index = this.client.index(options.indexName);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 30_000;
  }

  /**
   * Creates the index with primary key `id` unless it exists, then applies the settings and
   * waits for both tasks. Idempotent. Rejects with the client's `MeilisearchError` when the
   * server cannot be reached, or an `Error` naming the task when Meilisearch fails it.
   */
  async ensureIndex(): Promise<void> {
    const created = await this.client.createIndex(this.options.indexName, { primaryKey: 'id' }).waitTask({ timeout: this.taskTimeoutMs });
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') throw taskFailure(created);
    await this.settle([await this.index.updateSettings(SETTINGS)]);
  }

  /**
   * Adds or replaces documents in batches of 1000 (POST, so a document is replaced whole) and
   * waits for every batch. Idempotent. Rejects with `ValidationError('id')` before sending, with
   * `MeilisearchError` when unreachable, or an `Error` naming the failed task; earlier batches
   * may then be applied, which a retry of the whole call makes good.
   */
  async upsert(docs: ProductDocument[]): Promise<void> {
    assertDocumentIds(docs);
    const enqueued: EnqueuedTask[] = [];
    // Enqueued one after another so that, for an id repeated across batches, the last one wins.
    for (let i = 0; i < docs.length; i += BATCH_SIZE) {
      enqueued.push(await this.index.addDocuments(docs.slice(i, i + BATCH_SIZE), { primaryKey: 'id' }));
    }
    await this.settle(enqueued);
  }

  /** Deletes documents by id in batches of 1000 and waits; unknown ids are ignored. Errors as `upsert`. */
  async remove(ids: string[]): Promise<void> {
    const enqueued: EnqueuedTask[] = [];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      enqueued.push(await this.index.deleteDocuments(ids.slice(i, i + BATCH_SIZE)));
    }
    await this.settle(enqueued);
  }

  /** Reads every document's id, 1000 at a time. Rejects with `MeilisearchError` when the server fails. */
  async allIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += BATCH_SIZE) {
      const page = await this.index.getDocuments({ fields: ['id'], limit: BATCH_SIZE, offset });
      ids.push(...page.results.map((d) => String(d.id)));
      if (page.results.length < BATCH_SIZE) return ids;
    }
  }

  /** Deletes every document, keeping the index and its settings, and waits. Errors as `upsert`. */
  async clear(): Promise<void> {
    await this.settle([await this.index.deleteAllDocuments()]);
  }

  /**
   * Searches with every query word required (`matchingStrategy: all`, as the embedded engine
   * does). Each facet whose own filter is set is counted by one more search without that filter
   * (sent at the same time), as the port asks. Rejects with `ValidationError` for a bad query and
   * `MeilisearchError` when the server fails or the index is missing.
   */
  async search(query: SearchQuery): Promise<SearchResult> {
    const nq = normalizeQuery(query);
    const filter = (f: SearchFilters) => {
      const clauses = meilisearchFilter(f);
      return clauses.length > 0 ? clauses : undefined;
    };
    const main = this.index.search(nq.q, {
      filter: filter(nq.filters),
      // Browsing without words has no relevance to rank by: newest first, as the embedded engine.
      sort: SORT[nq.sort] ?? (nq.q ? undefined : SORT.newest),
      facets: FACETS,
      page: nq.page,
      hitsPerPage: nq.limit,
      attributesToRetrieve: ['id'],
      matchingStrategy: 'all',
    });
    const own = OWN_FILTER.filter(([, key]) => nq.filters[key] !== undefined);
    const others = own.map(([facet, key]) =>
      this.index.search(nq.q, { filter: filter({ ...nq.filters, [key]: undefined }), facets: [facet], limit: 0, attributesToRetrieve: ['id'], matchingStrategy: 'all' }),
    );
    const [res, ...counts] = await Promise.all([main, ...others]);
    const dist = { ...res.facetDistribution };
    own.forEach(([facet], i) => {
      dist[facet] = counts[i].facetDistribution?.[facet] ?? {};
    });
    return {
      ids: res.hits.map((h) => String(h.id)),
      total: res.totalHits,
      facets: { village: dist.village ?? {}, productGroup: dist.productGroup ?? {}, stars: dist.stars ?? {} },
    };
  }

  /** Whether `/health` answers `available`; false on any error or timeout, never rejects. */
  async healthy(): Promise<boolean> {
    return this.client.isHealthy();
  }

  /** The client holds no connection of its own; nothing to release. */
  async close(): Promise<void> {}

  private async settle(enqueued: EnqueuedTask[]): Promise<void> {
    for (const e of enqueued) {
      const task = await this.client.tasks.waitForTask(e, { timeout: this.taskTimeoutMs });
      if (task.status !== 'succeeded') throw taskFailure(task);
    }
  }
}

/** One filter expression per condition; Meilisearch ANDs the elements of the array. */
function meilisearchFilter(f: SearchFilters): string[] {
  const clauses: string[] = [];
  if (f.village) clauses.push(`village IN [${f.village.map(quote).join(', ')}]`);
  if (f.productGroup) clauses.push(`productGroup IN [${f.productGroup.map(quote).join(', ')}]`);
  if (f.minStars !== undefined) clauses.push(`stars >= ${f.minStars}`);
  if (f.minPrice !== undefined) clauses.push(`priceVnd >= ${f.minPrice}`);
  if (f.maxPrice !== undefined) clauses.push(`priceVnd <= ${f.maxPrice}`);
  if (f.inStock !== undefined) clauses.push(`inStock = ${f.inStock}`);
  return clauses;
}

/** A double-quoted filter value: backslashes first, then quotes, so user text cannot end the string. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function taskFailure(task: Task): Error {
  const reason = task.error ? `${task.error.code}: ${task.error.message}` : 'no error given';
  return new Error(`Meilisearch task ${task.uid} (${task.type}) on index ${task.indexUid} ${task.status}: ${reason}`);
}
