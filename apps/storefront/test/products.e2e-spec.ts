import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Certificate } from '@ocop/certification';
import { Product } from '@ocop/catalog';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { FakeClock, startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

const HOUR = 3600_000;

describe('storefront catalogue (embedded default, no jobs running)', () => {
  let m: TestMarketplace;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));
  const api = () => request(m.storefront.getHttpServer());
  const ids: Record<string, Product> = {};
  let expiringCert: Certificate;

  const village = (slug: string, name: string): Village =>
    Object.assign(new Village(), {
      id: randomUUID(),
      slug,
      name,
      province: 'Hà Nội',
      craft: 'thủ công',
      story: {},
      networks: [],
      photos: [],
      latitude: null,
      longitude: null,
      featured: false,
      featuredRank: null,
      featuredFrom: null,
      featuredUntil: null,
    });
  const vendor = (slug: string, villageId: string, status = 'approved'): Vendor =>
    Object.assign(new Vendor(), {
      id: randomUUID(),
      slug,
      name: `HTX ${slug}`,
      type: 'cooperative',
      villageId,
      taxCode: null,
      address: null,
      status,
      statusReason: null,
      contactEmail: null,
      approvedAt: null,
    });
  const certificate = (vendorId: string, stars: number, over: Partial<Certificate> = {}): Certificate =>
    Object.assign(new Certificate(), {
      id: randomUUID(),
      decisionNo: `${Math.floor(Math.random() * 1e6)}/QĐ-UBND`,
      certificateNo: 'CN-2025-001',
      decisionDate: '2025-03-01',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      vendorId,
      productName: `SP ${randomUUID().slice(0, 6)}`,
      productGroup: 'handicrafts',
      stars,
      score: null,
      expiresAt: new Date('2028-02-29T17:00:00Z'),
      status: 'active',
      revokedAt: null,
      revokeReason: null,
      revokedByDecisionNo: null,
      supersedesId: null,
      supersededById: null,
      expiryProcessedAt: null,
      ...over,
    });
  const product = (key: string, v: Vendor, c: Certificate, over: Partial<Product>): Product => {
    const p = Object.assign(new Product(), {
      id: randomUUID(),
      slug: key,
      vendorId: v.id,
      certificateId: c.id,
      villageId: v.villageId,
      title: { vi: key },
      description: { vi: `Mô tả ${key}` },
      productGroup: 'handicrafts',
      priceVnd: 100000,
      stock: 5,
      weightGrams: null,
      gtin: null,
      exportEligible: false,
      images: [],
      traceability: {},
      state: 'listed',
      delistReason: null,
      traceCode: randomUUID().slice(0, 8).toUpperCase(),
      scanCount: 0,
      unitsSold: 0,
      listedAt: new Date('2026-01-01T00:00:00Z'),
      ...over,
    });
    ids[key] = p;
    return p;
  };

  beforeAll(async () => {
    m = await startTestMarketplace({ clock, worker: false });
    const batTrang = village('bat-trang', 'Bát Tràng');
    const vanPhuc = village('van-phuc', 'Vạn Phúc');
    const gom = vendor('gom', batTrang.id);
    const lua = vendor('lua', vanPhuc.id);
    const cho = vendor('cho-duyet', vanPhuc.id, 'pending');
    const gom4 = certificate(gom.id, 4);
    const lua5 = certificate(lua.id, 5, { productGroup: 'food' });
    expiringCert = certificate(gom.id, 3, { expiresAt: new Date(clock.now().getTime() + HOUR) });
    const revoked = certificate(lua.id, 4, { status: 'revoked', revokedAt: new Date('2026-05-01T00:00:00Z'), revokeReason: 'hậu kiểm không đạt' });
    const choCert = certificate(cho.id, 4);
    const rows = [
      product('binh-gom-men-lam', gom, gom4, {
        title: { vi: 'Bình gốm men lam', en: 'Blue-glazed vase' },
        priceVnd: 350000,
        images: ['/media/abc.png', 'https://cdn.example.vn/2.jpg'],
        listedAt: new Date('2026-03-01T00:00:00Z'),
        gtin: '8938000000015',
        weightGrams: 900,
      }),
      product('am-tra-gom', gom, gom4, { title: { vi: 'Ấm trà gốm', en: 'Clay teapot' }, priceVnd: 520000, listedAt: new Date('2026-02-01T00:00:00Z') }),
      product('khan-lua', lua, lua5, { title: { vi: 'Khăn lụa Vạn Phúc', en: 'Van Phuc silk scarf', de: 'Seidenschal' }, priceVnd: 280000, listedAt: new Date('2026-04-01T00:00:00Z') }),
      product('mien-dong', lua, lua5, { title: { vi: 'Miến dong' }, productGroup: 'food', priceVnd: 60000, listedAt: new Date('2026-01-15T00:00:00Z') }),
      product('dia-gom-sap-het-han', gom, expiringCert, { title: { vi: 'Đĩa gốm' }, priceVnd: 150000 }),
      product('lua-bi-thu-hoi', lua, revoked, { title: { vi: 'Lụa thu hồi' } }),
      product('ban-nhap', gom, gom4, { state: 'draft', listedAt: null }),
      product('da-ngung-ban', gom, gom4, { state: 'delisted', delistReason: 'vendor' }),
      product('nha-ban-cho-duyet', cho, choCert, { title: { vi: 'Chờ duyệt' } }),
      product('chung-nhan-nguoi-khac', gom, lua5, { title: { vi: 'Giấy tờ người khác' } }),
    ];
    // One row per insert: a multi-row insert reassigns the ids of the entity objects passed in.
    await m.infra.tx.run(async (em) => {
      for (const v of [batTrang, vanPhuc]) await em.insert(Village, v);
      for (const v of [gom, lua, cho]) await em.insert(Vendor, v);
      for (const c of [gom4, lua5, expiringCert, revoked, choCert]) await em.insert(Certificate, c);
      for (const p of rows) await em.insert(Product, p);
    });
    await m.reindex();
  });
  afterAll(() => m.close());
  afterEach(() => clock.set('2026-06-01T00:00:00Z'));

  const slugs = (res: request.Response) => res.body.items.map((i: { slug: string }) => i.slug);

  it('lists only sellable products with the contract shape and facets', async () => {
    const res = await api().get('/api/products?lang=en&sort=price_asc');
    expect(res.status).toBe(200);
    expect(slugs(res)).toEqual(['mien-dong', 'dia-gom-sap-het-han', 'khan-lua', 'binh-gom-men-lam', 'am-tra-gom']);
    expect(res.body.total).toBe(5);
    expect(res.body.items[3]).toEqual({
      id: ids['binh-gom-men-lam'].id,
      slug: 'binh-gom-men-lam',
      title: 'Blue-glazed vase',
      priceVnd: 350000,
      stars: 4,
      productGroup: 'handicrafts',
      village: { slug: 'bat-trang', name: 'Bát Tràng' },
      vendor: { slug: 'gom', name: 'HTX gom' },
      image: '/media/abc.png',
    });
    expect(res.body.items[0].title).toBe('Miến dong');
    expect(res.body.facets).toEqual({ village: { 'bat-trang': 3, 'van-phuc': 2 }, productGroup: { handicrafts: 4, food: 1 }, stars: { '3': 1, '4': 2, '5': 2 } });
  });

  it('filters by village, group, stars, price and text', async () => {
    expect(slugs(await api().get('/api/products?village=van-phuc&sort=price_asc'))).toEqual(['mien-dong', 'khan-lua']);
    expect(slugs(await api().get('/api/products?productGroup=food'))).toEqual(['mien-dong']);
    const five = await api().get('/api/products?minStars=5&sort=price_desc');
    expect(slugs(five)).toEqual(['khan-lua', 'mien-dong']);
    // The stars facet counts as if no minimum were set, so a lower rating can still be picked.
    expect(five.body.facets).toEqual({ village: { 'van-phuc': 2 }, productGroup: { handicrafts: 1, food: 1 }, stars: { '3': 1, '4': 2, '5': 2 } });
    expect(slugs(await api().get('/api/products?minPrice=200000&maxPrice=400000&sort=price_asc'))).toEqual(['khan-lua', 'binh-gom-men-lam']);
    expect(slugs(await api().get('/api/products?q=teapot'))).toEqual(['am-tra-gom']);
    // Words match the vendor too: the dong noodles are made by "HTX lua". A title match ranks first.
    expect(slugs(await api().get(`/api/products?q=${encodeURIComponent('lụa')}`))).toEqual(['khan-lua', 'mien-dong']);
    expect(slugs(await api().get(`/api/products?q=${encodeURIComponent('khăn lụa')}`))).toEqual(['khan-lua']);
    // The village facet still offers the villages that do have products.
    expect((await api().get('/api/products?village=nowhere')).body).toEqual({ items: [], total: 0, facets: { village: { 'bat-trang': 3, 'van-phuc': 2 }, productGroup: {}, stars: {} } });
    expect(slugs(await api().get('/api/products?village=nowhere&village=van-phuc&sort=price_asc'))).toEqual(['mien-dong', 'khan-lua']);
  });

  it('sorts by newest and relevance and pages through the results', async () => {
    expect(slugs(await api().get('/api/products?sort=newest'))).toEqual(['khan-lua', 'binh-gom-men-lam', 'am-tra-gom', 'mien-dong', 'dia-gom-sap-het-han']);
    expect(slugs(await api().get('/api/products'))).toEqual(['khan-lua', 'binh-gom-men-lam', 'am-tra-gom', 'mien-dong', 'dia-gom-sap-het-han']);
    expect(slugs(await api().get('/api/products?q=gom')).sort()).toEqual(['am-tra-gom', 'binh-gom-men-lam', 'dia-gom-sap-het-han']);
    expect(slugs(await api().get(`/api/products?q=${encodeURIComponent('Ấm trà gốm')}&sort=price_desc`))).toEqual(['am-tra-gom']);
    const p1 = await api().get('/api/products?sort=price_asc&limit=2&page=1');
    const p3 = await api().get('/api/products?sort=price_asc&limit=2&page=3');
    expect(slugs(p1)).toEqual(['mien-dong', 'dia-gom-sap-het-han']);
    expect(slugs(p3)).toEqual(['am-tra-gom']);
    expect(p3.body.total).toBe(5);
    expect(slugs(await api().get('/api/products?page=9'))).toEqual([]);
  });

  it.each([
    ['page=0', 'page'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['sort=cheapest', 'sort'],
    ['minStars=9', 'minStars'],
    ['minPrice=-5', 'minPrice'],
    ['minPrice=10&maxPrice=5', 'maxPrice'],
    ['productGroup=tourism', 'productGroup'],
    ['village=Bat%20Trang', 'village'],
    ['lang=fr', 'lang'],
    ['q=a&q=b', 'q'],
  ])('answers 400 for ?%s naming %s', async (qs, field) => {
    const res = await api().get(`/api/products?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, errors: [{ field }] });
  });

  it('gives a sellable product with its certificate, vendor and village', async () => {
    const res = await api().get('/api/products/binh-gom-men-lam?lang=en');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: 'binh-gom-men-lam',
      title: 'Blue-glazed vase',
      description: 'Mô tả binh-gom-men-lam',
      priceVnd: 350000,
      images: ['/media/abc.png', 'https://cdn.example.vn/2.jpg'],
      certificate: { certificateNo: 'CN-2025-001', stars: 4, level: 'provincial', issuingBody: 'UBND thành phố Hà Nội', expiresAt: '2028-02-29T17:00:00.000Z' },
      vendor: { slug: 'gom', name: 'HTX gom' },
      village: { slug: 'bat-trang', name: 'Bát Tràng' },
    });
    expect(res.body.certificate.decisionNo).toMatch(/QĐ-UBND$/);
    expect((await api().get('/api/products/no-such-thing')).status).toBe(404);
  });

  it.each([
    ['lua-bi-thu-hoi', 'certificate_revoked'],
    ['ban-nhap', 'not_published'],
    ['da-ngung-ban', 'delisted'],
    ['nha-ban-cho-duyet', 'vendor_pending'],
    ['chung-nhan-nguoi-khac', 'certificate_not_vendors'],
  ])('answers 410 for %s with reason %s', async (slug, reason) => {
    const res = await api().get(`/api/products/${slug}`);
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ statusCode: 410, message: expect.stringContaining('no longer available'), reason });
  });

  it('hides a product the moment its certificate expires, before any job has run', async () => {
    expect(slugs(await api().get('/api/products'))).toContain('dia-gom-sap-het-han');
    clock.advance(HOUR);
    const list = await api().get('/api/products');
    expect(slugs(list)).not.toContain('dia-gom-sap-het-han');
    expect(list.body.total).toBe(4);
    expect(list.body.facets.stars['3']).toBeUndefined();
    const detail = await api().get('/api/products/dia-gom-sap-het-han');
    expect(detail.status).toBe(410);
    expect(detail.body.reason).toBe('certificate_expired');
    const page = await api().get('/products/dia-gom-sap-het-han?lang=en');
    expect(page.status).toBe(410);
    expect(page.text).toContain('This product is no longer available');
    expect(page.text).toContain('its OCOP certificate has expired');
    expect(page.text).not.toContain('add-to-cart');
    // Nothing delisted it: the query itself refused the lapsed certificate.
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: ids['dia-gom-sap-het-han'].id })).state).toBe('listed');
  });

  it('shows the product list page with cards, prices in VND, stars and paging', async () => {
    const page = await api().get('/products?lang=en&sort=price_asc');
    expect(page.status).toBe(200);
    expect(page.text).toContain('5 products');
    expect((await api().get('/products?lang=en&productGroup=food')).text).toMatch(/>1 product</);
    expect(page.text).toContain('Blue-glazed vase');
    expect(page.text).toMatch(/₫350,000|350,000\s?₫/);
    expect(page.text).toContain('aria-label="4-star OCOP product"');
    expect(page.text).toContain('from Bát Tràng');
    expect(page.text).toMatch(/<input type="checkbox" name="village" value="bat-trang" > Bát Tràng <span class="count">3<\/span>/);
    expect(page.text).toMatch(/name="productGroup" value="food" > Food <span class="count">1<\/span>/);
    const vi = await api().get('/products?village=van-phuc&lang=vi');
    expect(vi.text).toContain('Khăn lụa Vạn Phúc');
    expect(vi.text).not.toContain('Bình gốm men lam');
    expect(vi.text).toMatch(/280\.000\s₫/);
    const bad = await api().get('/products?minStars=9');
    expect(bad.status).toBe(400);
  });

  it('shows a product page with the certificate box, a link to verify it and the stock', async () => {
    const page = await api().get('/products/binh-gom-men-lam?lang=en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="certificate"');
    expect(page.text).toContain('UBND thành phố Hà Nội');
    expect(page.text).toContain('Valid until');
    expect(page.text).toContain(`href="/verify/${ids['binh-gom-men-lam'].traceCode}"`);
    expect(page.text).toContain('data-testid="in-stock"');
    const gone = await api().get('/products/lua-bi-thu-hoi?lang=vi');
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Sản phẩm này không còn được bán');
    expect(gone.text).toContain('chứng nhận OCOP đã bị thu hồi');
    expect(gone.text).not.toContain('data-testid="in-stock"');
    expect((await api().get('/products/no-such-thing')).status).toBe(404);
  });

  it('shows a search box and the newest sellable products on the home page', async () => {
    const home = await api().get('/?lang=en');
    expect(home.status).toBe(200);
    expect(home.text).toContain('action="/products"');
    const newest = home.text.slice(home.text.indexOf('data-testid="newest"'));
    expect(newest.indexOf('Van Phuc silk scarf')).toBeGreaterThan(-1);
    expect(newest.indexOf('Van Phuc silk scarf')).toBeLessThan(newest.indexOf('Blue-glazed vase'));
    expect(home.text).not.toContain('Lụa thu hồi');
  });
});
