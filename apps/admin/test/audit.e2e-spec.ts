import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

describe('admin audit log and scan statistics (embedded default)', () => {
  let m: TestMarketplace;
  let admin: string;
  let seeded: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  const A = () => request(m.admin.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace();
    admin = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    seeded = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
  });
  afterAll(() => m.close());

  it('records who delisted which product and why when an admin revokes a certificate', async () => {
    await A().post(`/api/admin/certificates/${seeded.cert.id}/revoke`).set('authorization', `Bearer ${admin}`).send({ reason: 'Failed post-inspection' }).expect(200);
    const res = await A().get('/api/admin/audit').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    const rows = res.body.items.filter((i: { reason: string }) => i.reason === 'certificate_revoked');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ fromState: 'listed', toState: 'delisted', actorEmail: TEST_ADMIN.email, product: { title: expect.stringMatching(/^Bình gốm/) } });
    const one = await A().get(`/api/admin/audit?productId=${seeded.products[0].id}`).set('authorization', `Bearer ${admin}`);
    expect(one.body.items.map((i: { productId: string }) => i.productId)).toEqual([seeded.products[0].id]);
    expect((await A().get('/api/admin/audit?productId=nope').set('authorization', `Bearer ${admin}`)).status).toBe(400);
  });

  /** A scan from a client at `ip` (a loopback address), over real HTTP: supertest cannot choose the source address. */
  async function scanFrom(ip: string, code: string): Promise<number> {
    const server = m.storefront.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: `/api/verify/${code}`, localAddress: ip }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      }).on('error', reject);
    });
  }

  it('shows codes scanned by far more clients than units sold', async () => {
    const code = seeded.products[1].traceCode;
    for (let i = 0; i < 21; i++) expect(await scanFrom(`127.0.1.${i + 1}`, code)).toBe(200);
    // One client scanning again and again counts once a day.
    for (let i = 0; i < 5; i++) await request(m.storefront.getHttpServer()).get(`/api/verify/${seeded.products[0].traceCode}`).expect(200);
    const res = await A().get('/api/admin/scans/anomalies').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ traceCode: code, scanCount: 21, unitsSold: 0 })]);
    expect((await A().get('/api/admin/scans/anomalies?ratio=0').set('authorization', `Bearer ${admin}`)).status).toBe(400);
  });

  it('answers 403 to a non-admin', async () => {
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'mua@example.vn', password: 'Nguoi-Mua-2025', name: 'Mua' }).expect(201);
    const shopper = await m.token(m.admin, 'mua@example.vn', 'Nguoi-Mua-2025');
    expect((await A().get('/api/admin/audit').set('authorization', `Bearer ${shopper}`)).status).toBe(403);
    expect((await A().get('/api/admin/scans/anomalies').set('authorization', `Bearer ${shopper}`)).status).toBe(403);
  });
});
