import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Certificate } from '@ocop/certification';
import { Product } from '@ocop/catalog';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

describe('verifying a label by its trace code (embedded default)', () => {
  let m: TestMarketplace;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));
  const api = () => request(m.storefront.getHttpServer());
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    m = await startTestMarketplace({ clock, worker: false });
    const village = Object.assign(new Village(), {
      id: randomUUID(),
      slug: 'tay-ho',
      name: 'Tây Hồ',
      province: 'Hà Nội',
      craft: 'ướp trà sen',
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
    const vendor = Object.assign(new Vendor(), {
      id: randomUUID(),
      slug: 'htx-tra-sen',
      name: 'HTX Trà sen Tây Hồ',
      type: 'cooperative',
      villageId: village.id,
      taxCode: null,
      address: 'Quảng An, Tây Hồ, Hà Nội',
      status: 'approved',
      statusReason: null,
      contactEmail: null,
      approvedAt: null,
    });
    const cert = (decisionNo: string, over: Partial<Certificate> = {}): Certificate =>
      Object.assign(new Certificate(), {
        id: randomUUID(),
        decisionNo,
        certificateNo: null,
        decisionDate: '2025-03-01',
        issuingBody: 'UBND thành phố Hà Nội',
        level: 'provincial',
        vendorId: vendor.id,
        productName: `Trà sen ${decisionNo}`,
        productGroup: 'beverages',
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
    const renewed = cert('300/QĐ-UBND', { stars: 5, decisionDate: '2026-05-01' });
    const otherVendor = Object.assign(new Vendor(), { ...vendor, id: randomUUID(), slug: 'htx-che-thai', name: 'HTX Chè Tân Cương', address: null });
    const othersCertificate = cert('777/QĐ-UBND', { vendorId: otherVendor.id, productName: 'Chè Tân Cương', stars: 5 });
    const certs = {
      active: cert('100/QĐ-UBND', { certificateNo: 'OCOP-HN-0100' }),
      revoked: cert('101/QĐ-UBND', { status: 'revoked', revokedAt: new Date('2026-04-10T03:00:00Z'), revokeReason: 'Hậu kiểm không đạt chỉ tiêu vi sinh', revokedByDecisionNo: '55/QĐ-UBND' }),
      expired: cert('102/QĐ-UBND', { expiresAt: new Date('2026-03-31T17:00:00Z') }),
      superseded: cert('103/QĐ-UBND', { status: 'superseded', supersededById: renewed.id }),
    };
    await m.infra.tx.run(async (em) => {
      await em.insert(Village, village);
      await em.insert(Vendor, vendor);
      await em.insert(Vendor, otherVendor);
      for (const c of [...Object.values(certs), renewed, othersCertificate]) await em.insert(Certificate, c);
      // A draft saved under another producer's certificate before that was refused: the data may still hold such rows.
      codes.foreign = 'FRGN2345';
      await em.insert(Product, {
        id: randomUUID(),
        slug: 'tra-sen-foreign',
        vendorId: vendor.id,
        certificateId: othersCertificate.id,
        villageId: village.id,
        title: { vi: 'Trà sen mượn', en: 'Borrowed lotus tea' },
        description: {},
        productGroup: 'beverages',
        priceVnd: 450000,
        stock: 10,
        weightGrams: 100,
        gtin: null,
        exportEligible: false,
        images: [],
        traceability: {},
        state: 'draft',
        delistReason: null,
        traceCode: codes.foreign,
        scanCount: 0,
        unitsSold: 0,
        listedAt: null,
      });
      for (const [key, c] of Object.entries(certs)) {
        const code = `${key.slice(0, 4).toUpperCase()}2345`.replace(/[01IO]/g, 'X');
        codes[key] = code;
        await em.insert(Product, {
          id: randomUUID(),
          slug: `tra-sen-${key}`,
          vendorId: vendor.id,
          certificateId: c.id,
          villageId: village.id,
          title: { vi: `Trà sen ${key}`, en: `Lotus tea ${key}` },
          description: {},
          productGroup: 'beverages',
          priceVnd: 450000,
          stock: 10,
          weightGrams: 100,
          gtin: '8938000000015',
          exportEligible: false,
          images: [],
          traceability: {
            producerAddress: 'Quảng An, Tây Hồ',
            brand: 'Sen Tây Hồ',
            shelfLife: '12 tháng',
            standards: 'TCVN 7975:2008',
            productionStages: [{ stage: 'Ướp trà', location: 'Quảng An', time: '2026-06' }],
          },
          state: key === 'active' ? 'listed' : 'delisted',
          delistReason: key === 'active' ? null : key === 'revoked' ? 'certificate_revoked' : 'certificate_expired',
          traceCode: code,
          scanCount: 0,
          unitsSold: 0,
          listedAt: new Date('2026-01-01T00:00:00Z'),
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

  /**
   * A request from a client at `ip` (a loopback address): supertest cannot choose the socket's
   * source address, so this goes over real HTTP to the storefront listening on loopback.
   */
  async function fromClient(ip: string, path: string): Promise<number> {
    const server = m.storefront.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, localAddress: ip }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      }).on('error', reject);
    });
  }

  it('counts one scan per client and day, however often and however concurrently it scans', async () => {
    const code = codes.superseded;
    expect(await scans(code)).toBe(0);
    await Promise.all(Array.from({ length: 30 }, () => api().get(`/api/verify/${code}`).expect(200)));
    expect(await scans(code)).toBe(1);
    const lower = await api().get(`/api/verify/${code.toLowerCase()}`);
    expect(lower.body.product.scanCount).toBe(1);
    expect((await api().get(`/verify/${code}`)).status).toBe(200);
    expect(await scans(code)).toBe(1);
  });

  it('counts three clients three times, the verification page included, and keeps no address', async () => {
    const before = await scans(codes.revoked);
    const answers = await Promise.all([
      fromClient('127.0.0.10', `/api/verify/${codes.revoked}`),
      fromClient('127.0.0.11', `/api/verify/${codes.revoked}`),
      fromClient('127.0.0.12', `/verify/${codes.revoked}`),
      fromClient('127.0.0.10', `/api/verify/${codes.revoked}`),
    ]);
    expect(answers).toEqual([200, 200, 200, 200]);
    expect(await scans(codes.revoked)).toBe(before + 3);
    expect(JSON.stringify(await m.infra.dataSource.query('SELECT * FROM trace_scans'))).not.toMatch(/127\.0\.0\.1[0-2]/);
  });

  it("keeps a product one client scanned thirty times off the admin's anomaly list", async () => {
    const code = codes.expired;
    for (let i = 0; i < 30; i++) await api().get(`/api/verify/${code}`).expect(200);
    expect(await scans(code)).toBe(1);
    const admin = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    const anomalies = await request(m.admin.getHttpServer()).get('/api/admin/scans/anomalies').set('authorization', `Bearer ${admin}`);
    expect(anomalies.status).toBe(200);
    expect(anomalies.body.items.map((i: { traceCode: string }) => i.traceCode)).not.toContain(code);
  });

  it('reports revoked, expired and superseded certificates of delisted products', async () => {
    const revoked = await api().get(`/api/verify/${codes.revoked}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      certificate: { status: 'revoked', revokeReason: 'Hậu kiểm không đạt chỉ tiêu vi sinh', revokedAt: '2026-04-10T03:00:00.000Z' },
      sellable: false,
      reason: 'certificate_revoked',
    });
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

  it("says plainly, never in green, that another producer's certificate does not belong to this producer", async () => {
    const res = await api().get(`/api/verify/${codes.foreign}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ vendor: { name: 'HTX Trà sen Tây Hồ' }, certificate: { belongsToProducer: false }, sellable: false, reason: 'certificate_not_vendors' });
    expect((await api().get(`/api/verify/${codes.active}`)).body.certificate.belongsToProducer).toBe(true);

    const page = await api().get(`/verify/${codes.foreign}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '<p class="status bad" data-testid="certificate-status">This OCOP certificate does not belong to HTX Trà sen Tây Hồ: it was issued to another producer and does not certify this product.</p>',
    );
    expect(page.text).not.toContain('Valid until');
    expect(page.text).not.toContain('777/QĐ-UBND');
    expect(page.text).not.toContain('class="status ok"');
    const words = {
      vi: 'Chứng nhận OCOP này không thuộc về HTX Trà sen Tây Hồ',
      de: 'Dieses OCOP-Zertifikat gehört nicht HTX Trà sen Tây Hồ',
      id: 'Sertifikat OCOP ini bukan milik HTX Trà sen Tây Hồ',
    };
    for (const [lang, text] of Object.entries(words)) {
      const translated = await api().get(`/verify/${codes.foreign}?lang=${lang}`);
      expect(translated.text).toContain(text);
      expect(translated.text).not.toContain('class="status ok"');
    }
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
