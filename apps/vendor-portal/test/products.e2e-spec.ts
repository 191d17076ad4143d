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

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('vendor products API (embedded default)', () => {
  let m: TestMarketplace;
  let dir: string;
  const api = () => request(m.vendor.getHttpServer());
  let villageId: string;
  let lan: { token: string; vendorId: string; certId: string };
  let hoa: { token: string; vendorId: string; certId: string };
  let expiredCertId: string;
  let shopperToken: string;

  async function insertVillage(): Promise<string> {
    const id = randomUUID();
    await m.infra.tx.run((em) =>
      em.insert(Village, {
        id,
        slug: `bat-trang-${id.slice(0, 6)}`,
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
      }),
    );
    return id;
  }

  async function insertCertificate(vendorId: string, over: Partial<Certificate> = {}): Promise<string> {
    const id = randomUUID();
    await m.infra.tx.run((em) =>
      em.insert(Certificate, {
        id,
        decisionNo: `${id.slice(0, 4)}/QĐ-UBND`,
        certificateNo: null,
        decisionDate: '2025-03-01',
        issuingBody: 'UBND thành phố Hà Nội',
        level: 'provincial',
        vendorId,
        productName: `Bình gốm men lam ${id.slice(0, 4)}`,
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
      }),
    );
    return id;
  }

  /** A registered user who owns a vendor in `status`, with a certificate of that vendor. */
  async function vendorMember(email: string, password: string, status: 'approved' | 'pending' = 'approved') {
    await api()
      .post('/api/auth/register')
      .send({ email, password, name: email.split('@')[0] })
      .expect(201);
    const vendorId = randomUUID();
    await m.infra.tx.run((em) =>
      em.insert(Vendor, {
        id: vendorId,
        slug: `htx-${vendorId.slice(0, 8)}`,
        name: `HTX ${email}`,
        type: 'cooperative',
        villageId,
        taxCode: null,
        address: null,
        status,
        statusReason: null,
        contactEmail: email,
        approvedAt: null,
      }),
    );
    const user = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [email]);
    await m.vendor.get(AccountsService, { strict: false }).setVendor(user[0].id, vendorId, 'owner');
    return { token: await m.token(m.vendor, email, password), vendorId, certId: await insertCertificate(vendorId) };
  }

  const body = (certificateId: string, over: Record<string, unknown> = {}) => ({
    certificateId,
    title: { vi: 'Bình gốm men lam', en: 'Blue-glazed vase' },
    productGroup: 'handicrafts',
    priceVnd: 350000,
    stock: 12,
    ...over,
  });
  const create = (who: { token: string }, b: Record<string, unknown>) => api().post('/api/vendor/products').set('authorization', `Bearer ${who.token}`).send(b);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-uploads-'));
    m = await startTestMarketplace({ env: { STORAGE_DIR: dir, STOREFRONT_URL: 'https://cho-ocop.example.vn' } });
    villageId = await insertVillage();
    lan = await vendorMember('lan@htx.example.vn', 'Gom-Bat-Trang-2025');
    hoa = await vendorMember('hoa@htx.example.vn', 'Lua-Van-Phuc-2025');
    expiredCertId = await insertCertificate(lan.vendorId, { expiresAt: new Date('2025-01-01T00:00:00Z') });
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'buyer@example.vn', password: 'Mua-Hang-2025x', name: 'Buyer' }).expect(201);
    shopperToken = await m.token(m.vendor, 'buyer@example.vn', 'Mua-Hang-2025x');
  });
  afterAll(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a draft with a trace code, an ASCII slug and the vendor’s village', async () => {
    const res = await create(lan, body(lan.certId, { gtin: '8938000000015', traceability: { brand: 'Gốm Lan', productionStages: [{ stage: 'Nung', location: 'Bát Tràng' }] } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'draft', vendorId: lan.vendorId, villageId, certificateId: lan.certId, priceVnd: 350000, gtin: '8938000000015', sellable: false, reason: 'not_published' });
    expect(res.body.slug).toMatch(/^binh-gom-men-lam-[a-z0-9]{5}$/);
    expect(res.body.traceCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(res.body.verifyUrl).toBe(`https://cho-ocop.example.vn/verify/${res.body.traceCode}`);
    const row = await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: res.body.id });
    expect(row.traceability).toEqual({ brand: 'Gốm Lan', productionStages: [{ stage: 'Nung', location: 'Bát Tràng' }] });
    const list = await api().get('/api/vendor/products').set('authorization', `Bearer ${lan.token}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it.each([
    [{ title: { en: 'Vase' } }, 'title.vi'],
    [{ productGroup: 'tourism' }, 'productGroup'],
    [{ priceVnd: 0 }, 'priceVnd'],
    [{ priceVnd: 1_000_000_001 }, 'priceVnd'],
    [{ priceVnd: 99.5 }, 'priceVnd'],
    [{ stock: -1 }, 'stock'],
    [{ weightGrams: 0 }, 'weightGrams'],
    [{ gtin: '8938000000016' }, 'gtin'],
    [{ images: ['javascript:alert(1)'] }, 'images'],
    [{ certificateId: 'not-a-uuid' }, 'certificateId'],
    [{ colour: 'blue' }, 'colour'],
    [{ traceability: { productionStages: [{ stage: '' }] } }, 'traceability.productionStages.0.stage'],
  ])('answers 400 for %j naming %s', async (over, field) => {
    const res = await create(lan, body(lan.certId, over));
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 certificateId when no certificate has that id', async () => {
    const res = await create(lan, body(randomUUID()));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'No such certificate', errors: [{ field: 'certificateId', message: 'no certificate of your vendor has this id' }] });
  });

  it("refuses another vendor's certificate with the same 404 at create and at edit, showing none of it", async () => {
    const res = await create(lan, body(hoa.certId));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'No such certificate', errors: [{ field: 'certificateId', message: 'no certificate of your vendor has this id' }] });
    const p = (await create(lan, body(lan.certId))).body;
    const edit = await api().patch(`/api/vendor/products/${p.id}`).set('authorization', `Bearer ${lan.token}`).send({ certificateId: hoa.certId });
    expect(edit.status).toBe(404);
    expect(edit.body).toEqual(res.body);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: p.id })).certificateId).toBe(lan.certId);
    const hoasDecision = (await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id: hoa.certId })).decisionNo;
    expect(JSON.stringify((await api().get('/api/vendor/products').set('authorization', `Bearer ${lan.token}`)).body)).not.toContain(hoasDecision);
  });

  it('answers 401 without a token and 403 to a caller who works for no vendor', async () => {
    expect((await api().post('/api/vendor/products').send(body(lan.certId))).status).toBe(401);
    const res = await api().post('/api/vendor/products').set('authorization', `Bearer ${shopperToken}`).send(body(lan.certId));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, message: 'This needs the vendor role' });
  });

  it('changes fields with PATCH and validates them', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    const res = await api()
      .patch(`/api/vendor/products/${p.id}`)
      .set('authorization', `Bearer ${lan.token}`)
      .send({ priceVnd: 420000, stock: 3, title: { de: 'Blaue Vase' }, exportEligible: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      priceVnd: 420000,
      stock: 3,
      exportEligible: true,
      title: { vi: 'Bình gốm men lam', en: 'Blue-glazed vase', de: 'Blaue Vase' },
      slug: p.slug,
      traceCode: p.traceCode,
    });
    const bad = await api().patch(`/api/vendor/products/${p.id}`).set('authorization', `Bearer ${lan.token}`).send({ stock: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('stock');
    const badId = await api().patch('/api/vendor/products/not-a-uuid').set('authorization', `Bearer ${lan.token}`).send({ stock: 1 });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('answers 404 to another vendor reading, changing, publishing or labelling a product', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    const as = (r: request.Test) => r.set('authorization', `Bearer ${hoa.token}`);
    expect((await as(api().get(`/api/vendor/products/${p.id}`))).status).toBe(404);
    expect((await as(api().patch(`/api/vendor/products/${p.id}`)).send({ stock: 0 })).status).toBe(404);
    expect((await as(api().post(`/api/vendor/products/${p.id}/publish`))).status).toBe(404);
    expect((await as(api().post(`/api/vendor/products/${p.id}/unpublish`))).status).toBe(404);
    expect((await as(api().get(`/api/vendor/products/${p.id}/qr.png`))).status).toBe(404);
    expect((await as(api().post(`/api/vendor/products/${p.id}/images`)).attach('file', PNG, 'a.png')).status).toBe(404);
    expect((await as(api().get('/api/vendor/products'))).body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: p.id })).stock).toBe(12);
  });

  it('publishes and unpublishes, writing the listing history', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    const pub = await api().post(`/api/vendor/products/${p.id}/publish`).set('authorization', `Bearer ${lan.token}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ state: 'listed', sellable: true, reason: null });
    const unpub = await api().post(`/api/vendor/products/${p.id}/unpublish`).set('authorization', `Bearer ${lan.token}`);
    expect(unpub.status).toBe(200);
    expect(unpub.body).toMatchObject({ state: 'delisted', delistReason: 'vendor' });
    const history = await api().get(`/api/vendor/products/${p.id}/history`).set('authorization', `Bearer ${lan.token}`);
    expect(history.body.items.map((h: { reason: string }) => h.reason).sort()).toEqual(['published', 'vendor']);
  });

  it("answers 409 with the reason when publishing under another vendor's certificate (saved before it was refused) or an expired one", async () => {
    const foreignId = randomUUID();
    await m.infra.tx.run((em) =>
      em.insert(Product, {
        id: foreignId,
        slug: `muon-${foreignId.slice(0, 8)}`,
        vendorId: lan.vendorId,
        certificateId: hoa.certId,
        villageId,
        title: { vi: 'Bình mượn' },
        description: {},
        productGroup: 'handicrafts',
        priceVnd: 350000,
        stock: 1,
        weightGrams: null,
        gtin: null,
        exportEligible: false,
        images: [],
        traceability: {},
        state: 'draft',
        delistReason: null,
        traceCode: foreignId
          .slice(0, 8)
          .toUpperCase()
          .replace(/[01IO]/g, 'X'),
        scanCount: 0,
        unitsSold: 0,
        listedAt: null,
      }),
    );
    const foreign = (await api().get(`/api/vendor/products/${foreignId}`).set('authorization', `Bearer ${lan.token}`)).body;
    expect(foreign).toMatchObject({ state: 'draft', certificate: null, sellable: false, reason: 'certificate_not_vendors' });
    const res = await api().post(`/api/vendor/products/${foreign.id}/publish`).set('authorization', `Bearer ${lan.token}`);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ statusCode: 409, message: expect.stringContaining('another vendor'), reason: 'certificate_not_vendors' });
    const expired = (await create(lan, body(expiredCertId))).body;
    const res2 = await api().post(`/api/vendor/products/${expired.id}/publish`).set('authorization', `Bearer ${lan.token}`);
    expect(res2.status).toBe(409);
    expect(res2.body).toMatchObject({ statusCode: 409, reason: 'certificate_expired' });
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: expired.id })).state).toBe('draft');
  });

  it('answers 409 vendor_pending while the vendor is not approved', async () => {
    const minh = await vendorMember('minh@htx.example.vn', 'Tra-Sen-Tay-Ho-2025', 'pending');
    const p = (await create(minh, body(minh.certId))).body;
    const res = await api().post(`/api/vendor/products/${p.id}/publish`).set('authorization', `Bearer ${minh.token}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'vendor_pending' });
  });

  it('refuses to move a listed product to an expired certificate (409 with the reason)', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    await api().post(`/api/vendor/products/${p.id}/publish`).set('authorization', `Bearer ${lan.token}`).expect(200);
    const res = await api().patch(`/api/vendor/products/${p.id}`).set('authorization', `Bearer ${lan.token}`).send({ certificateId: expiredCertId });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'certificate_expired' });
    const unknown = await api().patch(`/api/vendor/products/${p.id}`).set('authorization', `Bearer ${lan.token}`).send({ certificateId: randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].field).toBe('certificateId');
  });

  it('stores an uploaded PNG and serves it from /media with its type and a long cache', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    const res = await api().post(`/api/vendor/products/${p.id}/images`).set('authorization', `Bearer ${lan.token}`).attach('file', PNG, { filename: 'binh.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
    expect(res.body.images).toHaveLength(1);
    const path = res.body.images[0] as string;
    expect(path).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
    for (const app of [m.vendor, m.storefront]) {
      const img = await request(app.getHttpServer()).get(path);
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      expect(img.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Buffer.compare(img.body as Buffer, PNG)).toBe(0);
    }
    expect((await request(m.storefront.getHttpServer()).get('/media/0123456789abcdef0123456789abcdef.png')).status).toBe(404);
    expect((await request(m.storefront.getHttpServer()).get('/media/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('refuses a text file named .png, an oversized image and a request that is not multipart', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    const url = `/api/vendor/products/${p.id}/images`;
    const text = await api().post(url).set('authorization', `Bearer ${lan.token}`).attach('file', Buffer.from('I am not a picture'), { filename: 'photo.png', contentType: 'image/png' });
    expect(text.status).toBe(400);
    expect(text.body.errors).toEqual([{ field: 'file', message: 'must be a JPEG, PNG or WebP image' }]);
    const big = await api()
      .post(url)
      .set('authorization', `Bearer ${lan.token}`)
      .attach('file', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'big.png');
    expect(big.status).toBe(400);
    expect(big.body.errors[0].field).toBe('file');
    const json = await api().post(url).set('authorization', `Bearer ${lan.token}`).send({ file: 'x' });
    expect(json.status).toBe(400);
    expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: p.id })).images).toEqual([]);
  });

  it('serves the QR label as PNG and as SVG with the code printed below', async () => {
    const p = (await create(lan, body(lan.certId))).body;
    const png = await api().get(`/api/vendor/products/${p.id}/qr.png`).set('authorization', `Bearer ${lan.token}`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const svg = await api()
      .get(`/api/vendor/products/${p.id}/qr.svg`)
      .set('authorization', `Bearer ${lan.token}`)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => cb(null, data));
      });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toContain(`>${p.traceCode}</text>`);
  });
});
