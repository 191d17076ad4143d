import request from 'supertest';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

describe('storefront: craft villages (embedded default)', () => {
  let m: TestMarketplace;
  const clock = new FakeClock(new Date('2026-03-10T08:00:00Z'));
  const shop = () => request(m.storefront.getHttpServer());
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    m = await startTestMarketplace({ clock });
    const auth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    const create = async (body: object) => (await request(m.admin.getHttpServer()).post('/api/admin/villages').set(auth).send(body).expect(201)).body;
    const feature = (id: string, body: object) => request(m.admin.getHttpServer()).put(`/api/admin/villages/${id}/featured`).set(auth).send(body).expect(200);
    ids.batTrang = (
      await create({
        name: 'Bát Tràng',
        province: 'Hà Nội',
        craft: 'gốm sứ',
        story: { vi: 'Làng gốm bên sông Hồng.\n\nHơn 700 năm giữ lửa lò.', en: 'A pottery village on the Red River.' },
        networks: ['World Craft Cities: World Craft Village for Ceramics (2025)'],
        photos: ['/uploads/bat-trang-lo-gom.jpg'],
        latitude: 20.975,
        longitude: 105.912,
      })
    ).id;
    ids.vanPhuc = (await create({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', story: { vi: 'Làng lụa Hà Đông.' } })).id;
    ids.dongHo = (await create({ name: 'Đông Hồ', province: 'Bắc Ninh', craft: 'tranh dân gian' })).id;
    ids.chuDau = (await create({ name: 'Chu Đậu', province: 'Hải Dương', craft: 'gốm' })).id;
    ids.anHoi = (await create({ name: 'An Hội', province: 'Quảng Nam', craft: 'đèn lồng' })).id;
    await feature(ids.vanPhuc, { featured: true, rank: 2 });
    await feature(ids.dongHo, { featured: true, rank: 1, from: '2026-03-01T00:00:00Z', until: '2026-03-20T00:00:00Z' });
    await feature(ids.chuDau, { featured: true, rank: 1, from: '2026-04-01T00:00:00Z' });
  });
  afterAll(() => m.close());

  it('lists the villages featured now first in rank order, then the rest by name', async () => {
    const res = await shop().get('/api/villages');
    expect(res.status).toBe(200);
    expect(res.body.items.map((v: { name: string; featured: boolean }) => `${v.name}${v.featured ? '*' : ''}`)).toEqual(['Đông Hồ*', 'Vạn Phúc*', 'An Hội', 'Bát Tràng', 'Chu Đậu']);
    clock.set('2026-04-02T00:00:00Z');
    const later = await shop().get('/api/villages');
    expect(later.body.items.map((v: { name: string }) => v.name)).toEqual(['Chu Đậu', 'Vạn Phúc', 'An Hội', 'Bát Tràng', 'Đông Hồ']);
    clock.set('2026-03-10T08:00:00Z');
  });

  it('answers one village with its story, networks, photos, products and experiences; 404 for an unknown slug', async () => {
    const res = await shop().get('/api/villages/bat-trang');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: ids.batTrang,
      slug: 'bat-trang',
      name: 'Bát Tràng',
      province: 'Hà Nội',
      craft: 'gốm sứ',
      story: { vi: 'Làng gốm bên sông Hồng.\n\nHơn 700 năm giữ lửa lò.', en: 'A pottery village on the Red River.' },
      networks: ['World Craft Cities: World Craft Village for Ceramics (2025)'],
      photos: ['/uploads/bat-trang-lo-gom.jpg'],
      latitude: 20.975,
      longitude: 105.912,
      featured: false,
      products: [],
      experiences: [],
      stories: [],
    });
    const missing = await shop().get('/api/villages/khong-co-lang-nay');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, message: 'No such village' });
  });

  it('shows village cards on /villages, featured first', async () => {
    const res = await shop().get('/villages?lang=en');
    expect(res.status).toBe(200);
    const slugs = [...res.text.matchAll(/data-testid="village-card" data-slug="([^"]+)"/g)].map((x) => x[1]);
    expect(slugs).toEqual(['dong-ho', 'van-phuc', 'an-hoi', 'bat-trang', 'chu-dau']);
    expect(res.text).toContain('A pottery village on the Red River.');
    expect(res.text).toContain('<img src="/uploads/bat-trang-lo-gom.jpg" alt="Bát Tràng"');
  });

  it('tells the story in the page language and falls back to Vietnamese', async () => {
    const en = await shop().get('/villages/bat-trang?lang=en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1>Bát Tràng</h1>');
    expect(en.text).toContain('<p>A pottery village on the Red River.</p>');
    expect(en.text).toContain('<li>World Craft Cities: World Craft Village for Ceramics (2025)</li>');
    expect(en.text).toContain('No products on sale yet.');
    const vi = await shop().get('/villages/bat-trang?lang=vi');
    expect(vi.text).toContain('<p>Làng gốm bên sông Hồng.</p>');
    expect(vi.text).toContain('<p>Hơn 700 năm giữ lửa lò.</p>');
    const de = await shop().get('/villages/bat-trang?lang=de');
    expect(de.text).toContain('<p>A pottery village on the Red River.</p>');
    expect(de.text).toContain('Noch nicht in Ihre Sprache übersetzt; angezeigt auf English.');
    const id = await shop().get('/villages/van-phuc?lang=id');
    expect(id.text).toContain('<p>Làng lụa Hà Đông.</p>');
    expect(id.text).toContain('ditampilkan dalam Tiếng Việt');
    const none = await shop().get('/villages/an-hoi?lang=en');
    expect(none.text).toContain('The village&#x27;s story is coming soon.');
    expect((await shop().get('/villages/khong-co?lang=en')).status).toBe(404);
  });

  it('shows the drawing of its craft for a village without photos on the home page, /villages, its page and its story cards', async () => {
    const silk = '<img src="/static/pictures/silk-bolt.svg" alt="Vạn Phúc — drawing of a bolt of golden silk"';
    const home = await shop().get('/?lang=en');
    const featured = home.text.slice(home.text.indexOf('data-testid="featured-villages"'));
    expect(featured.slice(0, featured.indexOf('</ol>'))).toContain(`<img class="photo" src="/static/pictures/silk-bolt.svg" alt="Vạn Phúc — drawing of a bolt of golden silk"`);
    expect(featured).toMatch(/<img class="photo" src="\/static\/pictures\/village\.svg" alt="Đông Hồ — drawing of village houses by the fields"[^>]*data-drawn="true"/);

    const list = await shop().get('/villages?lang=de');
    const card = (slug: string) => {
      const from = list.text.slice(list.text.indexOf(`data-testid="village-card" data-slug="${slug}"`));
      return from.slice(0, from.indexOf('</article>'));
    };
    expect(card('van-phuc')).toMatch(/<img src="\/static\/pictures\/silk-bolt\.svg" alt="Vạn Phúc — Zeichnung eines Ballens goldener Seide"[^>]*data-drawn="true"/);
    expect(card('an-hoi')).toContain('<img src="/static/pictures/village.svg" alt="An Hội — Zeichnung von Dorfhäusern an den Feldern"');
    expect(card('bat-trang')).toContain('<img src="/uploads/bat-trang-lo-gom.jpg" alt="Bát Tràng"');
    expect(card('bat-trang')).not.toContain('data-drawn');

    const auth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    await request(m.admin.getHttpServer())
      .post('/api/admin/stories')
      .set(auth)
      .send({ villageId: ids.vanPhuc, title: { vi: 'Khung cửi Vạn Phúc', en: 'The looms of Vạn Phúc' }, body: { vi: 'Tiếng khung cửi.' } })
      .expect(201);
    const page = await shop().get('/villages/van-phuc?lang=en');
    const photos = page.text.slice(page.text.indexOf('data-testid="photos"'));
    expect(photos.slice(0, photos.indexOf('</section>'))).toContain(`${silk} data-drawn="true"`);
    expect(photos).toContain('Drawing: no photo yet');
    const story = page.text.slice(page.text.indexOf('data-testid="story-card"'));
    expect(story.slice(0, story.indexOf('</li>'))).toContain('<img src="/static/pictures/silk-bolt.svg" alt="The looms of Vạn Phúc — drawing of a bolt of golden silk"');
    const drawing = await shop().get('/static/pictures/silk-bolt.svg');
    expect(drawing.status).toBe(200);
  });
});
