import { ValidationError } from '@ocop/core';
import type { ProductDocument, SearchEngine } from '../src/search-engine.port';

export interface ContractSubject {
  engine: SearchEngine;
  /** Drops whatever `make` created (index, connections). */
  cleanup(): Promise<void>;
}

function product(p: Partial<ProductDocument> & Pick<ProductDocument, 'id' | 'title' | 'productGroup' | 'stars' | 'priceVnd' | 'listedAt'>): ProductDocument {
  return { slug: p.id, inStock: true, ...p };
}

/** Nine products, each with a distinct price and listing time so every sort has one right answer. */
export const CONTRACT_PRODUCTS: ProductDocument[] = [
  product({
    id: 'p-gom',
    title: { vi: 'Gốm Bát Tràng men lam', en: 'Bat Trang blue-glazed pottery' },
    description: { vi: 'Bình gốm men lam vẽ tay.' },
    village: 'Bát Tràng',
    province: 'Hà Nội',
    vendor: 'HTX Gốm Bát Tràng',
    productGroup: 'handicrafts',
    stars: 4,
    priceVnd: 450_000,
    listedAt: '2026-01-05T08:00:00.000Z',
  }),
  product({
    id: 'p-binh-hoa',
    title: { vi: 'Bình hoa gốm Bát Tràng', en: 'Bat Trang ceramic vase' },
    village: 'Bát Tràng',
    province: 'Hà Nội',
    productGroup: 'handicrafts',
    stars: 5,
    priceVnd: 1_200_000,
    listedAt: '2026-02-01T08:00:00.000Z',
  }),
  product({
    id: 'p-lua',
    title: { vi: 'Khăn lụa Vạn Phúc', en: 'Van Phuc silk scarf', de: 'Seidenschal aus Vạn Phúc', id: 'Syal sutra Vạn Phúc' },
    village: 'Vạn Phúc',
    province: 'Hà Nội',
    productGroup: 'textiles',
    stars: 4,
    priceVnd: 350_000,
    listedAt: '2026-01-10T08:00:00.000Z',
  }),
  product({
    id: 'p-tra',
    title: { vi: 'Trà sen Tây Hồ', en: 'West Lake lotus tea' },
    village: 'Quảng An',
    province: 'Hà Nội',
    productGroup: 'beverages',
    stars: 5,
    priceVnd: 600_000,
    listedAt: '2026-01-20T08:00:00.000Z',
  }),
  product({
    id: 'p-mien',
    title: { vi: 'Miến dong Bình Liêu' },
    village: 'Bình Liêu',
    province: 'Quảng Ninh',
    productGroup: 'food',
    stars: 4,
    priceVnd: 120_000,
    inStock: false,
    listedAt: '2025-12-01T08:00:00.000Z',
  }),
  product({
    id: 'p-cha-muc',
    title: { vi: 'Chả mực Hạ Long', en: 'Ha Long squid cakes' },
    province: 'Quảng Ninh',
    productGroup: 'food',
    stars: 5,
    priceVnd: 380_000,
    listedAt: '2026-01-15T08:00:00.000Z',
  }),
  product({
    id: 'p-nuoc-mam',
    title: { vi: 'Nước mắm Phú Quốc' },
    province: 'Kiên Giang',
    productGroup: 'food',
    stars: 3,
    priceVnd: 95_000,
    listedAt: '2025-11-20T08:00:00.000Z',
  }),
  product({
    id: 'p-ca-phe',
    title: { vi: 'Cà phê Buôn Ma Thuột', de: 'Kaffee aus Buôn Ma Thuột' },
    province: 'Đắk Lắk',
    productGroup: 'beverages',
    stars: 4,
    priceVnd: 250_000,
    listedAt: '2025-12-15T08:00:00.000Z',
  }),
  product({
    id: 'p-tuong-go',
    title: { vi: 'Tượng gỗ Đồng Kỵ' },
    village: 'Đồng Kỵ',
    province: 'Bắc Ninh',
    productGroup: 'handicrafts',
    stars: 4,
    priceVnd: 2_500_000,
    listedAt: '2026-02-10T08:00:00.000Z',
  }),
];

const BY_PRICE = ['p-nuoc-mam', 'p-mien', 'p-ca-phe', 'p-lua', 'p-cha-muc', 'p-gom', 'p-tra', 'p-binh-hoa', 'p-tuong-go'];
const BY_NEWEST = ['p-tuong-go', 'p-binh-hoa', 'p-tra', 'p-cha-muc', 'p-lua', 'p-gom', 'p-ca-phe', 'p-mien', 'p-nuoc-mam'];

