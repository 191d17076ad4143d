import request from 'supertest';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { makeOwner, registerPerson, seedSeller } from '../../../test/support/order-fixtures';

const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const cookiesOf = (res: request.Response): string => ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('; ');

describe('storefront: languages, approximate prices, villages, featured curation and stories (embedded default)', () => {
  let m: TestMarketplace;
  const clock = new FakeClock(new Date('2026-03-10T08:00:00Z'));
  const shop = () => request(m.storefront.getHttpServer());
  const adminApi = () => request(m.admin.getHttpServer());
  let auth: { authorization: string };
  let seller: Awaited<ReturnType<typeof seedSeller>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    m = await startTestMarketplace({ clock });
    auth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    seller = await seedSeller(m, 'HTX Gốm Lan');
    await m.reindex();
    ids.home = seller.village.id;
    const create = async (body: object) => (await adminApi().post('/api/admin/villages').set(auth).send(body).expect(201)).body;
    ids.dongHo = (await create({ name: 'Đông Hồ', province: 'Bắc Ninh', craft: 'tranh dân gian', story: { vi: 'Tranh **Đông Hồ** in trên giấy dó.' } })).id;
    ids.chuDau = (await create({ name: 'Chu Đậu', province: 'Hải Dương', craft: 'gốm' })).id;
    await adminApi()
      .patch(`/api/admin/villages/${ids.home}`)
      .set(auth)
      .send({
        story: {
          vi: 'Làng **gốm** bên sông Hồng.',
          en: 'A **pottery** village <script>alert(1)</script> [see](javascript:alert(2)) <img src=x onerror="alert(3)"> [map](https://example.org/lo)',
        },
        latitude: 20.975,
        longitude: 105.912,
        networks: ['World Craft Cities: World Craft Village for Ceramics (2025)'],
      })
      .expect(200);
    const feature = (id: string, body: object) => adminApi().put(`/api/admin/villages/${id}/featured`).set(auth).send(body).expect(200);
    await feature(ids.home, { featured: true, rank: 2 });
    await feature(ids.dongHo, { featured: true, rank: 1, from: '2026-03-09T00:00:00Z', until: '2026-03-12T00:00:00Z' });
    await feature(ids.chuDau, { featured: true, rank: 1, from: '2026-04-01T00:00:00Z' });
  });
  afterAll(() => m.close());

  it('keeps the page, its query and filters when switching language', async () => {
    const res = await shop().get('/products?q=g%E1%BB%91m&minStars=4&lang=en');
    expect(res.status).toBe(200);
    const html = decode(res.text);
    expect(html).toContain('href="/products?q=g%E1%BB%91m&minStars=4&lang=de"');
    expect(html).toContain('href="/products?q=g%E1%BB%91m&minStars=4&lang=id"');
  });

  it('chooses the first language from Accept-Language (Vietnamese only when asked), remembers it, and lets the cookie win', async () => {
    const de = await shop().get('/').set('accept-language', 'de-DE,de;q=0.9,en;q=0.8');
    expect(de.text).toContain('<html lang="de">');
    expect(cookiesOf(de)).toContain('ocop_lang=de');
    const fr = await shop().get('/').set('accept-language', 'fr-FR,fr;q=0.9');
    expect(fr.text).toContain('<html lang="en">');
    const viLater = await shop().get('/').set('accept-language', 'fr;q=0.9, vi;q=0.5');
    expect(viLater.text).toContain('<html lang="vi">');
    const byQuality = await shop().get('/').set('accept-language', 'en;q=0.4, id;q=0.8');
    expect(byQuality.text).toContain('<html lang="id">');
    const remembered = await shop().get('/').set('accept-language', 'de').set('cookie', 'ocop_lang=id');
    expect(remembered.text).toContain('<html lang="id">');
    expect(cookiesOf(remembered)).not.toContain('ocop_lang=');
  });

  it('shows approximate EUR for German, USD for English and Indonesian, none for Vietnamese, at the admin rate, saying it is charged in VND', async () => {
    await adminApi().put('/api/admin/currency-rates/EUR').set(auth).send({ vndPerUnit: 25000 }).expect(200);
    await adminApi().put('/api/admin/currency-rates/USD').set(auth).send({ vndPerUnit: 25000 }).expect(200);
    const slug = seller.products[0].slug;
    const de = await shop().get(`/products/${slug}?lang=de`);
    expect(de.text).toMatch(/≈ 14,00\s€ · Abrechnung in VND/u);
    const en = await shop().get(`/products/${slug}?lang=en`);
    expect(en.text).toContain('≈ US$14.00 · charged in VND');
    const id = await shop().get(`/products/${slug}?lang=id`);
    expect(id.text).toMatch(/ditagih dalam VND/);
    const vi = await shop().get(`/products/${slug}?lang=vi`);
    expect(vi.text).not.toContain('data-testid="approx"');

    const chosen = await shop().get(`/products/${slug}?lang=vi&currency=EUR`);
    expect(chosen.text).toMatch(/≈ 14,00\s€ · thanh toán bằng VND/u);
    expect(cookiesOf(chosen)).toContain('ocop_currency=EUR');
    const none = await shop().get(`/products/${slug}?lang=en`).set('cookie', 'ocop_currency=VND');
    expect(none.text).not.toContain('data-testid="approx"');
    const list = await shop().get('/products?lang=en');
    expect(list.text).toContain('≈ US$14.00 · charged in VND');
  });

  it('filters villages by province and craft', async () => {
    const api = await shop().get('/api/villages').query({ province: 'Bắc Ninh' });
    expect(api.body.items.map((v: { name: string }) => v.name)).toEqual(['Đông Hồ']);
    const byCraft = await shop().get('/api/villages').query({ craft: 'gốm' });
    expect(byCraft.body.items.map((v: { name: string }) => v.name)).toEqual(['Chu Đậu']);
    const page = await shop().get('/villages').query({ province: 'Hà Nội', lang: 'en' });
    const slugs = [...page.text.matchAll(/data-testid="village-card" data-slug="([^"]+)"/g)].map((x) => x[1]);
    expect(slugs).toEqual([seller.village.slug]);
    expect(page.text).toContain('<option value="Bắc Ninh" >Bắc Ninh</option>');
    const none = await shop().get('/villages').query({ province: 'Huế', lang: 'en' });
    expect(none.text).toContain('No village matches these filters.');
  });

  it('renders the story from Markdown without scripts, handlers or javascript: links, with a map link and networks', async () => {
    const res = await shop().get(`/villages/${seller.village.slug}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<strong>pottery</strong>');
    expect(res.text).toContain('<a href="https://example.org/lo" rel="nofollow noopener">map</a>');
    expect(res.text).not.toMatch(/<script>alert|onerror|javascript:/i);
    expect(decode(res.text)).toContain('href="https://www.openstreetmap.org/?mlat=20.975&mlon=105.912#map=15/20.975/105.912"');
    expect(res.text).toContain('World Craft Cities: World Craft Village for Ceramics (2025)');
    expect(res.text).toContain(`/products/${seller.products[0].slug}`);
    expect(res.text).not.toMatch(/<script\b[^>]*src=/i);
  });

  it('shows the villages featured today on the home page in rank order within their windows, with teasers and their products', async () => {
    const order = (html: string) => [...html.matchAll(/<li class="card" data-slug="([^"]+)"/g)].map((x) => x[1]);
    const today = await shop().get('/?lang=vi');
    expect(order(today.text)).toEqual(['dong-ho', seller.village.slug]);
    expect(today.text).toContain('Tranh Đông Hồ in trên giấy dó.');
    expect(today.text).toMatch(/data-testid="featured-products"[\s\S]*Bình gốm 0/);
    clock.set('2026-04-02T00:00:00Z');
    expect(order((await shop().get('/?lang=vi')).text)).toEqual(['chu-dau', seller.village.slug]);
    clock.set('2026-03-10T08:00:00Z');
  });

  it('publishes admin stories on the village page and links them from the product page as "made in"', async () => {
    const product = seller.products[0];
    const story = await adminApi()
      .post('/api/admin/stories')
      .set(auth)
      .send({ villageId: ids.home, kind: 'artisan', title: { vi: 'Nghệ nhân Lan', en: 'Lan, potter' }, body: { vi: 'Bà Lan nặn **gốm** từ năm 1980.' }, productIds: [product.id] });
    expect(story.status).toBe(201);
    expect(story.body.status).toBe('published');
    const village = await shop().get(`/villages/${seller.village.slug}?lang=en`);
    expect(village.text).toContain(`<a href="/stories/${story.body.slug}">Lan, potter</a>`);
    const page = await shop().get(`/stories/${story.body.slug}?lang=de`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<strong>gốm</strong>');
    expect(page.text).toContain('angezeigt auf Tiếng Việt');
    // Product pages share their village's stories for a second: the new one shows within it.
    const published = Date.now();
    let detail = await shop().get(`/products/${product.slug}?lang=en`);
    while (!detail.text.includes(`href="/stories/${story.body.slug}"`) && Date.now() - published < 1500) {
      await new Promise((r) => setTimeout(r, 100));
      detail = await shop().get(`/products/${product.slug}?lang=en`);
    }
    expect(detail.text).toMatch(/data-testid="made-in"><strong>Made in Bát Tràng<\/strong>/);
    expect(detail.text).toContain(`href="/stories/${story.body.slug}"`);
    expect(detail.text).toContain('Bà Lan nặn gốm từ năm 1980.');
    expect((await shop().get(`/api/villages/${seller.village.slug}`)).body.stories.map((s: { slug: string }) => s.slug)).toEqual([story.body.slug]);
  });

  it("holds a vendor's story until an admin approves it; a rejection needs a note; a reviewed story cannot be reviewed again", async () => {
    const owner = await registerPerson(m, 'lan@gom.vn', 'Lan', 'Gom-Bat-Trang-2025');
    await makeOwner(m, owner, seller.vendor.id);
    const vendorAuth = { authorization: `Bearer ${await m.token(m.vendor, 'lan@gom.vn', 'Gom-Bat-Trang-2025')}` };
    const vendorApi = () => request(m.vendor.getHttpServer());
    const submitted = await vendorApi()
      .post('/api/vendor/stories')
      .set(vendorAuth)
      .send({ villageId: ids.home, title: { vi: 'Lò gốm nhà Lan' }, body: { vi: 'Chuyện lò gốm.' } });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('pending');
    expect((await shop().get(`/stories/${submitted.body.slug}`)).status).toBe(404);
    const pending = await adminApi().get('/api/admin/stories?status=pending').set(auth);
    expect(pending.body.items.map((s: { id: string }) => s.id)).toEqual([submitted.body.id]);

    const noNote = await adminApi().post(`/api/admin/stories/${submitted.body.id}/reject`).set(auth).send({});
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].field).toBe('note');
    const approved = await adminApi().post(`/api/admin/stories/${submitted.body.id}/approve`).set(auth).send({ note: 'Đẹp' });
    expect(approved.status).toBe(201);
    expect(approved.body.status).toBe('published');
    expect((await adminApi().post(`/api/admin/stories/${submitted.body.id}/reject`).set(auth).send({ note: 'late' })).status).toBe(409);
    expect((await shop().get(`/stories/${submitted.body.slug}`)).status).toBe(200);
    const mine = await vendorApi().get('/api/vendor/stories').set(vendorAuth);
    expect(mine.body.items.map((s: { status: string }) => s.status)).toEqual(['published']);

    const rejected = await vendorApi()
      .post('/api/vendor/stories')
      .set(vendorAuth)
      .send({ villageId: ids.home, title: { vi: 'Bài thử' }, body: { vi: 'x' } });
    const r = await adminApi().post(`/api/admin/stories/${rejected.body.id}/reject`).set(auth).send({ note: 'Cần thêm ảnh' });
    expect(r.body).toMatchObject({ status: 'rejected', reviewNote: 'Cần thêm ảnh' });
  });
});
