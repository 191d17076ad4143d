import request from 'supertest';
import { testMysqlServerUrl, testRedisPrefix, testRedisUrl } from '@ocop/testing';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../support/marketplace';

type Setup = { label: string; dialect: 'sqlite' | 'mysql'; bull: boolean };
const setups: Setup[] = [
  { label: 'SQLite, in-process jobs', dialect: 'sqlite', bull: false },
  { label: 'MariaDB, in-process jobs', dialect: 'mysql', bull: false },
  { label: 'MariaDB, Bull on Redis', dialect: 'mysql', bull: true },
];

const available = (s: Setup) => (s.dialect === 'sqlite' || !!testMysqlServerUrl()) && (!s.bull || !!testRedisUrl());
const until = async <T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<{ value: T; elapsed: number }> => {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() - start > ms) return { value, elapsed: Date.now() - start };
    await new Promise((r) => setTimeout(r, 20));
  }
};
const today = () => new Date().toISOString().slice(0, 10);

for (const setup of setups) {
  (available(setup) ? describe : describe.skip)(`the certified catalogue through the API alone [${setup.label}${available(setup) ? '' : ': server not available, skipped'}]`, () => {
    let m: TestMarketplace;
    let admin: string;
    let vendorToken: string;
    let vendorId: string;
    let villageId: string;
    let n = 0;
    const A = () => request(m.admin.getHttpServer());
    const V = () => request(m.vendor.getHttpServer());
    const S = () => request(m.storefront.getHttpServer());
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const listed = async (slug: string) => ((await S().get('/api/products?limit=100')).body.items as { slug: string }[]).some((p) => p.slug === slug);
    // Listing shows up once the index job has run; leaving the list needs no job (the gate is in the query).
    const listedSoon = async (slug: string) =>
      (
        await until(
          () => listed(slug),
          (v) => v,
          2000,
        )
      ).value;
    const inSearch = async (id: string) => (await m.infra.search.search({ limit: 100 })).ids.includes(id);

    async function certificate(extra: Record<string, unknown> = {}) {
      n += 1;
      const res = await A()
        .post('/api/admin/certificates')
        .set(auth(admin))
        .send({
          decisionNo: `${100 + n}/QĐ-UBND`,
          decisionDate: today(),
          issuingBody: 'UBND thành phố Hà Nội',
          level: 'provincial',
          vendorId,
          productName: `Bình gốm men lam ${n}`,
          productGroup: 'handicrafts',
          stars: 4,
          ...extra,
        });
      expect(res.status).toBe(201);
      return res.body as { id: string; expiresAt: string };
    }

    async function publishedProduct(certificateId: string) {
      const created = await V()
        .post('/api/vendor/products')
        .set(auth(vendorToken))
        .send({ certificateId, title: { vi: `Bình gốm ${n}`, en: `Vase ${n}` }, productGroup: 'handicrafts', priceVnd: 350000, stock: 5 });
      expect(created.status).toBe(201);
      const published = await V().post(`/api/vendor/products/${created.body.id}/publish`).set(auth(vendorToken));
      expect(published.status).toBe(200);
      expect(published.body.state).toBe('listed');
      return created.body as { id: string; slug: string };
    }

    beforeAll(async () => {
      const env: Record<string, string> = setup.bull ? { REDIS_URL: testRedisUrl()!, REDIS_PREFIX: testRedisPrefix('catalog') } : {};
      m = await startTestMarketplace({ dialect: setup.dialect, env });
      admin = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
      const village = await A()
        .post('/api/admin/villages')
        .set(auth(admin))
        .send({ name: 'Bát Tràng', province: 'Hà Nội', craft: 'Gốm sứ', story: { vi: 'Làng gốm bên sông Hồng' } });
      expect(village.status).toBe(201);
      villageId = village.body.id;
      await V().post('/api/auth/register').send({ email: 'htx@battrang.vn', password: 'Gom-Bat-Trang-2025', name: 'HTX Gốm' }).expect(201);
      vendorToken = await m.token(m.vendor, 'htx@battrang.vn', 'Gom-Bat-Trang-2025');
      const vendor = await V().post('/api/vendors').set(auth(vendorToken)).send({ name: 'HTX Gốm sứ Bát Tràng', type: 'cooperative', villageId });
      expect(vendor.status).toBe(201);
      expect(vendor.body.status).toBe('pending');
      vendorId = vendor.body.id;
      const approved = await A().post(`/api/admin/vendors/${vendorId}/approve`).set(auth(admin)).send({});
      expect(approved.status).toBe(200);
    }, 60000);
    afterAll(() => m?.close());

    it('lists and indexes a published product, takes it off the list and the search index within a second of revocation (detail 410) and brings it back on renewal', async () => {
      const cert = await certificate();
      const product = await publishedProduct(cert.id);
      expect(await listedSoon(product.slug)).toBe(true);
      expect(await inSearch(product.id)).toBe(true);

      const revoked = await A().post(`/api/admin/certificates/${cert.id}/revoke`).set(auth(admin)).send({ reason: 'Failed post-inspection' });
      expect(revoked.status).toBe(200);
      const gone = await until(
        () => listed(product.slug),
        (v) => v === false,
        1000,
      );
      expect(gone.value).toBe(false);
      const unindexed = await until(
        () => inSearch(product.id),
        (v) => v === false,
        1000,
      );
      expect(unindexed.value).toBe(false);
      const detail = await S().get(`/api/products/${product.slug}`);
      expect(detail.status).toBe(410);
      expect(detail.body.reason).toBe('certificate_revoked');

      const renewed = await A()
        .post(`/api/admin/certificates/${cert.id}/renew`)
        .set(auth(admin))
        .send({ decisionNo: `R${n}/QĐ-UBND`, decisionDate: today(), stars: 5 });
      expect(renewed.status).toBe(201);
      expect(await listedSoon(product.slug)).toBe(true);
      const back = await S().get(`/api/products/${product.slug}`);
      expect(back.status).toBe(200);
      expect(back.body.certificate.stars).toBe(5);
      expect(
        (
          await until(
            () => inSearch(product.id),
            (v) => v,
            2000,
          )
        ).value,
      ).toBe(true);
      expect((await m.infra.search.search({ filters: { minStars: 5 }, limit: 100 })).ids).toContain(product.id);
      const audit = await A().get(`/api/admin/audit?productId=${product.id}`).set(auth(admin));
      expect(audit.body.items.map((i: { reason: string }) => i.reason)).toEqual(['certificate_renewed', 'certificate_revoked', 'published']);
    });

    it('finds the products under the new name within a second of a vendor or village rename', async () => {
      const cert = await certificate();
      const product = await publishedProduct(cert.id);
      expect(await listedSoon(product.slug)).toBe(true);
      const found = async (q: string) => ((await S().get(`/api/products?q=${encodeURIComponent(q)}&limit=100`)).body.items as { id: string }[]).some((p) => p.id === product.id);
      expect(await found('Hợp tác xã Chu Đậu')).toBe(false);
      await V()
        .patch('/api/vendor/profile')
        .set(auth(vendorToken))
        .send({ name: `Hợp tác xã Chu Đậu ${n}` })
        .expect(200);
      expect(
        (
          await until(
            () => found('hop tac xa chu dau'),
            (v) => v,
            1000,
          )
        ).value,
      ).toBe(true);
      const renamed = await A().patch(`/api/admin/villages/${villageId}`).set(auth(admin)).send({ province: 'Hải Dương' });
      expect(renamed.status).toBe(200);
      expect(
        (
          await until(
            () => found('chu dau hai duong'),
            (v) => v,
            1000,
          )
        ).value,
      ).toBe(true);
      await A().patch(`/api/admin/villages/${villageId}`).set(auth(admin)).send({ province: 'Hà Nội' }).expect(200);
      await V().patch('/api/vendor/profile').set(auth(vendorToken)).send({ name: 'HTX Gốm sứ Bát Tràng' }).expect(200);
    });

    it('lists a product before its certificate expires at T and not at T, then the expiry job delists it', async () => {
      const expiresAt = new Date(Date.now() + 4000);
      const cert = await certificate({ expiresAt: expiresAt.toISOString() });
      const product = await publishedProduct(cert.id);
      expect(await listedSoon(product.slug)).toBe(true);
      expect(Date.now()).toBeLessThan(expiresAt.getTime());
      await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now())));
      // At T the query itself hides it, whatever the jobs are doing.
      expect(await listed(product.slug)).toBe(false);
      expect((await S().get(`/api/products/${product.slug}`)).status).toBe(410);
      const delisted = await until(
        async () => (await V().get('/api/vendor/products').set(auth(vendorToken))).body.items.find((p: { id: string }) => p.id === product.id),
        (p) => p?.state === 'delisted',
        10000,
      );
      expect(delisted.value).toMatchObject({ state: 'delisted', delistReason: 'certificate_expired' });
    }, 30000);
  });
}
