import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { In } from 'typeorm';
import { Product } from '@ocop/catalog';
import { Certificate } from '@ocop/certification';
import { DomainEventRecord } from '@ocop/database';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

/** Rows the registry refers to, inserted directly: the vendors' own routes are tested elsewhere. */
async function seedVendor(m: TestMarketplace, taxCode: string | null = null) {
  return m.infra.tx.run(async (em) => {
    const village = Object.assign(new Village(), {
      id: randomUUID(),
      slug: `lang-${randomUUID().slice(0, 8)}`,
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
    await em.insert(Village, village);
    const vendor = Object.assign(new Vendor(), {
      id: randomUUID(),
      slug: `htx-${randomUUID().slice(0, 8)}`,
      name: 'HTX Gốm Bát Tràng',
      type: 'cooperative',
      villageId: village.id,
      taxCode,
      address: null,
      status: 'approved',
      statusReason: null,
      contactEmail: null,
      approvedAt: new Date(),
    });
    await em.insert(Vendor, vendor);
    return vendor;
  });
}

async function seedProducts(m: TestMarketplace, vendor: Vendor, certificateId: string, n: number) {
  const rows = Array.from({ length: n }, (_, i) =>
    Object.assign(new Product(), {
      id: randomUUID(),
      slug: `sp-${randomUUID().slice(0, 8)}`,
      vendorId: vendor.id,
      certificateId,
      villageId: vendor.villageId,
      title: { vi: `Bình gốm ${i}` },
      description: {},
      productGroup: 'handicrafts',
      priceVnd: 350000,
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
      listedAt: new Date(),
    }),
  );
  await m.infra.tx.run((em) => em.insert(Product, rows));
  return rows;
}

const body = (vendorId: string, over: Record<string, unknown> = {}) => ({
  decisionNo: '1032/QĐ-UBND',
  decisionDate: '2025-03-01',
  issuingBody: 'UBND thành phố Hà Nội',
  level: 'provincial',
  vendorId,
  productName: 'Bình gốm men lam',
  productGroup: 'handicrafts',
  stars: 4,
  ...over,
});
const HEADER = 'decisionNo,certificateNo,decisionDate,issuingBody,level,vendor,productName,productGroup,stars,expiresAt,status,revokeReason';

describe('admin certificate registry API (embedded default)', () => {
  let m: TestMarketplace;
  let adminToken: string;
  let shopperToken: string;
  let vendor: Vendor;
  const api = () => request(m.admin.getHttpServer());
  const as = (token: string) => ({
    get: (url: string) => api().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string) => api().post(url).set('authorization', `Bearer ${token}`),
    patch: (url: string) => api().patch(url).set('authorization', `Bearer ${token}`),
  });

  beforeAll(async () => {
    m = await startTestMarketplace({ clock: new FakeClock(new Date('2026-06-01T03:00:00Z')) });
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'buyer@example.vn', password: 'Mua-Hang-2025x', name: 'Buyer' }).expect(201);
    shopperToken = await m.token(m.admin, 'buyer@example.vn', 'Mua-Hang-2025x');
    adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    vendor = await seedVendor(m, '0101234567');
  });
  afterAll(() => m.close());

  it('answers 403 to a non-admin and 401 without a token on every registry route', async () => {
    const id = randomUUID();
    const routes: [string, string][] = [
      ['get', '/api/admin/certificates'],
      ['post', '/api/admin/certificates'],
      ['post', '/api/admin/certificates/import'],
      ['get', `/api/admin/certificates/${id}`],
      ['patch', `/api/admin/certificates/${id}`],
      ['post', `/api/admin/certificates/${id}/revoke`],
      ['post', `/api/admin/certificates/${id}/renew`],
      ['post', `/api/admin/certificates/${id}/inspections`],
      ['get', '/api/admin/inspections'],
    ];
    for (const [method, url] of routes) {
      const res = await (as(shopperToken) as Record<string, (u: string) => request.Test>)[method](url).send({});
      expect([url, res.status, res.body]).toEqual([url, 403, { statusCode: 403, message: 'This needs the admin role' }]);
      expect((await (api() as unknown as Record<string, (u: string) => request.Test>)[method](url)).status).toBe(401);
    }
  });

  it('records a certificate valid 36 months from signing, with its derived status', async () => {
    const res = await as(adminToken).post('/api/admin/certificates').send(body(vendor.id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      decisionNo: '1032/QĐ-UBND',
      productName: 'Bình gốm men lam',
      stars: 4,
      level: 'provincial',
      status: 'active',
      expiresAt: '2028-02-29T17:00:00.000Z',
      validThrough: '2028-02-29',
      certificateNo: null,
      vendorId: vendor.id,
    });
    const again = await as(adminToken).post('/api/admin/certificates').send(body(vendor.id));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, reason: 'duplicate' });
  });

  it('answers 400 naming the field for bad input, unknown fields and an unknown vendor', async () => {
    const bad = await as(adminToken)
      .post('/api/admin/certificates')
      .send(body(vendor.id, { productName: 'X', stars: 6, level: 'commune', extra: 1 }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'stars', message: 'must be 3, 4 or 5' },
        { field: 'level', message: 'must be one of district, provincial, national' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
    const unknown = await as(adminToken)
      .post('/api/admin/certificates')
      .send(body(randomUUID(), { productName: 'Y' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'vendorId', message: 'no vendor has this id' }]);
    const future = await as(adminToken)
      .post('/api/admin/certificates')
      .send(body(vendor.id, { productName: 'Z', decisionDate: '2999-01-01' }));
    expect(future.body.errors).toEqual([{ field: 'decisionDate', message: 'must not be in the future' }]);
    const query = await as(adminToken).get('/api/admin/certificates?status=lost&expiringWithinDays=0');
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'status', message: 'must be one of active, expired, revoked, superseded' },
        { field: 'expiringWithinDays', message: 'must be an integer from 1 to 3650' },
      ]),
    );
    expect((await as(adminToken).get('/api/admin/certificates?limit=abc&color=red')).body.errors).toEqual(
      expect.arrayContaining([
        { field: 'limit', message: 'must be an integer from 1 to 200' },
        { field: 'color', message: 'property color should not exist' },
      ]),
    );
    expect((await as(adminToken).get('/api/admin/certificates/not-a-uuid')).body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect((await as(adminToken).get(`/api/admin/certificates/${randomUUID()}`)).status).toBe(404);
  });

  it('lists, reads and corrects certificates', async () => {
    const created = await as(adminToken)
      .post('/api/admin/certificates')
      .send(body(vendor.id, { decisionNo: '88/QĐ-UBND', productName: 'Trà sen Tây Hồ', productGroup: 'beverages', decisionDate: '2023-06-10' }));
    const list = await as(adminToken).get('/api/admin/certificates?q=sen&expiringWithinDays=365');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect(list.body.items[0].vendor).toEqual({ id: vendor.id, name: vendor.name, slug: vendor.slug });
    const one = await as(adminToken).get(`/api/admin/certificates/${created.body.id}`);
    expect(one.body).toMatchObject({ id: created.body.id, status: 'active', vendor: { id: vendor.id } });
    const patched = await as(adminToken).patch(`/api/admin/certificates/${created.body.id}`).send({ stars: 5, certificateNo: 'HN-2023-88' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ stars: 5, certificateNo: 'HN-2023-88' });
  });

  it('revokes a certificate, delisting its products in the same transaction, and refuses to revoke it twice', async () => {
    const c = (
      await as(adminToken)
        .post('/api/admin/certificates')
        .send(body(vendor.id, { decisionNo: '90/QĐ-UBND' }))
    ).body;
    const products = await seedProducts(m, vendor, c.id, 2);
    const missing = await as(adminToken).post(`/api/admin/certificates/${c.id}/revoke`).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'reason', message: 'must not be empty' }]);
    const res = await as(adminToken).post(`/api/admin/certificates/${c.id}/revoke`).send({ reason: 'Vi phạm an toàn thực phẩm', decisionNo: '55/QĐ-UBND' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', revokeReason: 'Vi phạm an toàn thực phẩm', revokedByDecisionNo: '55/QĐ-UBND' });
    const rows = await m.infra.dataSource.getRepository(Product).findBy({ id: In(products.map((p) => p.id)) });
    expect(rows.map((p) => `${p.state}:${p.delistReason}`)).toEqual(['delisted:certificate_revoked', 'delisted:certificate_revoked']);
    expect(await m.infra.dataSource.getRepository(DomainEventRecord).countBy({ type: 'CertificateRevoked' })).toBeGreaterThanOrEqual(1);
    const twice = await as(adminToken).post(`/api/admin/certificates/${c.id}/revoke`).send({ reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ statusCode: 409, reason: 'already_revoked' });
  });

  it('renews into a new certificate that supersedes the old one and refuses to renew the old one again', async () => {
    const old = (
      await as(adminToken)
        .post('/api/admin/certificates')
        .send(body(vendor.id, { decisionNo: '91/QĐ-UBND' }))
    ).body;
    const res = await as(adminToken).post(`/api/admin/certificates/${old.id}/renew`).send({ decisionNo: '2361/QĐ-UBND', decisionDate: '2026-01-05', stars: 5 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'active', stars: 5, supersedesId: old.id, productName: old.productName, vendorId: vendor.id });
    expect((await as(adminToken).get(`/api/admin/certificates/${old.id}`)).body).toMatchObject({ status: 'superseded', supersededById: res.body.id });
    const again = await as(adminToken).post(`/api/admin/certificates/${old.id}/renew`).send({ decisionNo: '2362/QĐ-UBND', decisionDate: '2026-01-06', stars: 4 });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('superseded');
    const bad = await as(adminToken).post(`/api/admin/certificates/${res.body.id}/renew`).send({ decisionNo: '1/QĐ', stars: '5' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decisionDate', 'stars']);
  });

  it('imports a CSV body, previewing with dryRun, and answers 400 for a bad header or an empty body', async () => {
    const csv = [
      HEADER,
      `501/QĐ-UBND,,2025-05-01,UBND tỉnh Quảng Ninh,provincial,0101234567,Chả mực Hạ Long,food,5,,,`,
      `502/QĐ-UBND,,2025-05-01,UBND tỉnh Quảng Ninh,provincial,${vendor.slug},Nước mắm Cái Rồng,food,4,,,`,
      `503/QĐ-UBND,,2025-05-01,UBND tỉnh Quảng Ninh,provincial,unknown-vendor,Miến dong,food,7,,,`,
    ].join('\n');
    const preview = await as(adminToken).post('/api/admin/certificates/import?dryRun=true').set('content-type', 'text/csv').send(csv);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      revoked: 0,
      rejected: [
        {
          row: 4,
          errors: [
            { field: 'stars', message: 'must be 3, 4 or 5' },
            { field: 'vendor', message: 'no vendor has this id, tax code or slug' },
          ],
        },
      ],
    });
    expect(await m.infra.dataSource.getRepository(Certificate).countBy({ decisionNo: In(['501/QĐ-UBND', '502/QĐ-UBND']) })).toBe(0);
    const applied = await as(adminToken).post('/api/admin/certificates/import').set('content-type', 'text/csv').send(csv);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ created: 2, rejected: [{ row: 4 }] });
    expect((await as(adminToken).post('/api/admin/certificates/import').set('content-type', 'text/csv').send(csv)).body).toMatchObject({ created: 0, unchanged: 2 });

    const header = await as(adminToken).post('/api/admin/certificates/import').set('content-type', 'text/csv').send('decisionNo,productName\n1/QĐ,Trà');
    expect(header.status).toBe(400);
    expect(header.body.errors).toEqual([{ field: 'csv', message: 'the header lacks the required columns: decisionDate, issuingBody, level, vendor, productGroup, stars' }]);
    const empty = await as(adminToken).post('/api/admin/certificates/import').set('content-type', 'text/csv').send('');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('csv');
    const json = await as(adminToken).post('/api/admin/certificates/import').send({ csv });
    expect(json.status).toBe(400);
    expect((await as(adminToken).post('/api/admin/certificates/import?dryRun=maybe').set('content-type', 'text/csv').send(csv)).body.errors).toEqual([
      { field: 'dryRun', message: 'must be true or false' },
    ]);
  });

  it('records inspections and lists them newest first, filtered by result', async () => {
    const c = (
      await as(adminToken)
        .post('/api/admin/certificates')
        .send(body(vendor.id, { decisionNo: '92/QĐ-UBND' }))
    ).body;
    const pass = await as(adminToken).post(`/api/admin/certificates/${c.id}/inspections`).send({ inspectedOn: '2025-11-02', body: 'Sở NN&MT Hà Nội', result: 'pass' });
    expect(pass.status).toBe(201);
    const fail = await as(adminToken).post(`/api/admin/certificates/${c.id}/inspections`).send({ inspectedOn: '2025-12-20', body: 'Chi cục QLCL', result: 'fail', notes: 'Mẫu không đạt' });
    expect(fail.body).toMatchObject({ certificateId: c.id, result: 'fail', certificate: { id: c.id, status: 'active' } });
    const list = await as(adminToken).get('/api/admin/inspections');
    expect(list.body.items.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([fail.body.id, pass.body.id]);
    expect((await as(adminToken).get('/api/admin/inspections?result=fail')).body.items.every((i: { result: string }) => i.result === 'fail')).toBe(true);
    expect((await as(adminToken).get(`/api/admin/certificates/${c.id}/inspections`)).body.total).toBe(2);
    const bad = await as(adminToken).post(`/api/admin/certificates/${c.id}/inspections`).send({ inspectedOn: '2025-12-20', body: '', result: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body', 'result']);
    expect((await as(adminToken).get('/api/admin/inspections?result=maybe')).status).toBe(400);
    expect((await as(adminToken).post(`/api/admin/certificates/${randomUUID()}/inspections`).send({ inspectedOn: '2025-12-20', body: 'x', result: 'pass' })).status).toBe(404);
  });
});