const sorted = (ids: string[]) => [...ids].sort();

/**
 * The behaviour every `SearchEngine` adapter must show. `make` returns a fresh, empty engine
 * (its own index) on each call; `cleanup` removes it.
 */
export function searchEngineContract(label: string, make: () => Promise<ContractSubject>): void {
  describe(`${label} honours the SearchEngine contract`, () => {
    let subject: ContractSubject;
    let engine: SearchEngine;

    beforeEach(async () => {
      subject = await make();
      engine = subject.engine;
      await engine.ensureIndex();
      await engine.upsert(CONTRACT_PRODUCTS);
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    const idsFor = async (q: string) => sorted((await engine.search({ q })).ids);

    it('finds a product by its accented title and by the same words typed without accents', async () => {
      expect(await idsFor('Gốm Bát Tràng')).toEqual(['p-binh-hoa', 'p-gom']);
      expect(await idsFor('gom bat trang')).toEqual(['p-binh-hoa', 'p-gom']);
      expect(await idsFor('GỐM BÁT TRÀNG')).toEqual(['p-binh-hoa', 'p-gom']);
    });

    it('reads đ as d', async () => {
      expect(await idsFor('tuong go dong ky')).toEqual(['p-tuong-go']);
    });

    it('finds a product by a prefix of its last word, down to its first letter', async () => {
      expect(await idsFor('khăn lụ')).toEqual(['p-lua']);
      expect(await idsFor('chả mự')).toEqual(['p-cha-muc']);
      expect(await idsFor('gốm bát t')).toEqual(['p-binh-hoa', 'p-gom']);
      expect(await idsFor('gốm bát x')).toEqual([]);
      expect(await idsFor('đ')).toEqual(['p-ca-phe', 'p-mien', 'p-tuong-go']);
    });

    it('finds a product by a translated title in English, German and Indonesian', async () => {
      expect(await idsFor('silk scarf')).toEqual(['p-lua']);
      expect(await idsFor('Seidenschal')).toEqual(['p-lua']);
      expect(await idsFor('syal sutra')).toEqual(['p-lua']);
    });

    it('forgives one typo in a word of five letters or more, and none in shorter words', async () => {
      expect(await idsFor('silk scarg')).toEqual(['p-lua']);
      expect(await idsFor('gom bat trxnf')).toEqual([]);
      expect(await idsFor('gom bat tranf')).toEqual(['p-binh-hoa', 'p-gom']);
      expect(await idsFor('sylk scarf')).toEqual([]);
      expect(await idsFor('gpm bat trang')).toEqual([]);
    });

    it('ranks a product whose title is exactly the query first', async () => {
      await engine.upsert([
        product({ id: 'p-tra-tui', title: { vi: 'Trà sen túi lọc' }, productGroup: 'beverages', stars: 4, priceVnd: 150_000, listedAt: '2026-03-01T08:00:00.000Z' }),
        product({ id: 'p-tra-sen', title: { vi: 'Trà sen' }, productGroup: 'beverages', stars: 3, priceVnd: 90_000, listedAt: '2025-06-01T08:00:00.000Z' }),
      ]);
      const res = await engine.search({ q: 'trà sen' });
      expect(res.ids[0]).toBe('p-tra-sen');
      expect(sorted(res.ids)).toEqual(['p-tra', 'p-tra-sen', 'p-tra-tui']);
    });

    it('requires every word of the query to match', async () => {
      expect(await idsFor('gốm lụa')).toEqual([]);
    });

    it('returns every product for a blank query', async () => {
      const res = await engine.search({ q: '   ', limit: 100 });
      expect(sorted(res.ids)).toEqual(sorted(BY_PRICE));
      expect(res.total).toBe(CONTRACT_PRODUCTS.length);
    });

    it('no longer finds a removed product, and ignores unknown ids', async () => {
      await engine.remove(['p-lua', 'no-such-product']);
      expect(await idsFor('khăn lụa')).toEqual([]);
      expect((await engine.search({ limit: 100 })).total).toBe(CONTRACT_PRODUCTS.length - 1);
    });

    it('replaces a product upserted again under the same id instead of adding a second one', async () => {
      // The old description and vendor mention Bát Tràng: a merge instead of a replace would keep them.
      const renamed = product({
        id: 'p-gom',
        title: { vi: 'Gốm Chu Đậu' },
        village: 'Chu Đậu',
        province: 'Hải Dương',
        productGroup: 'handicrafts',
        stars: 4,
        priceVnd: 450_000,
        listedAt: '2026-01-05T08:00:00.000Z',
      });
      await engine.upsert([renamed]);
      expect(await idsFor('chu dau')).toEqual(['p-gom']);
      expect(await idsFor('bat trang')).toEqual(['p-binh-hoa']);
      expect((await engine.search({ limit: 100 })).total).toBe(CONTRACT_PRODUCTS.length);
    });

    it('narrows results by product group', async () => {
      const res = await engine.search({ filters: { productGroup: ['food'] } });
      expect(sorted(res.ids)).toEqual(['p-cha-muc', 'p-mien', 'p-nuoc-mam']);
    });

    it('narrows results by minimum stars', async () => {
      const res = await engine.search({ filters: { minStars: 5 } });
      expect(sorted(res.ids)).toEqual(['p-binh-hoa', 'p-cha-muc', 'p-tra']);
    });

    it('narrows results to an inclusive price range', async () => {
      const res = await engine.search({ filters: { minPrice: 250_000, maxPrice: 450_000 }, sort: 'price_asc' });
      expect(res.ids).toEqual(['p-ca-phe', 'p-lua', 'p-cha-muc', 'p-gom']);
    });

    it('narrows results by village, combined with text and other filters', async () => {
      expect(sorted((await engine.search({ filters: { village: ['Bát Tràng', 'Vạn Phúc'] } })).ids)).toEqual(['p-binh-hoa', 'p-gom', 'p-lua']);
      expect((await engine.search({ q: 'gom', filters: { village: ['Bát Tràng'], minStars: 5 } })).ids).toEqual(['p-binh-hoa']);
    });

    it('narrows results by stock', async () => {
      expect((await engine.search({ filters: { inStock: false } })).ids).toEqual(['p-mien']);
    });

    it('accepts filter values holding quotes and backslashes', async () => {
      const res = await engine.search({ filters: { village: ['Làng "Cổ"', 'a\\', 'b\\"c'] } });
      expect(res).toMatchObject({ ids: [], total: 0, facets: { productGroup: {}, stars: {} } });
      expect(res.facets.village['Bát Tràng']).toBe(2);
    });

    it('counts facets over every match, not only the returned page', async () => {
      const res = await engine.search({ q: 'gom', limit: 1 });
      expect(res.ids).toHaveLength(1);
      expect(res.total).toBe(2);
      expect(res.facets).toEqual({
        village: { 'Bát Tràng': 2 },
        productGroup: { handicrafts: 2 },
        stars: { '4': 1, '5': 1 },
      });
    });

    it('counts facets after filters are applied and leaves out products without the field', async () => {
      const res = await engine.search({ filters: { productGroup: ['food'] } });
      expect(res.facets.village).toEqual({ 'Bình Liêu': 1 });
      expect(res.facets.stars).toEqual({ '3': 1, '4': 1, '5': 1 });
    });

    it('counts each facet without its own filter, so other values stay on offer', async () => {
      const res = await engine.search({ filters: { productGroup: ['food'], minStars: 5, village: ['Bát Tràng'] } });
      expect(res.ids).toEqual([]);
      expect(res.facets).toEqual({
        // food and 5 stars, any village: only the squid cakes, which have no village.
        village: {},
        // Bát Tràng and 5 stars, any group.
        productGroup: { handicrafts: 1 },
        // Bát Tràng and food, any stars: none.
        stars: {},
      });
      const gom = await engine.search({ q: 'gom', filters: { minStars: 5, maxPrice: 2_000_000 } });
      expect(gom.ids).toEqual(['p-binh-hoa']);
      expect(gom.facets).toEqual({ village: { 'Bát Tràng': 1 }, productGroup: { handicrafts: 1 }, stars: { '4': 1, '5': 1 } });
      const two = await engine.search({ filters: { village: ['Bát Tràng'] } });
      expect(two.facets.village).toEqual({ 'Bát Tràng': 2, 'Vạn Phúc': 1, 'Quảng An': 1, 'Bình Liêu': 1, 'Đồng Kỵ': 1 });
      expect(two.facets.productGroup).toEqual({ handicrafts: 2 });
    });

    it('orders by price ascending and descending', async () => {
      expect((await engine.search({ sort: 'price_asc' })).ids).toEqual(BY_PRICE);
      expect((await engine.search({ sort: 'price_desc' })).ids).toEqual([...BY_PRICE].reverse());
    });

    it('orders by listing time, newest first', async () => {
      expect((await engine.search({ sort: 'newest' })).ids).toEqual(BY_NEWEST);
    });

    it('shows the newest first when browsing without words by relevance', async () => {
      expect((await engine.search({})).ids).toEqual(BY_NEWEST);
      expect((await engine.search({ sort: 'relevance', filters: { productGroup: ['food'] } })).ids).toEqual(['p-cha-muc', 'p-mien', 'p-nuoc-mam']);
    });

    it('keeps every order right through writes between searches', async () => {
      for (const sort of ['price_asc', 'price_desc', 'newest'] as const) await engine.search({ sort });
      await engine.upsert([{ ...CONTRACT_PRODUCTS[0], priceVnd: 50_000, listedAt: '2026-03-01T08:00:00.000Z' }]);
      await engine.remove(['p-lua']);
      await engine.upsert([{ ...CONTRACT_PRODUCTS[2], id: 'p-lua-2', priceVnd: 96_000, listedAt: '2025-11-25T08:00:00.000Z' }]);
      const priced = ['p-gom', 'p-nuoc-mam', 'p-lua-2', 'p-mien', 'p-ca-phe', 'p-cha-muc', 'p-tra', 'p-binh-hoa', 'p-tuong-go'];
      expect((await engine.search({ sort: 'price_asc' })).ids).toEqual(priced);
      expect((await engine.search({ sort: 'price_desc' })).ids).toEqual([...priced].reverse());
      expect((await engine.search({ sort: 'newest' })).ids).toEqual(['p-gom', 'p-tuong-go', 'p-binh-hoa', 'p-tra', 'p-cha-muc', 'p-ca-phe', 'p-mien', 'p-lua-2', 'p-nuoc-mam']);
      expect((await engine.search({ q: 'lụa', sort: 'price_asc' })).ids).toEqual(['p-lua-2']);
    });

    it('pages through results with a stable total', async () => {
      const page = (n: number) => engine.search({ sort: 'price_asc', limit: 4, page: n });
      const [one, two, three, four] = await Promise.all([page(1), page(2), page(3), page(4)]);
      expect(one.ids).toEqual(BY_PRICE.slice(0, 4));
      expect(two.ids).toEqual(BY_PRICE.slice(4, 8));
      expect(three.ids).toEqual(BY_PRICE.slice(8));
      expect(four.ids).toEqual([]);
      for (const res of [one, two, three, four]) expect(res.total).toBe(CONTRACT_PRODUCTS.length);
    });

    it('returns 20 results per page by default', async () => {
      const many = Array.from({ length: 25 }, (_, i) =>
        product({ id: `bulk-${i}`, title: { vi: `Mứt gừng ${i}` }, productGroup: 'food', stars: 3, priceVnd: 10_000 + i, listedAt: '2025-10-01T00:00:00.000Z' }),
      );
      await engine.upsert(many);
      const res = await engine.search({ q: 'mứt gừng' });
      expect(res.ids).toHaveLength(20);
      expect(res.total).toBe(25);
    });

    it('lists the id of every document it holds', async () => {
      expect((await engine.allIds()).sort()).toEqual(sorted(BY_PRICE));
      await engine.remove(['p-lua']);
      expect((await engine.allIds()).sort()).toEqual(sorted(BY_PRICE.filter((id) => id !== 'p-lua')));
      await engine.clear();
      expect(await engine.allIds()).toEqual([]);
    });

    it('empties the index on clear and can be filled again', async () => {
      await engine.clear();
      expect((await engine.search({})).total).toBe(0);
      await engine.ensureIndex();
      await engine.upsert([CONTRACT_PRODUCTS[2]]);
      expect((await engine.search({ q: 'lua' })).ids).toEqual(['p-lua']);
    });

    it('rejects paging and number filters no engine can answer', async () => {
      await expect(engine.search({ page: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(engine.search({ limit: 101 })).rejects.toBeInstanceOf(ValidationError);
      await expect(engine.search({ limit: 2.5 })).rejects.toBeInstanceOf(ValidationError);
      await expect(engine.search({ filters: { minPrice: Number.NaN } })).rejects.toBeInstanceOf(ValidationError);
    });

    it('rejects a document id the index cannot key, writing nothing', async () => {
      const bad = { ...CONTRACT_PRODUCTS[0], id: 'has space' };
      const fresh = { ...CONTRACT_PRODUCTS[0], id: 'p-new', title: { vi: 'Nón lá Chuông' } };
      await expect(engine.upsert([fresh, bad])).rejects.toBeInstanceOf(ValidationError);
      expect(await idsFor('non la chuong')).toEqual([]);
    });

    it('reports itself healthy', async () => {
      expect(await engine.healthy()).toBe(true);
    });
  });
}
