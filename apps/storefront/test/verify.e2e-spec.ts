import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Certificate } from '@ocop/certification';
import { Product } from '@ocop/catalog';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { FakeClock, startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

describe('verifying a label by its trace code (embedded default)', () => {
  let m: TestMarketplace;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));
  const api = () => request(m.storefront.getHttpServer());
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    m = await startTestMarketplace({ clock, worker: false });
    const village = Object.assign(new Village(), { id: randomUUID(), slug: 'tay-ho', name: 'Tây Hồ', province: 'Hà Nội', craft: 'ướp trà sen', story: {}, networks: [], photos: [], latitude: null, longitude: null, featured: false, featuredRank: null, featuredFrom: null, featuredUntil: null });
    const vendor = Object.assign(new Vendor(), { id: randomUUID(), slug: 'htx-tra-sen', name: 'HTX Trà sen Tây Hồ', type: 'cooperative', villageId: village.id, taxCode: null, address: 'Quảng An, Tây Hồ, Hà Nội', status: 'approved', statusReason: null, commissionBps: 1000, contactEmail: null, approvedAt: null });
    const cert = (decisionNo: string, over: Partial<Certificate> = {}): Certificate =>
      Object.assign(new Certificate(), {
        id: randomUUID(), decisionNo, certificateNo: null, decisionDate: '2025-03-01', issuingBody: 'UBND thành phố Hà Nội', level: 'provincial', vendorId: vendor.id, productName: `Trà sen ${decisionNo}`,
        productGroup: 'beverages', stars: 4, score: null, expiresAt: new Date('2028-02-29T17:00:00Z'), status: 'active', revokedAt: null, revokeReason: null, revokedByDecisionNo: null,
        supersedesId: null, supersededById: null, expiryProcessedAt: null, ...over,
      });
    const renewed = cert('300/QĐ-UBND', { stars: 5, decisionDate: '2026-05-01' });
    const certs = {
      active: cert('100/QĐ-UBND', { certificateNo: 'OCOP-HN-0100' }),
      revoked: cert('101/QĐ-UBND', { status: 'revoked', revokedAt: new Date('2026-04-10T03:00:00Z'), revokeReason: 'Hậu kiểm không đạt chỉ tiêu vi sinh', revokedByDecisionNo: '55/QĐ-UBND' }),
      expired: cert('102/QĐ-UBND', { expiresAt: new Date('2026-03-31T17:00:00Z') }),
      superseded: cert('103/QĐ-UBND', { status: 'superseded', supersededById: renewed.id }),
    };
    await m.infra.tx.run(async (em) => {
      await em.insert(Village, village);
      await em.insert(Vendor, vendor);
      for (const c of [...Object.values(certs), renewed]) await em.insert(Certificate, c);
      for (const [key, c] of Object.entries(certs)) {
        const code = `${key.slice(0, 4).toUpperCase()}2345`.replace(/[01IO]/g, 'X');
        codes[key] = code;
        await em.insert(Product, {
          id: randomUUID(), slug: `tra-sen-${key}`, vendorId: vendor.id, certificateId: c.id, villageId: village.id, title: { vi: `Trà sen ${key}`, en: `Lotus tea ${key}` }, description: {},
          productGroup: 'beverages', priceVnd: 450000, stock: 10, weightGrams: 100, gtin: '8938000000015', exportEligible: false, images: [],
          traceability: { producerAddress: 'Quảng An, Tây Hồ', brand: 'Sen Tây Hồ', shelfLife: '12 tháng', standards: 'TCVN 7975:2008', productionStages: [{ stage: 'Ướp trà', location: 'Quảng An', time: '2026-06' }] },
          state: key === 'active' ? 'listed' : 'delisted', delistReason: key === 'active' ? null : key === 'revoked' ? 'certificate_revoked' : 'certificate_expired', traceCode: code, scanCount: 0, unitsSold: 0, listedAt: new Date('2026-01-01T00:00:00Z'),
        });
      }
    });
  });
  afterAll(() => m.close());

  const scans = async (code: string) => (await m.infra.dataSource.getRepository(Product).findOneByOrFail({ traceCode: code })).scanCount;

  it('answers with the product, its maker, village, traceability and a valid certificate', async () => {
    const res = await api().get(`/api/verify/${codes.active}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      product: { slug: 'tra-sen-active', title: 'Lotus tea active', traceCode: codes.active, gtin: '8938000000015' },
      vendor: { slug: 'htx-tra-sen', name: 'HTX Trà sen Tây Hồ', address: 'Quảng An, Tây Hồ, Hà Nội' },
      village: { slug: 'tay-ho', name: 'Tây Hồ', province: 'Hà Nội' },
      certificate: { decisionNo: '100/QĐ-UBND', certificateNo: 'OCOP-HN-0100', stars: 4, issuingBody: 'UBND thành phố Hà Nội', status: 'active', expiresAt: '2028-02-29T17:00:00.000Z' },
      traceability: { brand: 'Sen Tây Hồ', shelfLife: '12 tháng', productionStages: [{ stage: 'Ướp trà', location: 'Quảng An', time: '2026-06' }] },
      sellable: true,
    });
  });

  it('counts every scan, concurrent ones included', async () => {
    const before = await scans(codes.active);
    await Promise.all(Array.from({ length: 12 }, () => api().get(`/api/verify/${codes.active}`).expect(200)));
    expect(await scans(codes.active)).toBe(before + 12);
    const lower = await api().get(`/api/verify/${codes.active.toLowerCase()}`);
    expect(lower.body.product.scanCount).toBe(before + 13);
  });

  it('reports revoked, expired and superseded certificates of delisted products', async () => {
    const revoked = await api().get(`/api/verify/${codes.revoked}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ certificate: { status: 'revoked', revokeReason: 'Hậu kiểm không đạt chỉ tiêu vi sinh', revokedAt: '2026-04-10T03:00:00.000Z' }, sellable: false, reason: 'certificate_revoked' });
    const expired = await api().get(`/api/verify/${codes.expired}`);
    expect(expired.body).toMatchObject({ certificate: { status: 'expired', expiresAt: '2026-03-31T17:00:00.000Z' }, sellable: false });
    const superseded = await api().get(`/api/verify/${codes.superseded}`);
    expect(superseded.body).toMatchObject({ certificate: { status: 'superseded', supersededBy: { decisionNo: '300/QĐ-UBND', stars: 5 } }, sellable: false, reason: 'certificate_superseded' });
  });

  it('reports a certificate as expired the moment it lapses', async () => {
    clock.set('2028-02-29T17:00:00Z');
    try {
      expect((await api().get(`/api/verify/${codes.active}`)).body.certificate.status).toBe('expired');
    } finally {
      clock.set('2026-06-01T00:00:00Z');
    }
  });

  it('answers 404 for an unknown code and counts nothing', async () => {
    const res = await api().get('/api/verify/ZZZZ9999');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'No product has this code' });
    expect((await api().get('/api/verify/%2E%2E%2Fetc')).status).toBe(404);
  });

  it('shows the status in plain words on the verification page', async () => {
    const ok = await api().get(`/verify/${codes.active}?lang=en`);
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/data-testid="certificate-status">Valid until 1 Mar 2028, 00:00 \(UTC\+7\)</);
    expect(ok.text).toContain('Decision 100/QĐ-UBND of 2025-03-01');
    expect(ok.text).toContain('HTX Trà sen Tây Hồ');
    expect(ok.text).toContain('TCVN 7975:2008');
    expect(ok.text).toContain('Ướp trà');
    const revoked = await api().get(`/verify/${codes.revoked}?lang=en`);
    expect(revoked.text).toContain('Revoked on 10 Apr 2026, 10:00 (UTC+7): Hậu kiểm không đạt chỉ tiêu vi sinh');
    expect(revoked.text).toContain('Not on sale on this marketplace: its OCOP certificate was revoked.');
    const expired = await api().get(`/verify/${codes.expired}?lang=en`);
    expect(expired.text).toContain('Expired on 1 Apr 2026, 00:00 (UTC+7)');
    const superseded = await api().get(`/verify/${codes.superseded}?lang=vi`);
    expect(superseded.text).toContain('Đã được thay bằng chứng nhận mới');
    expect(superseded.text).toContain('Quyết định mới 300/QĐ-UBND, 5 sao');
    expect((await api().get('/verify/ZZZZ9999')).status).toBe(404);
  });

  it('takes a typed code through the form', async () => {
    const form = await api().get('/verify?lang=en');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="code"');
    const typed = await api().get(`/verify?code=${codes.active.toLowerCase()}`);
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe(`/verify/${codes.active}`);
  });
});
