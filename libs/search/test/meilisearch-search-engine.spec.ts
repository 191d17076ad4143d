import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Meilisearch } from 'meilisearch';
import { ValidationError } from '@ocop/core';
import { MeilisearchSearchEngine } from '../src/meilisearch-search-engine';
import type { ProductDocument } from '../src/search-engine.port';
import { MeilisearchHttpStandIn } from './meilisearch-http-stand-in';
import { CONTRACT_PRODUCTS, searchEngineContract } from './search-engine.contract';

const MEILI_URL = process.env.MEILI_URL;
const MEILI_API_KEY = process.env.MEILI_API_KEY;

if (MEILI_URL) {
  let n = 0;
  searchEngineContract(`MeilisearchSearchEngine on the server at MEILI_URL`, async () => {
    const indexName = `${process.env.MEILI_INDEX_PREFIX ?? ''}contract_${process.pid}_${Date.now()}_${n++}`;
    const engine = new MeilisearchSearchEngine({ url: MEILI_URL, apiKey: MEILI_API_KEY, indexName });
    return {
      engine,
      cleanup: async () => {
        await engine.close();
        await new Meilisearch({ host: MEILI_URL, apiKey: MEILI_API_KEY }).deleteIndex(indexName).waitTask();
      },
    };
  });
} else {
  describe.skip('MeilisearchSearchEngine contract on a real server (skipped: MEILI_URL is not set)', () => {
    it('runs the SearchEngine contract when MEILI_URL points at a Meilisearch server', () => {});
  });
}

