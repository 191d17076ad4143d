import { EmbeddedSearchEngine } from '../src/embedded-search-engine';
import { CONTRACT_PRODUCTS, searchEngineContract } from './search-engine.contract';

searchEngineContract('EmbeddedSearchEngine', async () => {
  const engine = new EmbeddedSearchEngine();
  return { engine, cleanup: () => engine.close() };
});

describe('EmbeddedSearchEngine relevance', () => {
  it('ranks an exact title match first, then more query words in the title, then the newest', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.upsert([
      ...CONTRACT_PRODUCTS,
      // Matches "trà sen" only through its description, and is the newest of all.
      {
        id: 'p-banh',
        slug: 'banh-com',
        title: { vi: 'Bánh cốm Hàng Than' },
        description: { vi: 'Ăn cùng trà sen.' },
        productGroup: 'food',
        stars: 4,
        priceVnd: 90_000,
        inStock: true,
        listedAt: '2026-03-01T08:00:00.000Z',
      },
      // Title holds both words but is not exactly the query.
      {
        id: 'p-tra-hop',
        slug: 'tra-sen-hop-qua',
        title: { vi: 'Hộp quà trà sen' },
        productGroup: 'beverages',
        stars: 4,
        priceVnd: 800_000,
        inStock: true,
        listedAt: '2026-02-20T08:00:00.000Z',
      },
      // Same title words as the gift box, listed later.
      {
        id: 'p-tra-tui',
        slug: 'tra-sen-tui-loc',
        title: { vi: 'Trà sen túi lọc' },
        productGroup: 'beverages',
        stars: 4,
        priceVnd: 150_000,
        inStock: true,
        listedAt: '2026-02-25T08:00:00.000Z',
      },
    ]);
    await engine.upsert([{ ...CONTRACT_PRODUCTS[3], title: { vi: 'Trà sen' } }]);

    expect((await engine.search({ q: 'tra sen' })).ids).toEqual(['p-tra', 'p-tra-tui', 'p-tra-hop', 'p-banh']);
  });

  it('does not see later changes the caller makes to an indexed document', async () => {
    const engine = new EmbeddedSearchEngine();
    const doc = structuredClone(CONTRACT_PRODUCTS[2]);
    await engine.upsert([doc]);
    doc.title.vi = 'Đã đổi';
    expect((await engine.search({ q: 'khan lua' })).ids).toEqual(['p-lua']);
  });
});

describe('EmbeddedSearchEngine answers kept between writes', () => {
  it('answers a repeated query from what it kept, and never after a write changed the index', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(CONTRACT_PRODUCTS);
    const first = await engine.search({ q: 'gom' });
    // What a caller does to an answer does not reach the next caller.
    first.ids.length = 0;
    first.facets.village['Bát Tràng'] = 99;
    const again = await engine.search({ q: 'gom' });
    expect(again.ids.length).toBeGreaterThan(0);
    expect(again.facets.village['Bát Tràng']).toBe(again.ids.length);

    const browse = await engine.search({ sort: 'price_asc', limit: 3 });
    const cheaper = { ...CONTRACT_PRODUCTS[0], id: 'p-gom-nho', slug: 'gom-nho', title: { vi: 'Chén gốm nhỏ' }, priceVnd: 1_000 };
    await engine.upsert([cheaper]);
    expect((await engine.search({ sort: 'price_asc', limit: 3 })).ids[0]).toBe('p-gom-nho');
    expect((await engine.search({ q: 'gom' })).ids).toContain('p-gom-nho');
    await engine.remove(['p-gom-nho']);
    expect((await engine.search({ sort: 'price_asc', limit: 3 })).ids).toEqual(browse.ids);
    await engine.clear();
    expect((await engine.search({ q: 'gom' })).total).toBe(0);
  });
});

describe('EmbeddedSearchEngine fragments typed so far', () => {
  it('answers a query of one or two letters from the entries with a word starting so, in order, and sees later writes', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(CONTRACT_PRODUCTS);
    const ids = async (q: string, sort: 'newest' | 'price_asc' = 'newest') => (await engine.search({ q, sort, limit: 100 })).ids;
    const expected = (fragment: string) =>
      [...CONTRACT_PRODUCTS]
        .filter((p) => Object.values(p.title).some((t) => ` ${t}`.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').includes(` ${fragment}`)))
        .map((p) => p.id);
    const found = await ids('kh');
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set(expected('kh')));
    expect((await ids('kh', 'price_asc')).length).toBe(found.length);
    await engine.upsert([{ ...CONTRACT_PRODUCTS[0], id: 'p-new-kh', slug: 'khay-son-mai', title: { vi: 'Khay sơn mài' }, listedAt: '2030-01-01T00:00:00.000Z' }]);
    expect((await ids('kh'))[0]).toBe('p-new-kh');
    await engine.remove(['p-new-kh']);
    expect(await ids('kh')).toEqual(found);
  });
});
