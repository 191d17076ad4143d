import request from 'supertest';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

/** A logged-in admin page session: the cookies of the login (session and CSRF secret). */
async function pageLogin(server: unknown): Promise<string> {
  const form = await request(server as never).get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const jar = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const login = await request(server as never)
    .post('/login')
    .set('cookie', jar.join('; '))
    .type('form')
    .send({ _csrf: csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/' });
  const sid = ([] as string[])
    .concat(login.headers['set-cookie'])
    .find((c) => c.includes('_sid='))!
    .split(';')[0];
  return [...jar, sid].join('; ');
}

describe('admin app: craft villages and featured curation (embedded default)', () => {
  let m: TestMarketplace;
  let adminToken: string;
  let shopperToken: string;
  const clock = new FakeClock(new Date('2026-03-10T08:00:00Z'));
  const admin = () => request(m.admin.getHttpServer());
  const asAdmin = { authorization: '' };

  beforeAll(async () => {
    m = await startTestMarketplace({ clock });
    adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    asAdmin.authorization = `Bearer ${adminToken}`;
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'khach@example.vn', password: 'Mua-Sam-2025x', name: 'Khách' }).expect(201);
    shopperToken = await m.token(m.admin, 'khach@example.vn', 'Mua-Sam-2025x');
  });
  afterAll(() => m.close());

  it('keeps every village route behind the admin role', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const calls = [
      admin().get('/api/admin/villages'),
      admin().post('/api/admin/villages').send({ name: 'x', province: 'y', craft: 'z' }),
      admin().patch(`/api/admin/villages/${id}`).send({}),
      admin().put(`/api/admin/villages/${id}/featured`).send({ featured: true }),
    ];
    for (const call of calls) {
      const res = await call.set('authorization', `Bearer ${shopperToken}`);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ statusCode: 403, message: 'This needs the admin role' });
    }
    expect((await admin().get('/api/admin/villages')).status).toBe(401);
  });

  it('creates villages with ASCII slugs, numbering a clash', async () => {
    const a = await admin()
      .post('/api/admin/villages')
      .set(asAdmin)
      .send({
        name: 'Bát Tràng',
        province: 'Hà Nội',
        craft: 'gốm sứ',
        story: { vi: 'Làng gốm hơn 700 năm tuổi.', en: 'A pottery village over 700 years old.' },
        networks: ['World Craft Cities'],
        photos: ['/uploads/bat-trang.jpg'],
        latitude: 20.975,
        longitude: 105.912,
      });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ id: expect.any(String), slug: 'bat-trang' });
    const b = await admin().post('/api/admin/villages').set(asAdmin).send({ name: 'Bát Tràng', province: 'Hà Nội', craft: 'gốm' });
    expect(b.body.slug).toBe('bat-trang-2');
    const list = await admin().get('/api/admin/villages').set(asAdmin);
    expect(list.status).toBe(200);
    expect(list.body.items.find((v: { id: string }) => v.id === a.body.id)).toMatchObject({
      name: 'Bát Tràng',
      story: { vi: 'Làng gốm hơn 700 năm tuổi.' },
      networks: ['World Craft Cities'],
      featured: false,
      featuredNow: false,
    });
  });

  it('answers 400 naming the field for a bad village', async () => {
    const post = (body: object) => admin().post('/api/admin/villages').set(asAdmin).send(body);
    const missing = await post({ province: 'Hà Nội', craft: 'lụa' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
    const lang = await post({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', story: { fr: 'Soie' } });
    expect(lang.status).toBe(400);
    expect(lang.body.errors).toEqual([expect.objectContaining({ field: 'story.fr' })]);
    const photo = await post({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', photos: ['javascript:alert(1)'] });
    expect(photo.status).toBe(400);
    expect(photo.body.errors).toEqual([{ field: 'photos', message: 'must hold http(s) addresses or site paths starting with /' }]);
    expect((await post({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', featured: true })).status).toBe(400);
  });

  it('updates a village and keeps its slug; 404 for an unknown id, 400 for a malformed one', async () => {
    const { body } = await admin()
      .post('/api/admin/villages')
      .set(asAdmin)
      .send({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', story: { vi: 'Làng lụa', en: 'Silk village' } })
      .expect(201);
    const res = await admin()
      .patch(`/api/admin/villages/${body.id}`)
      .set(asAdmin)
      .send({ name: 'Làng lụa Vạn Phúc', story: { en: 'The silk village of Hà Đông' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ slug: 'van-phuc', name: 'Làng lụa Vạn Phúc', story: { vi: 'Làng lụa', en: 'The silk village of Hà Đông' } });
    expect((await admin().patch('/api/admin/villages/00000000-0000-4000-8000-000000000000').set(asAdmin).send({ name: 'x' })).status).toBe(404);
    const bad = await admin().patch('/api/admin/villages/van-phuc').set(asAdmin).send({ name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('features a village at a rank within a window and checks rank and window', async () => {
    const { body } = await admin().post('/api/admin/villages').set(asAdmin).send({ name: 'Đông Hồ', province: 'Bắc Ninh', craft: 'tranh dân gian' }).expect(201);
    const put = (b: object) => admin().put(`/api/admin/villages/${body.id}/featured`).set(asAdmin).send(b);
    const ok = await put({ featured: true, rank: 1, from: '2026-03-01T00:00:00Z', until: '2026-04-01T00:00:00Z' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: body.id, featured: true, featuredRank: 1, featuredFrom: '2026-03-01T00:00:00.000Z', featuredUntil: '2026-04-01T00:00:00.000Z', featuredNow: true });
    const rank = await put({ featured: true, rank: 0 });
    expect(rank.status).toBe(400);
    expect(rank.body.errors).toEqual([{ field: 'rank', message: 'must be an integer of at least 1' }]);
    const window = await put({ featured: true, from: '2026-04-01T00:00:00Z', until: '2026-03-01T00:00:00Z' });
    expect(window.status).toBe(400);
    expect(window.body.errors).toEqual([{ field: 'until', message: 'must be after from' }]);
    expect((await put({ featured: 'yes' })).body.errors).toEqual([{ field: 'featured', message: 'must be true or false' }]);
    expect((await put({ featured: true, from: 'tomorrow' })).body.errors).toEqual([{ field: 'from', message: 'must be an ISO-8601 date or date-time' }]);
    expect((await admin().put('/api/admin/villages/00000000-0000-4000-8000-000000000000/featured').set(asAdmin).send({ featured: true })).status).toBe(404);
    const off = await put({ featured: false });
    expect(off.body).toMatchObject({ featured: false, featuredRank: null, featuredFrom: null, featuredUntil: null, featuredNow: false });
  });

  it('lists, creates and features villages on the /villages page', async () => {
    const cookie = await pageLogin(m.admin.getHttpServer());
    const page = await admin().get('/villages?lang=en').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Craft villages</h1>');
    // One form at a time: the list links to the new-village form and to each village's own page.
    expect(page.text).not.toContain('data-testid="create-village"');
    expect(page.text).toContain('href="/villages/new"');
    const form = await admin().get('/villages/new?lang=en').set('cookie', cookie);
    expect(form.text).toContain('data-testid="create-village"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];

    const created = await admin().post('/villages').set('cookie', cookie).type('form').send({
      _csrf: csrf,
      name: 'Phù Lãng',
      province: 'Bắc Ninh',
      craft: 'gốm',
      story_vi: 'Gốm men da lươn',
      story_en: '',
      networks: 'Mạng lưới A\nMạng lưới B',
      photos: '',
      latitude: '',
      longitude: '',
    });
    expect(created.status).toBe(303);
    expect(created.headers.location).toContain('/villages?created=');
    const list = (await admin().get('/api/admin/villages').set(asAdmin)).body.items;
    const phuLang = list.find((v: { slug: string }) => v.slug === 'phu-lang');
    expect(phuLang).toMatchObject({ story: { vi: 'Gốm men da lươn' }, networks: ['Mạng lưới A', 'Mạng lưới B'], photos: [], latitude: null });

    const invalid = await admin().post('/villages?lang=en').set('cookie', cookie).type('form').send({ _csrf: csrf, name: 'Chu Đậu', province: '', craft: 'gốm' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/<p class="field-error" id="province-error"[^>]*>[^<]*: please fill this in\.<\/p>/);
    expect(invalid.text).toContain('value="Chu Đậu"');

    const featured = await admin().post(`/villages/${phuLang.id}/featured`).set('cookie', cookie).type('form').send({ _csrf: csrf, featured: 'on', rank: '2', from: '2026-03-01', until: '' });
    expect(featured.status).toBe(303);
    expect((await admin().get('/api/admin/villages').set(asAdmin)).body.items.find((v: { id: string }) => v.id === phuLang.id)).toMatchObject({
      featured: true,
      featuredRank: 2,
      featuredFrom: '2026-03-01T00:00:00.000Z',
      featuredUntil: null,
      featuredNow: true,
    });
    const after = await admin().get('/villages?lang=en').set('cookie', cookie);
    expect(after.text).toMatch(/id="village-phu-lang"[\s\S]*?featured now · #2/);
    expect(after.text).toContain(`href="/villages/${phuLang.id}"`);
    expect(after.text.match(/<form /g)?.length).toBe(2); // the preview's date and the logout button

    const edit = await admin().get(`/villages/${phuLang.id}?lang=en`).set('cookie', cookie);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('data-testid="edit-village"');
    expect(edit.text).toContain('Gốm men da lươn</textarea>');
    const saved = await admin()
      .post(`/villages/${phuLang.id}`)
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, name: 'Phù Lãng', province: 'Bắc Ninh', craft: 'gốm mỹ nghệ', story_vi: 'Gốm men da lươn', networks: 'Mạng lưới A', photos: '', latitude: '21.1', longitude: '' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/villages/${phuLang.id}?saved=1`);
    expect((await admin().get('/api/admin/villages').set(asAdmin)).body.items.find((v: { id: string }) => v.id === phuLang.id)).toMatchObject({
      craft: 'gốm mỹ nghệ',
      networks: ['Mạng lưới A'],
      latitude: 21.1,
      featuredRank: 2,
    });
    const badEdit = await admin().post(`/villages/${phuLang.id}?lang=en`).set('cookie', cookie).type('form').send({ _csrf: csrf, name: 'Phù Lãng', province: '', craft: 'gốm' });
    expect(badEdit.status).toBe(400);
    expect(badEdit.text).toMatch(/<p class="field-error" id="province-error"[^>]*>[^<]*: please fill this in\.<\/p>/);

    const badRank = await admin().post(`/villages/${phuLang.id}/featured?lang=en`).set('cookie', cookie).type('form').send({ _csrf: csrf, featured: 'on', rank: '0' });
    expect(badRank.status).toBe(400);
    expect(badRank.text).toMatch(/<p class="field-error" id="rank-error"[^>]*>[^<]*: must be a whole number of at least 1\.<\/p>/);
    expect((await admin().post(`/villages/${phuLang.id}/featured`).set('cookie', cookie).type('form').send({ featured: 'on' })).status).toBe(403);
  });
});
