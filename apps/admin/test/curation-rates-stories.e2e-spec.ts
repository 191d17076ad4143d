import request from 'supertest';
import { StoriesService } from '@ocop/villages';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, confirmationFields, seedSeller } from '../../../test/support/order-fixtures';

describe('admin: home page preview, display rates and stories (embedded default)', () => {
  let m: TestMarketplace;
  let admin: Browser;
  let auth: { authorization: string };
  const clock = new FakeClock(new Date('2026-03-10T08:00:00Z'));
  const api = () => request(m.admin.getHttpServer());
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    m = await startTestMarketplace({ clock });
    auth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    const create = async (name: string) =>
      (
        await api()
          .post('/api/admin/villages')
          .set(auth)
          .send({ name, province: 'Hà Nội', craft: 'gốm', story: { en: `${name} story` } })
          .expect(201)
      ).body.id;
    for (const n of ['Alpha', 'Beta', 'Gamma', 'Delta']) ids[n] = await create(n);
    const feature = (id: string, body: object) => api().put(`/api/admin/villages/${id}/featured`).set(auth).send(body).expect(200);
    await feature(ids.Alpha, { featured: true, rank: 3 });
    await feature(ids.Beta, { featured: true, rank: 1, from: '2026-03-01T00:00:00Z', until: '2026-03-15T00:00:00Z' });
    await feature(ids.Gamma, { featured: true, rank: 2, from: '2026-03-15T00:00:00Z' });
    admin = new Browser(m.admin);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => m.close());

  it('answers the villages featured on a chosen date, in rank order, respecting the windows (API)', async () => {
    const on = async (date: string) => (await api().get(`/api/admin/villages/featured?on=${date}`).set(auth).expect(200)).body.items.map((v: { name: string }) => v.name);
    expect(await on('2026-03-10')).toEqual(['Beta', 'Alpha']);
    expect(await on('2026-03-15')).toEqual(['Gamma', 'Alpha']);
    expect(await on('2026-02-28')).toEqual(['Alpha']);
    expect((await api().get('/api/admin/villages/featured?on=not-a-date').set(auth)).status).toBe(400);
  });

  it('previews exactly what the home page would show on a date', async () => {
    const page = await admin.get('/villages/preview?on=2026-03-16&lang=en');
    expect(page.status).toBe(200);
    const order = [...page.text.matchAll(/<li data-slug="([^"]+)"><strong>([^<]+)<\/strong>/g)].map((x) => x[2]);
    expect(order).toEqual(['Gamma', 'Alpha']);
    expect(page.text).toContain('Gamma story');
    const form = await admin.get('/villages?lang=en');
    expect(form.text).toContain('action="/villages/preview"');
    expect((await admin.get('/villages/preview?on=2026-13-45')).status).toBe(400);
  });

  it('sets display rates by API and page; only admins; wrong values are refused', async () => {
    const list = await api().get('/api/admin/currency-rates').set(auth).expect(200);
    expect(list.body.items.map((r: { currency: string; updatedAt: unknown }) => [r.currency, r.updatedAt])).toEqual([
      ['USD', null],
      ['EUR', null],
    ]);
    const put = await api().put('/api/admin/currency-rates/usd').set(auth).send({ vndPerUnit: 26100 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ currency: 'USD', vndPerUnit: 26100 });
    expect((await api().put('/api/admin/currency-rates/JPY').set(auth).send({ vndPerUnit: 170 })).status).toBe(400);
    expect((await api().put('/api/admin/currency-rates/EUR').set(auth).send({ vndPerUnit: 'lots' })).status).toBe(400);
    expect((await api().put('/api/admin/currency-rates/EUR').send({ vndPerUnit: 30000 })).status).toBe(401);

    const saved = await admin.post('/rates/EUR', { vndPerUnit: '30.500' }, '/rates');
    expect(saved.status).toBe(303);
    const page = await admin.get('/rates?saved=EUR&lang=en');
    expect(page.text).toContain('The EUR rate is saved.');
    expect(page.text).toContain('value="30500"');
    const bad = await admin.post('/rates/EUR?lang=en', { vndPerUnit: '5' }, '/rates');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-testid="form-errors"');
  });

  it('publishes a story from the page and reviews a vendor story through a confirmation page', async () => {
    const seller = await seedSeller(m, 'HTX Gốm Lan');
    const published = await admin.post('/stories', { villageId: ids.Alpha, kind: 'village', title_vi: 'Chuyện làng Alpha', body_vi: 'Một **làng**.' }, '/stories');
    expect(published.status).toBe(303);
    expect((await api().get('/api/admin/stories?status=published').set(auth)).body.items.map((s: { title: { vi: string } }) => s.title.vi)).toEqual(['Chuyện làng Alpha']);
    const empty = await admin.post('/stories?lang=en', { villageId: ids.Alpha, title_vi: '', body_vi: '' }, '/stories');
    expect(empty.status).toBe(400);

    const vendorActor = { id: seller.vendor.id, email: 'x@y.vn', name: 'Lan', roles: ['vendor' as const], vendorId: seller.vendor.id, vendorRole: 'owner' as const, locale: 'vi' };
    const story = await m.admin.get(StoriesService, { strict: false }).submit(vendorActor, { villageId: ids.Beta, title: { vi: 'Lò nhà Lan' }, body: { vi: 'Chuyện lò.' } });
    const listing = await admin.get('/stories?lang=en');
    expect(listing.text).toContain('Lò nhà Lan');
    expect(listing.text).toContain('sent by a vendor');

    const noNote = await admin.post(`/stories/${story.id}/reject?lang=en`, { note: '' }, '/stories');
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('Say why in a note when you reject a story.');
    const confirm = await admin.post(`/stories/${story.id}/reject?lang=en`, { note: 'Needs photos' }, '/stories');
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('The vendor will see your note.');
    expect((await api().get('/api/admin/stories?status=pending').set(auth)).body.items).toHaveLength(1);
    const done = await admin.post(`/stories/${story.id}/reject`, confirmationFields(confirm.text), '/stories');
    expect(done.status).toBe(303);
    const after = (await api().get('/api/admin/stories?status=rejected').set(auth)).body.items;
    expect(after.map((s: { reviewNote: string }) => s.reviewNote)).toEqual(['Needs photos']);
  });
});
