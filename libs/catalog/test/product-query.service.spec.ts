import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Certificate } from '@ocop/certification';
import { FakeClock } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { describeMysql, openTestDatabase } from '@ocop/testing';
import { CertificateProductCounts } from '../src/certificate-product-counts';
import { ProductQueryService } from '../src/product-query.service';
import { Product } from '../src/product.entity';
import { TraceScan } from '../src/trace-scan.entity';
import { scannerHash } from '../src/trace-code';
import { insertProducts, productRow, seedVendorWithCertificate } from '@ocop/testing';
import { EmbeddedSearchEngine, MeilisearchSearchEngine } from '@ocop/search';
import { ProductIndexer } from '../src/product-indexer';

/**
 * `index`: lists served by the embedded search index (filled by a rebuild where a worker's jobs
 * would keep it in step); `database`: the SQL fallback of a process no index serves.
 */
function productQuerySuite(dialect: 'sqlite' | 'mysql', source: 'index' | 'database') {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let tx: Transactions;
  let query: ProductQueryService;
  let indexer: ProductIndexer;
  /** Brings the index up to date with the database, as the index jobs would. */
  const indexed = async () => {
    if (source === 'index') await indexer.rebuild();
  };
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase(dialect));
    tx = new Transactions(ds);
    const engine = new EmbeddedSearchEngine();
    query = new ProductQueryService(tx, clock, engine, source === 'index');
    indexer = new ProductIndexer(ds, engine, clock);
    clock.set('2026-06-01T00:00:00Z');
  });
  afterEach(() => cleanup());

  const seed = (opts: Parameters<typeof seedVendorWithCertificate>[1] = {}) => tx.run((em) => seedVendorWithCertificate(em, opts));
  const set = (em: EntityManager, p: Product, values: Partial<Product>) => em.update(Product, { id: p.id }, values);

  it('lists only sellable products, with the first image, stars, village and vendor', async () => {
    const ok = await seed({ products: 2 });
    await seed({ products: 1, vendorStatus: 'pending' });
    await seed({ products: 1, state: 'draft' });
    await seed({ products: 1, expiresAt: new Date('2026-06-01T00:00:00Z') });
    await tx.run((em) => set(em, ok.products[0], { images: ['/media/a.png', '/media/b.png'], title: { vi: 'Bình gốm', en: 'Vase' } }));
    await indexed();
    const res = await query.list({ lang: 'en', sort: 'price_asc' });
    expect(res.total).toBe(2);
    expect(res.items.map((i) => i.id).sort()).toEqual(ok.products.map((p) => p.id).sort());
    expect(res.items.find((i) => i.id === ok.products[0].id)).toEqual({
      id: ok.products[0].id,
      slug: ok.products[0].slug,
      title: 'Vase',
      priceVnd: 350000,
      stars: 4,
      productGroup: 'handicrafts',
      village: { slug: ok.village.slug, name: 'Bát Tràng' },
      vendor: { slug: ok.vendor.slug, name: 'HTX Gốm Bát Tràng' },
      image: '/media/a.png',
    });
    expect(res.facets).toEqual({ village: { [ok.village.slug]: 2 }, productGroup: { handicrafts: 2 }, stars: { '4': 2 } });
  });

  it('hides a product the instant its certificate expires, with no job having run', async () => {
    const s = await seed({ products: 1, expiresAt: new Date('2026-06-01T12:00:00Z') });
    await indexed();
    expect((await query.list({})).total).toBe(1);
    expect((await query.detail(s.products[0].slug)).id).toBe(s.products[0].id);
    clock.set('2026-06-01T12:00:00Z');
    expect((await query.list({})).total).toBe(0);
    await expect(query.detail(s.products[0].slug)).rejects.toMatchObject({ status: 410, details: { reason: 'certificate_expired' } });
    expect((await ds.getRepository(Product).findOneByOrFail({ id: s.products[0].id })).state).toBe('listed');
  });

  (source === 'index' ? it : it.skip)('reads a card again once the index changes its product, and within a second when nothing announces the change', async () => {
    const s = await seed({ products: 1 });
    await indexed();
    const titleOf = async () => (await query.list({ lang: 'en' })).items.map((i) => i.title);
    expect(await titleOf()).toHaveLength(1);
    const slug = s.products[0].slug;
    expect((await query.detail(slug, 'en')).title).not.toBe('New vase');
    // The index changes the product (as an edit's index job does): the next list and page read it again.
    await tx.run((em) => set(em, s.products[0], { title: { vi: 'Bình mới', en: 'New vase' } }));
    await indexer.sync([s.products[0].id]);
    expect(await titleOf()).toEqual(['New vase']);
    expect((await query.detail(slug, 'en')).title).toBe('New vase');
    // Revoked behind the index's back: what was read a moment ago still shows it, but not for long.
    await tx.run((em) => em.update(Certificate, { id: s.cert.id }, { status: 'revoked' }));
    const started = Date.now();
    const shown = async () =>
      (await query.list({})).total > 0 ||
      (await query.detail(slug).then(
        () => true,
        () => false,
      ));
    while (await shown()) await new Promise((r) => setTimeout(r, 50));
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(query.detail(slug)).rejects.toMatchObject({ status: 410, details: { reason: 'certificate_revoked' } });
  });

  it('hides products under a revoked certificate, another vendor’s certificate or a suspended vendor', async () => {
    const revoked = await seed({ products: 1 });
    const foreign = await seed({ products: 1 });
    const other = await seed({ products: 0 });
    const suspended = await seed({ products: 1, vendorStatus: 'suspended' });
    await tx.run(async (em) => {
      await em.update(Certificate, { id: revoked.cert.id }, { status: 'revoked' });
      await em.update(Product, { id: foreign.products[0].id }, { certificateId: other.cert.id });
    });
    await indexed();
    expect((await query.list({})).total).toBe(0);
    await expect(query.detail(revoked.products[0].slug)).rejects.toMatchObject({ details: { reason: 'certificate_revoked' } });
    await expect(query.detail(foreign.products[0].slug)).rejects.toMatchObject({ details: { reason: 'certificate_not_vendors' } });
    await expect(query.detail(suspended.products[0].slug)).rejects.toMatchObject({ details: { reason: 'vendor_suspended' } });
    await expect(query.detail('no-such-product')).rejects.toMatchObject({ status: 404 });
  });

  it('filters by village, group, stars, price and text, and counts facets over the filtered set', async () => {
    const a = await seed({ products: 3 });
    const b = await seed({ products: 2 });
    await tx.run(async (em) => {
      await set(em, a.products[0], { title: { vi: 'Trà sen Tây Hồ', en: 'West Lake lotus tea' }, productGroup: 'beverages', priceVnd: 900000 });
      await set(em, a.products[1], { title: { vi: 'Bình gốm 100%_men', en: 'Vase' }, priceVnd: 120000 });
      await em.update(Certificate, { id: b.cert.id }, { stars: 5 });
    });
    await indexed();
    expect((await query.list({ village: a.village.slug })).total).toBe(3);
    expect((await query.list({ productGroup: 'beverages' })).items.map((i) => i.id)).toEqual([a.products[0].id]);
    const five = await query.list({ minStars: '5' });
    expect(five.items.map((i) => i.id).sort()).toEqual(b.products.map((p) => p.id).sort());
    // Each facet counts as if its own filter were not set, so a shopper can widen the choice.
    expect(five.facets.stars).toEqual({ '4': 3, '5': 2 });
    expect(five.facets.village).toEqual({ [b.village.slug]: 2 });
    const one = await query.list({ village: a.village.slug, productGroup: 'beverages' });
    expect(one.total).toBe(1);
    expect(one.facets).toEqual({ village: { [a.village.slug]: 1 }, productGroup: { beverages: 1, handicrafts: 2 }, stars: { '4': 1 } });
    expect((await query.list({ minPrice: '300000', maxPrice: '400000' })).total).toBe(3);
    expect((await query.list({ q: 'LOTUS' })).items.map((i) => i.id)).toEqual([a.products[0].id]);
    expect((await query.list({ q: 'trà sen' })).total).toBe(1);
    expect((await query.list({ q: '100%_' })).items.map((i) => i.id)).toEqual([a.products[1].id]);
    // Punctuation alone is no word to the index (every product), but a substring to SQL.
    expect((await query.list({ q: '%' })).total).toBe(source === 'index' ? 5 : 1);
    const all = await query.list({});
    expect(all.facets.village).toEqual({ [a.village.slug]: 3, [b.village.slug]: 2 });
    expect(all.facets.productGroup).toEqual({ beverages: 1, handicrafts: 4 });
    expect(all.facets.stars).toEqual({ '4': 3, '5': 2 });
  });

  it('sorts by price, newest and relevance, and pages without overlap', async () => {
    const s = await seed({ products: 5 });
    await tx.run(async (em) => {
      for (const [i, p] of s.products.entries()) await set(em, p, { priceVnd: [500, 100, 300, 200, 400][i] * 1000, listedAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    });
    await indexed();
    const prices = async (sort: string) => (await query.list({ sort })).items.map((i) => i.priceVnd / 1000);
    expect(await prices('price_asc')).toEqual([100, 200, 300, 400, 500]);
    expect(await prices('price_desc')).toEqual([500, 400, 300, 200, 100]);
    expect(await prices('newest')).toEqual([400, 200, 300, 100, 500]);
    const pages = [
      await query.list({ sort: 'price_asc', limit: '2', page: '1' }),
      await query.list({ sort: 'price_asc', limit: '2', page: '2' }),
      await query.list({ sort: 'price_asc', limit: '2', page: '3' }),
    ];
    expect(pages.map((p) => p.items.map((i) => i.priceVnd / 1000))).toEqual([[100, 200], [300, 400], [500]]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    await expect(query.list({ limit: '0' })).rejects.toMatchObject({ field: 'limit' });
  });

  it('takes several villages and groups at once, and narrows to what is in stock', async () => {
    const a = await seed({ products: 2 });
    const b = await seed({ products: 2 });
    const c = await seed({ products: 1 });
    await tx.run(async (em) => {
      await set(em, a.products[0], { stock: 0 });
      await set(em, b.products[0], { productGroup: 'food' });
    });
    await indexed();
    expect((await query.list({ village: [a.village.slug, b.village.slug] })).total).toBe(4);
    expect((await query.list({ village: `${a.village.slug},${c.village.slug}` })).total).toBe(3);
    expect((await query.list({ productGroup: ['food', 'handicrafts'] })).total).toBe(5);
    expect((await query.list({ productGroup: 'food' })).items.map((i) => i.id)).toEqual([b.products[0].id]);
    expect((await query.list({ village: a.village.slug, inStock: 'true' })).items.map((i) => i.id)).toEqual([a.products[1].id]);
    expect((await query.list({ inStock: 'false' })).items.map((i) => i.id)).toEqual([a.products[0].id]);
    await expect(query.list({ inStock: 'yes' })).rejects.toMatchObject({ field: 'inStock' });
    await expect(query.list({ productGroup: ['food', 'toys'] })).rejects.toMatchObject({ field: 'productGroup', message: expect.stringContaining('"toys"') });
    await expect(query.list({ village: ['ok', 'Bát Tràng'] })).rejects.toMatchObject({ field: 'village' });
  });

  it('suggests the nearest village when words find nothing', async () => {
    const a = await seed({ products: 1 });
    await indexed();
    const none = await query.list({ q: 'bat tranh xyzzy' });
    expect(none.total).toBe(0);
    expect(none.suggestion).toEqual({ village: { slug: a.village.slug, name: 'Bát Tràng', craft: 'gốm sứ', province: 'Hà Nội' } });
    expect((await query.list({ q: 'qwxz' })).suggestion).toBeUndefined();
    expect((await query.list({ q: 'bình gốm' })).suggestion).toBeUndefined();
  });

  it('verifies any product by its code and reports the certificate status', async () => {
    const s = await seed({ products: 1, state: 'delisted' });
    const code = s.products[0].traceCode;
    const first = await query.verify(code.toLowerCase(), undefined, '203.0.113.1');
    expect(first).toMatchObject({
      sellable: false,
      reason: 'delisted',
      certificate: { belongsToProducer: true, status: 'active', stars: 4, decisionNo: s.cert.decisionNo },
      vendor: { name: 'HTX Gốm Bát Tràng' },
      village: { name: 'Bát Tràng' },
      product: { scanCount: 1 },
    });
    clock.set('2028-03-01T00:00:00Z');
    expect((await query.verify(code, undefined, '203.0.113.1')).certificate.status).toBe('expired');
    const newer = Object.assign(new Certificate(), { ...s.cert, id: randomUUID(), decisionNo: '99/QĐ-UBND', stars: 5, supersedesId: s.cert.id });
    await tx.run(async (em) => {
      await em.insert(Certificate, newer);
      await em.update(Certificate, { id: s.cert.id }, { status: 'superseded', supersededById: newer.id });
    });
    expect((await query.verify(code, undefined, '203.0.113.1')).certificate).toMatchObject({ status: 'superseded', supersededBy: { decisionNo: '99/QĐ-UBND', stars: 5 } });
    await tx.run((em) => em.update(Certificate, { id: s.cert.id }, { status: 'revoked', revokedAt: new Date('2026-07-01T00:00:00Z'), revokeReason: 'failed inspection' }));
    expect((await query.verify(code, undefined, '203.0.113.1')).certificate).toMatchObject({ status: 'revoked', revokeReason: 'failed inspection' });
    await expect(query.verify('ZZZZ9999', undefined, '203.0.113.1')).rejects.toMatchObject({ status: 404 });
    await expect(query.verify('../../x', undefined, '203.0.113.1')).rejects.toMatchObject({ status: 404 });
    expect(await ds.getRepository(TraceScan).count()).toBe(2);
  });

  it('counts one scan per client, product and UTC day, concurrent ones included, and keeps no address', async () => {
    const s = await seed({ products: 2 });
    const [p, other] = s.products;
    const scans = async (id: string) => (await ds.getRepository(Product).findOneByOrFail({ id })).scanCount;
    await Promise.all(Array.from({ length: 30 }, () => query.verify(p.traceCode, undefined, '203.0.113.7')));
    expect(await scans(p.id)).toBe(1);
    await Promise.all(['198.51.100.1', '198.51.100.2', '2001:db8::3'].map((ip) => query.verify(p.traceCode, undefined, ip)));
    expect(await scans(p.id)).toBe(4);
    expect((await query.verify(p.traceCode, undefined, '203.0.113.7')).product.scanCount).toBe(4);
    await query.verify(other.traceCode, undefined, '203.0.113.7');
    expect(await scans(other.id)).toBe(1);

    const rows = await ds.getRepository(TraceScan).find({ where: { productId: p.id } });
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.period)).toEqual(Array(4).fill('2026-06-01'));
    expect(rows.map((r) => r.scannerHash)).toContain(scannerHash('2026-06-01', p.id, '203.0.113.7'));
    expect(JSON.stringify(await ds.query('SELECT * FROM trace_scans'))).not.toMatch(/203\.0\.113|198\.51\.100|2001:db8/);

    clock.set('2026-06-02T00:00:00Z');
    await query.verify(p.traceCode, undefined, '203.0.113.7');
    expect(await scans(p.id)).toBe(5);
    await expect(query.verify('ZZZZ9999', undefined, '203.0.113.7')).rejects.toMatchObject({ status: 404 });
    expect(await ds.getRepository(TraceScan).count()).toBe(6);
  });

  it('does not flag a product one client scanned thirty times, and flags one many clients scanned', async () => {
    const s = await seed({ products: 2 });
    const [once, many] = s.products;
    for (let i = 0; i < 30; i++) await query.verify(once.traceCode, undefined, '203.0.113.9');
    for (let i = 0; i < 25; i++) await query.verify(many.traceCode, undefined, `198.51.100.${i}`);
    expect((await query.scanAnomalies()).map((f) => [f.id, f.scanCount])).toEqual([[many.id, 25]]);
  });

  it("says plainly that a certificate of another producer does not belong to the product's vendor", async () => {
    const mine = await seed({ products: 0 });
    const theirs = await seed({ products: 0 });
    // Saved before such certificates were refused: the data may still hold them.
    const [p] = [productRow({ vendorId: mine.vendor.id, villageId: mine.village.id }, theirs.cert.id, 1, 'draft')];
    await tx.run((em) => insertProducts(em, [p]));
    const v = await query.verify(p.traceCode, 'en', '203.0.113.1');
    expect(v).toMatchObject({ sellable: false, reason: 'certificate_not_vendors', certificate: { belongsToProducer: false }, vendor: { name: mine.vendor.name } });
  });

  it('flags products scanned far more often than they sell, most suspicious first', async () => {
    const s = await seed({ products: 4 });
    await tx.run(async (em) => {
      await set(em, s.products[0], { scanCount: 100, unitsSold: 2 });
      await set(em, s.products[1], { scanCount: 30, unitsSold: 0 });
      await set(em, s.products[2], { scanCount: 40, unitsSold: 10 });
      await set(em, s.products[3], { scanCount: 19, unitsSold: 0 });
    });
    const flagged = await query.scanAnomalies();
    expect(flagged.map((f) => [f.id, f.scansPerUnit])).toEqual([
      [s.products[0].id, 50],
      [s.products[1].id, 30],
    ]);
    expect(flagged[0].vendor.name).toBe('HTX Gốm Bát Tràng');
    expect((await query.scanAnomalies({ minScans: 10, ratio: 3 })).map((f) => f.id)).toEqual([s.products[0].id, s.products[1].id, s.products[3].id, s.products[2].id]);
    await expect(query.scanAnomalies({ ratio: 0 })).rejects.toMatchObject({ field: 'ratio' });
  });

  it('counts the products under each certificate by state for the registry', async () => {
    const a = await seed({ products: 3 });
    const b = await seed({ products: 1, state: 'draft' });
    await tx.run(async (em) => {
      await set(em, a.products[0], { state: 'delisted', delistReason: 'certificate_revoked' });
      await set(em, a.products[1], { state: 'delisted', delistReason: 'vendor' });
    });
    const counts = await new CertificateProductCounts(ds).count([a.cert.id, b.cert.id, randomUUID()]);
    expect(counts.get(a.cert.id)).toEqual({ total: 3, listed: 1, delisted: { certificate_revoked: 1, vendor: 1 } });
    expect(counts.get(b.cert.id)).toEqual({ total: 1, listed: 0, delisted: {} });
    expect(counts.size).toBe(2);
    expect((await new CertificateProductCounts(ds).count([])).size).toBe(0);
  });
}

describe('ProductQueryService on SQLite, listing from the search index', () => productQuerySuite('sqlite', 'index'));
describe('ProductQueryService on SQLite, listing from the database', () => productQuerySuite('sqlite', 'database'));
describeMysql('ProductQueryService listing from the search index', () => productQuerySuite('mysql', 'index'));
describeMysql('ProductQueryService listing from the database', () => productQuerySuite('mysql', 'database'));

describe('ProductQueryService when its Meilisearch server does not answer', () => {
  it('lists from the database instead of failing the shopper', async () => {
    const { dataSource: ds, cleanup } = await openTestDatabase('sqlite');
    try {
      const tx = new Transactions(ds);
      const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));
      const unreachable = new MeilisearchSearchEngine({ url: 'http://127.0.0.1:9', indexName: 'products', requestTimeoutMs: 1000 });
      const query = new ProductQueryService(tx, clock, unreachable, true);
      const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
      const res = await query.list({ q: 'Bình gốm' });
      expect(res.items.map((i) => i.id).sort()).toEqual(s.products.map((p) => p.id).sort());
      await expect(query.list({ sort: 'cheapest' })).rejects.toMatchObject({ field: 'sort' });
    } finally {
      await cleanup();
    }
  });
});
