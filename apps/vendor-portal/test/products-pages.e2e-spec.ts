import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AccountsService } from '@ocop/accounts';
import { Certificate } from '@ocop/certification';
import { Product } from '@ocop/catalog';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EMAIL = 'lan@htx.example.vn';
const PASSWORD = 'Gom-Bat-Trang-2025';

describe('vendor product pages (embedded default)', () => {
  let m: TestMarketplace;
  let dir: string;
  let cookie: string;
  let certId: string;
  let expiredCertId: string;
  const web = () => request(m.vendor.getHttpServer());

  function certificate(vendorId: string, over: Partial<Certificate>): Certificate {
    const id = randomUUID();
    return Object.assign(new Certificate(), {
      id,
      decisionNo: `${id.slice(0, 4)}/QĐ-UBND`,
      certificateNo: null,
      decisionDate: '2025-03-01',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      vendorId,
      productName: `Bình gốm ${id.slice(0, 4)}`,
      productGroup: 'handicrafts',
      stars: 4,
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
  }

  /** A fresh CSRF token (with its cookie) from a page of the logged-in vendor. */
  async function csrf(path = '/products/new'): Promise<{ token: string; cookies: string }> {
    const res = await web().get(path).set('cookie', cookie);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    return { token, cookies: [cookie, ...set].join('; ') };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-uploads-'));
    m = await startTestMarketplace({ env: { STORAGE_DIR: dir } });
    const villageId = randomUUID();
    const vendorId = randomUUID();
    const valid = certificate(vendorId, { decisionNo: '1032/QĐ-UBND', productName: 'Bình gốm men lam' });
    const expired = certificate(vendorId, { decisionNo: '77/QĐ-UBND', expiresAt: new Date('2025-01-01T00:00:00Z') });
    certId = valid.id;
    expiredCertId = expired.id;
    await m.infra.tx.run(async (em) => {
      await em.insert(Village, {
        id: villageId,
        slug: 'bat-trang',
        name: 'Bát Tràng',
        province: 'Hà Nội',
        craft: 'gốm sứ',
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
      await em.insert(Vendor, {
        id: vendorId,
        slug: 'htx-lan',
        name: 'HTX Gốm Lan',
        type: 'cooperative',
        villageId,
        taxCode: null,
        address: null,
        status: 'approved',
        statusReason: null,
        contactEmail: EMAIL,
        approvedAt: new Date(),
      });
      for (const c of [valid, expired]) await em.insert(Certificate, c);
    });
    await web().post('/api/auth/register').send({ email: EMAIL, password: PASSWORD, name: 'Lan' }).expect(201);
    const [{ id: userId }] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [EMAIL]);
    await m.vendor.get(AccountsService, { strict: false }).setVendor(userId, vendorId, 'owner');
    const form = await web().get('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const formCookies = ([] as string[])
      .concat(form.headers['set-cookie'])
      .map((c) => c.split(';')[0])
      .join('; ');
    const login = await web().post('/login').set('cookie', formCookies).type('form').send({ _csrf: token, email: EMAIL, password: PASSWORD, next: '/products' });
    expect(login.status).toBe(303);
    cookie = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('ocop_vendor_sid='))!
      .split(';')[0];
  });
  afterAll(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a visitor without a session to the login page', async () => {
    const res = await web().get('/products');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fproducts');
  });

  it("offers the vendor's certificates on the new-product form", async () => {
    const res = await web().get('/products/new?lang=en').set('cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<option value="${certId}" >1032/QĐ-UBND — Bình gốm men lam (4 stars, valid until 29 February 2028)</option>`);
    // The expired one is shown, with its state in words, but cannot be chosen.
    expect(res.text).toMatch(/<optgroup label="Cannot be chosen">\s*<option disabled>77\/QĐ-UBND — Bình gốm \w+ \(4 stars, expired 1 January 2025\)<\/option>/);
    expect(res.text).not.toContain(`value="${expiredCertId}"`);
    const vi = await web().get('/products/new?lang=vi').set('cookie', cookie);
    expect(vi.text).toContain('1032/QĐ-UBND — Bình gốm men lam (4 sao, còn hiệu lực đến hết 29 tháng 2, 2028)');
    expect(vi.text).toContain('hết hạn từ 1 tháng 1, 2025');
  });

  it('shows the form again with every message when the input is wrong, and creates nothing', async () => {
    const { token, cookies } = await csrf();
    const res = await web()
      .post('/products')
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: certId, title_vi: '', productGroup: 'handicrafts', priceVnd: '0', stock: 'lots', gtin: '123' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-testid="form-errors"');
    for (const field of ['title_vi', 'priceVnd', 'stock', 'gtin']) expect(res.text).toContain(`aria-describedby="${field}-error"`);
    expect(res.text).not.toContain('<code>');
    expect(res.text).toContain('value="123"');
    expect(await m.infra.dataSource.getRepository(Product).count()).toBe(0);
  });

  it('names three wrong fields by their Vietnamese labels, each message beside its field', async () => {
    const { token, cookies } = await csrf();
    const res = await web()
      .post('/products?lang=vi')
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: certId, title_vi: 'Bình gốm', productGroup: 'handicrafts', priceVnd: 'ba trăm', stock: '-2', weightGrams: '0' });
    expect(res.status).toBe(400);
    const messages = [...res.text.matchAll(/<p class="field-error" id="([A-Za-z_]+)-error"[^>]*>([^<]*)<\/p>/g)].map((x) => [x[1], x[2]]);
    expect(messages).toEqual([
      ['priceVnd', 'Giá (VNĐ): phải là số nguyên từ 1 đến 1.000.000.000.'],
      ['stock', 'Tồn kho: phải là số nguyên từ 0 đến 1.000.000.000.'],
      ['weightGrams', 'Khối lượng (gam): phải là số nguyên từ 1 đến 10.000.000.'],
    ]);
    expect(res.text).not.toMatch(/must be|priceVnd:|weightGrams:/);
    expect(await m.infra.dataSource.getRepository(Product).count()).toBe(0);
  });

  it('creates a product from the form, then edits it, uploads an image and publishes it', async () => {
    let { token, cookies } = await csrf();
    const created = await web().post('/products').set('cookie', cookies).type('form').send({
      _csrf: token,
      certificateId: certId,
      title_vi: 'Bình gốm men lam',
      title_en: 'Blue vase',
      productGroup: 'handicrafts',
      priceVnd: '350.000',
      stock: '12',
      stages: 'Tạo dáng | Bát Tràng | 2026-03\nNung',
    });
    expect(created.status).toBe(303);
    const id = /^\/products\/([0-9a-f-]{36})\?done=created$/.exec(created.headers.location)![1];
    const row = await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id });
    expect(row).toMatchObject({ priceVnd: 350000, stock: 12, state: 'draft', title: { vi: 'Bình gốm men lam', en: 'Blue vase' } });
    expect(row.traceability.productionStages).toEqual([{ stage: 'Tạo dáng', location: 'Bát Tràng', time: '2026-03' }, { stage: 'Nung' }]);

    const page = await web().get(`/products/${id}?lang=en`).set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`src="/products/${id}/qr.svg"`);
    expect(page.text).toContain(row.traceCode);
    // One multipart form for fields and photos; its token travels in the form, never in an address.
    expect(page.text).toMatch(new RegExp(`<form class="card" method="post" action="/products/${id}" enctype="multipart/form-data" data-testid="product-form">\\s*<input type="hidden" name="_csrf"`));
    expect(page.text).not.toContain('_csrf=');

    ({ token, cookies } = await csrf(`/products/${id}`));
    const saved = await web()
      .post(`/products/${id}`)
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: certId, title_vi: 'Bình gốm men lam', title_en: '', productGroup: 'handicrafts', priceVnd: '380000', stock: '5' });
    expect(saved.status).toBe(303);
    expect(await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).toMatchObject({ priceVnd: 380000, stock: 5, title: { vi: 'Bình gốm men lam' } });

    ({ token, cookies } = await csrf(`/products/${id}`));
    const upload = await web().post(`/products/${id}/images`).set('cookie', cookies).field('_csrf', token).attach('photos', PNG, 'binh.png');
    expect(upload.status).toBe(303);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images).toHaveLength(1);
    const refused = await web().post(`/products/${id}/images?lang=en`).set('cookie', cookies).field('_csrf', token).attach('photos', Buffer.from('plain text'), 'fake.png');
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<p class="field-error" id="photos-error" data-testid="photos-error">fake\.png is not a JPEG, PNG or WebP image\.<\/p>/);
    expect(refused.text).not.toContain('_csrf=');
    const noToken = await web().post(`/products/${id}/images`).set('cookie', cookies).attach('photos', PNG, 'binh.png');
    expect(noToken.status).toBe(403);
    const forged = await web().post(`/products/${id}/images`).set('cookie', cookies).field('_csrf', 'forged').attach('photos', PNG, 'binh.png');
    expect(forged.status).toBe(403);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images).toHaveLength(1);

    ({ token, cookies } = await csrf('/products'));
    const published = await web().post(`/products/${id}/publish`).set('cookie', cookies).type('form').send({ _csrf: token });
    expect(published.status).toBe(303);
    expect(published.headers.location).toBe('/products?done=published');
    const list = await web().get(`${published.headers.location}&lang=en`).set('cookie', cookie);
    expect(list.text).toContain('The product is on sale.');
    expect(list.text).toContain(`action="/products/${id}/unpublish"`);
    const history = await web().get(`/products/${id}?lang=en`).set('cookie', cookie);
    expect(history.text).toContain('published by the vendor');

    const svg = await web().get(`/products/${id}/qr.svg`).set('cookie', cookie);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
  });

  it('creates a product with two photos in one multipart form, reorders them, picks a cover and removes one, and asks before taking it off sale', async () => {
    const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
    let { token, cookies } = await csrf();
    const created = await web()
      .post('/products')
      .set('cookie', cookies)
      .field('_csrf', token)
      .field('certificateId', certId)
      .field('title_vi', 'Lọ hoa men rạn')
      .field('productGroup', 'handicrafts')
      .field('priceVnd', '250000')
      .field('stock', '4')
      .attach('photos', PNG, 'a.png')
      .attach('photos', JPEG, 'b.jpg');
    expect(created.status).toBe(303);
    const id = /^\/products\/([0-9a-f-]{36})\?done=created$/.exec(created.headers.location)![1];
    const [a, b] = (await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images;
    expect([a, b].every((src) => src.startsWith('/media/'))).toBe(true);

    const form = await web().get(`/products/${id}?lang=en`).set('cookie', cookie);
    expect(form.text).toContain(`<input type="hidden" name="image_1" value="${a}">`);
    expect(form.text).toContain(`<input type="radio" name="cover" value="${a}" checked>`);
    expect(form.text).toContain('alt="Photo 2 of “Lọ hoa men rạn”"');

    // Swapped by their positions, then the first one chosen as cover again: the cover wins.
    ({ token, cookies } = await csrf(`/products/${id}`));
    const fields = { certificateId: certId, title_vi: 'Lọ hoa men rạn', productGroup: 'handicrafts', priceVnd: '250000', stock: '4', image_1: a, image_2: b };
    const swapped = await web()
      .post(`/products/${id}`)
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, ...fields, position_1: '2', position_2: '1' });
    expect(swapped.status).toBe(303);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images).toEqual([b, a]);
    ({ token, cookies } = await csrf(`/products/${id}`));
    await web()
      .post(`/products/${id}`)
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, ...fields, position_1: '2', position_2: '1', cover: a })
      .expect(303);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images).toEqual([a, b]);
    // A photo of another product or any other address cannot be slipped in; a ticked one is removed.
    ({ token, cookies } = await csrf(`/products/${id}`));
    await web()
      .post(`/products/${id}`)
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, ...fields, image_3: 'https://evil.example/x.png', position_3: '1', cover: 'https://evil.example/x.png', removeImages: b })
      .expect(303);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images).toEqual([a]);

    ({ token, cookies } = await csrf('/products'));
    await web().post(`/products/${id}/publish`).set('cookie', cookies).type('form').send({ _csrf: token }).expect(303);
    const ask = await web().post(`/products/${id}/unpublish?lang=en`).set('cookie', cookies).type('form').send({ _csrf: token, back: 'edit' });
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Take “Lọ hoa men rạn” off sale?');
    expect(ask.text).toContain('Shoppers who have it in their carts can no longer buy it.');
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).state).toBe('listed');
    const done = await web().post(`/products/${id}/unpublish`).set('cookie', cookies).type('form').send({ _csrf: token, back: 'edit', confirm: '1' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/products/${id}?done=unpublished`);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).state).toBe('delisted');
  });

  it('shows why publishing failed in plain words with status 409', async () => {
    let { token, cookies } = await csrf();
    const created = await web()
      .post('/products')
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: expiredCertId, title_vi: 'Bình cũ', productGroup: 'handicrafts', priceVnd: '100000', stock: '1' });
    const id = /\/products\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    ({ token, cookies } = await csrf('/products'));
    const res = await web().post(`/products/${id}/publish?lang=en`).set('cookie', `${cookies}; ocop_lang=en`).type('form').send({ _csrf: token });
    expect(res.status).toBe(409);
    expect(res.text).toContain('“Bình cũ” cannot be put on sale: its OCOP certificate 77/QĐ-UBND expired 1 January 2025.');
    // The next steps, with their links: the certificate on the certificates page, and the product's certificate field.
    expect(res.text).toContain(`<a class="button" href="/certificates#cert-${expiredCertId}" data-testid="next-step">Renew the certificate</a>`);
    expect(res.text).toContain(`<a class="button" href="/products/${id}#certificateId" data-testid="next-step">Choose another certificate</a>`);
    expect((await web().get('/certificates?lang=en').set('cookie', cookie)).text).toContain(`id="cert-${expiredCertId}"`);
    const fromForm = await web().post(`/products/${id}/publish?lang=vi`).set('cookie', cookies).type('form').send({ _csrf: token, back: 'edit' });
    expect(fromForm.status).toBe(409);
    expect(fromForm.text).toContain('data-testid="product-form"');
    expect(fromForm.text).toContain('Gia hạn chứng nhận');
    expect(fromForm.text).toContain('Chọn chứng nhận khác');
    const list = await web().get('/products?lang=en').set('cookie', cookie);
    expect(list.text).toMatch(/Bình cũ<\/a><\/td>\s*<td data-label="State">draft<\/td>\s*<td data-label="Why not on sale">the OCOP certificate has expired<\/td>/);
  });

  it("shows the form again, naming the certificate, when it posts another producer's certificate, and never lists that certificate", async () => {
    const other = { vendorId: randomUUID(), villageId: randomUUID() };
    const theirs = certificate(other.vendorId, { decisionNo: '999/QĐ-UBND', productName: 'Chè Tân Cương' });
    await m.infra.tx.run(async (em) => {
      await em.insert(Village, {
        id: other.villageId,
        slug: 'tan-cuong',
        name: 'Tân Cương',
        province: 'Thái Nguyên',
        craft: 'chè',
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
      await em.insert(Vendor, {
        id: other.vendorId,
        slug: 'htx-che',
        name: 'HTX Chè',
        type: 'cooperative',
        villageId: other.villageId,
        taxCode: null,
        address: null,
        status: 'approved',
        statusReason: null,
        contactEmail: null,
        approvedAt: new Date(),
      });
      await em.insert(Certificate, theirs);
    });
    const count = await m.infra.dataSource.getRepository(Product).count();
    expect((await web().get('/products/new?lang=en').set('cookie', cookie)).text).not.toContain('999/QĐ-UBND');

    let { token, cookies } = await csrf();
    const created = await web()
      .post('/products?lang=en')
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: theirs.id, title_vi: 'Chè mượn', productGroup: 'beverages', priceVnd: '100000', stock: '1' });
    expect(created.status).toBe(404);
    expect(created.text).toContain('data-testid="product-form"');
    expect(created.text).toMatch(/<p class="field-error" id="certificateId-error"[^>]*>OCOP certificate: the chosen entry does not exist or is not yours\.<\/p>/);
    expect(created.text).toContain('value="Chè mượn"');
    expect(created.text).not.toContain('999/QĐ-UBND');
    expect(await m.infra.dataSource.getRepository(Product).count()).toBe(count);

    ({ token, cookies } = await csrf());
    const mine = await web()
      .post('/products')
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: certId, title_vi: 'Bình của tôi', productGroup: 'handicrafts', priceVnd: '100000', stock: '1' });
    const id = /\/products\/([0-9a-f-]{36})/.exec(mine.headers.location)![1];
    ({ token, cookies } = await csrf(`/products/${id}`));
    const moved = await web()
      .post(`/products/${id}`)
      .set('cookie', cookies)
      .type('form')
      .send({ _csrf: token, certificateId: theirs.id, title_vi: 'Bình của tôi', productGroup: 'handicrafts', priceVnd: '100000', stock: '1' });
    expect(moved.status).toBe(404);
    expect(moved.text).toMatch(/<p class="field-error" id="certificateId-error"[^>]*>Chứng nhận OCOP: mục đã chọn không tồn tại hoặc không thuộc về bạn\.<\/p>/);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).certificateId).toBe(certId);
  });
});