describe('MeilisearchSearchEngine against a Meilisearch HTTP stand-in with documented response shapes (no server can run here)', () => {
  let standIn: MeilisearchHttpStandIn;
  let engine: MeilisearchSearchEngine;

  beforeEach(async () => {
    standIn = await MeilisearchHttpStandIn.start();
    engine = new MeilisearchSearchEngine({ url: standIn.url, apiKey: 'test-key', indexName: 'products_test' });
  });

  afterEach(async () => {
    await engine.close();
    await standIn.close();
  });

  const bulk = (count: number): ProductDocument[] => Array.from({ length: count }, (_, i) => ({ ...CONTRACT_PRODUCTS[0], id: `bulk-${i}`, slug: `bulk-${i}` }));

  it('creates the index with primary key id, applies the settings and waits for both tasks', async () => {
    await engine.ensureIndex();

    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /indexes', 'GET /tasks/0', 'PATCH /indexes/products_test/settings', 'GET /tasks/1']);
    expect(standIn.requests[0].body).toEqual({ uid: 'products_test', primaryKey: 'id' });
    expect(standIn.requests[2].body).toEqual({
      searchableAttributes: ['title.vi', 'title.en', 'title.de', 'title.id', 'description.vi', 'description.en', 'description.de', 'description.id', 'village', 'province', 'vendor'],
      filterableAttributes: ['village', 'productGroup', 'stars', 'priceVnd', 'inStock'],
      sortableAttributes: ['priceVnd', 'listedAt'],
      rankingRules: null,
    });
    expect(standIn.requests[0].headers.authorization).toBe('Bearer test-key');
  });

  it('still applies the settings when the index already exists', async () => {
    standIn.failNextTask('indexCreation', 'index_already_exists', 'Index `products_test` already exists.');
    await engine.ensureIndex();
    expect(standIn.calls()).toEqual(['POST /indexes', 'PATCH /indexes/products_test/settings']);
  });

  it('rejects, naming the task, when Meilisearch fails the settings task', async () => {
    standIn.failNextTask('settingsUpdate', 'invalid_settings_filterable_attributes', 'bad filterable attributes');
    await expect(engine.ensureIndex()).rejects.toThrow(/task 1 \(settingsUpdate\) on index products_test failed: invalid_settings_filterable_attributes/);
  });

  it('posts documents with primary key id in batches of 1000 and waits for each task', async () => {
    await engine.upsert(bulk(2500));

    const posts = standIn.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(Array(3).fill('/indexes/products_test/documents'));
    expect(posts.map((r) => r.query)).toEqual(Array(3).fill({ primaryKey: 'id' }));
    expect(posts.map((r) => (r.body as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect((posts[2].body as ProductDocument[])[499].id).toBe('bulk-2499');
    expect(standIn.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/tasks/0', '/tasks/1', '/tasks/2']);
  });

  it('sends each document whole, as given', async () => {
    await engine.upsert([CONTRACT_PRODUCTS[2]]);
    expect(standIn.requests[0].body).toEqual([CONTRACT_PRODUCTS[2]]);
  });

  it('rejects when a document task fails, so the indexing job retries', async () => {
    standIn.failNextTask('documentAdditionOrUpdate', 'invalid_document_id', 'bad id');
    await expect(engine.upsert([CONTRACT_PRODUCTS[0]])).rejects.toThrow(/documentAdditionOrUpdate.*failed: invalid_document_id/);
  });

  it('sends nothing for an empty batch or an invalid id', async () => {
    await engine.upsert([]);
    await engine.remove([]);
    await expect(engine.upsert([{ ...CONTRACT_PRODUCTS[0], id: 'é' }])).rejects.toBeInstanceOf(ValidationError);
    expect(standIn.requests).toEqual([]);
  });

  it('deletes by ids through delete-batch in batches of 1000 and waits', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `p${i}`);
    await engine.remove(ids);

    expect(standIn.calls()).toEqual(['POST /indexes/products_test/documents/delete-batch', 'POST /indexes/products_test/documents/delete-batch']);
    const posts = standIn.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.body)).toEqual([ids.slice(0, 1000), ['p1000']]);
    expect(standIn.requests.filter((r) => r.path.startsWith('/tasks/'))).toHaveLength(2);
  });

  it('reads every id a thousand at a time, asking for the id field only', async () => {
    standIn.documentIds = Array.from({ length: 2001 }, (_, i) => `p-${i}`);
    expect(await engine.allIds()).toEqual(standIn.documentIds);
    expect(standIn.requests.map((r) => `${r.method} ${r.path} ${r.query.fields} ${r.query.offset}/${r.query.limit}`)).toEqual([
      'GET /indexes/products_test/documents id 0/1000',
      'GET /indexes/products_test/documents id 1000/1000',
      'GET /indexes/products_test/documents id 2000/1000',
    ]);
  });

  it('clears by deleting all documents and waiting', async () => {
    await engine.clear();
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /indexes/products_test/documents', 'GET /tasks/0']);
  });

  it('maps a query to filter, sort, facets and page-based paging', async () => {
    await engine.search({
      q: '  gốm bát tràng ',
      filters: {
        village: ['Bát Tràng', 'Làng "Cổ" \\ Mới'],
        productGroup: ['handicrafts'],
        minStars: 4,
        minPrice: 100_000,
        maxPrice: 500_000,
        inStock: true,
      },
      sort: 'price_asc',
      page: 2,
      limit: 5,
    });

    // The page, then one count per facet whose own filter is set (sent together, in any order).
    expect(standIn.requests).toHaveLength(4);
    expect(standIn.calls()).toEqual(Array(4).fill('POST /indexes/products_test/search'));
    const req = standIn.requests.find((r) => (r.body as { page?: number }).page !== undefined)!;
    expect(req.body).toEqual({
      q: 'gốm bát tràng',
      filter: ['village IN ["Bát Tràng", "Làng \\"Cổ\\" \\\\ Mới"]', 'productGroup IN ["handicrafts"]', 'stars >= 4', 'priceVnd >= 100000', 'priceVnd <= 500000', 'inStock = true'],
      sort: ['priceVnd:asc'],
      facets: ['village', 'productGroup', 'stars'],
      page: 2,
      hitsPerPage: 5,
      attributesToRetrieve: ['id'],
      matchingStrategy: 'all',
    });
    const counts = standIn.requests.filter((r) => r !== req).map((r) => r.body as { facets: string[]; filter: string[]; limit: number; q: string });
    const byFacet = Object.fromEntries(counts.map((c) => [c.facets.join(), c]));
    expect(Object.keys(byFacet).sort()).toEqual(['productGroup', 'stars', 'village']);
    for (const c of counts) expect(c).toMatchObject({ q: 'gốm bát tràng', limit: 0, matchingStrategy: 'all' });
    expect(byFacet.village.filter).toEqual(['productGroup IN ["handicrafts"]', 'stars >= 4', 'priceVnd >= 100000', 'priceVnd <= 500000', 'inStock = true']);
    expect(byFacet.productGroup.filter).toEqual(['village IN ["Bát Tràng", "Làng \\"Cổ\\" \\\\ Mới"]', 'stars >= 4', 'priceVnd >= 100000', 'priceVnd <= 500000', 'inStock = true']);
    expect(byFacet.stars.filter).toEqual(['village IN ["Bát Tràng", "Làng \\"Cổ\\" \\\\ Mới"]', 'productGroup IN ["handicrafts"]', 'priceVnd >= 100000', 'priceVnd <= 500000', 'inStock = true']);
  });

  it('takes each filtered facet from the count made without its filter', async () => {
    const answer = (facetDistribution: Record<string, Record<string, number>>, hits: { id: string }[]) => ({
      hits,
      query: '',
      processingTimeMs: 1,
      hitsPerPage: 20,
      page: 1,
      totalPages: 1,
      totalHits: hits.length,
      facetDistribution,
    });
    standIn.searchResponse = (body) =>
      body.limit === 0 ? answer({ stars: { '4': 3, '5': 1 } }, []) : answer({ village: { 'Bát Tràng': 1 }, productGroup: { handicrafts: 1 }, stars: { '5': 1 } }, [{ id: 'p1' }]);
    const res = await engine.search({ filters: { minStars: 5 } });
    expect(standIn.requests).toHaveLength(2);
    expect(res).toEqual({ ids: ['p1'], total: 1, facets: { village: { 'Bát Tràng': 1 }, productGroup: { handicrafts: 1 }, stars: { '4': 3, '5': 1 } } });
  });

  it('sends a blank query without text or filter, newest first, with the default page', async () => {
    await engine.search({ q: ' ', filters: { village: [] } });
    expect(standIn.requests[0].body).toEqual({
      sort: ['listedAt:desc'],
      facets: ['village', 'productGroup', 'stars'],
      page: 1,
      hitsPerPage: 20,
      attributesToRetrieve: ['id'],
      matchingStrategy: 'all',
    });
  });

  it('leaves the order of a text query under relevance to Meilisearch', async () => {
    await engine.search({ q: 'gốm' });
    expect((standIn.requests[0].body as { sort?: string[] }).sort).toBeUndefined();
  });

  it('sorts newest by listedAt and descending price by priceVnd', async () => {
    await engine.search({ sort: 'newest' });
    await engine.search({ sort: 'price_desc' });
    expect(standIn.requests.map((r) => (r.body as { sort?: string[] }).sort)).toEqual([['listedAt:desc'], ['priceVnd:desc']]);
  });

  it('maps the response to ids, total and facets', async () => {
    standIn.searchResponse = {
      hits: [{ id: 'p1' }, { id: 'p2' }],
      query: 'gom',
      processingTimeMs: 1,
      hitsPerPage: 2,
      page: 1,
      totalPages: 3,
      totalHits: 6,
      facetDistribution: { village: { 'Bát Tràng': 4, 'Vạn Phúc': 2 }, productGroup: { handicrafts: 6 }, stars: { '4': 5, '5': 1 } },
      facetStats: { stars: { min: 4, max: 5 } },
    };

    await expect(engine.search({ q: 'gom', limit: 2 })).resolves.toEqual({
      ids: ['p1', 'p2'],
      total: 6,
      facets: { village: { 'Bát Tràng': 4, 'Vạn Phúc': 2 }, productGroup: { handicrafts: 6 }, stars: { '4': 5, '5': 1 } },
    });
  });

  it('answers empty facets when Meilisearch leaves a facet out', async () => {
    standIn.searchResponse = { hits: [], query: 'x', processingTimeMs: 0, hitsPerPage: 20, page: 1, totalPages: 0, totalHits: 0, facetDistribution: {} };
    await expect(engine.search({ q: 'x' })).resolves.toEqual({ ids: [], total: 0, facets: { village: {}, productGroup: {}, stars: {} } });
  });

  it('rejects an invalid query before sending anything', async () => {
    await expect(engine.search({ page: 0 })).rejects.toBeInstanceOf(ValidationError);
    expect(standIn.requests).toEqual([]);
  });

  it('is healthy when /health answers available', async () => {
    expect(await engine.healthy()).toBe(true);
    expect(standIn.calls()).toEqual(['GET /health']);
  });
});

describe('MeilisearchSearchEngine with no server listening', () => {
  let url: string;

  beforeAll(async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reports unhealthy instead of throwing', async () => {
    const engine = new MeilisearchSearchEngine({ url, indexName: 'products_test' });
    await expect(engine.healthy()).resolves.toBe(false);
  });

  it('rejects a search at once', async () => {
    const engine = new MeilisearchSearchEngine({ url, indexName: 'products_test' });
    await expect(engine.search({ q: 'gom' })).rejects.toMatchObject({ name: 'MeilisearchRequestError' });
  });
});
