import request from 'supertest';
import { DEMO_LOGINS, seedDemoData } from '../src/demo-data';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

type Item = { id: string; slug: string; title: { vi: string }; images: string[] };

describe('storefront pages over the demo data: pictures, gallery and error pages (embedded default)', () => {
  let m: TestMarketplace;
  const shop = () => request(m.storefront.getHttpServer());
  let vendorAuth: { authorization: string };
  let items: Item[];
  const item = (vi: string) => items.find((p) => p.title.vi === vi)!;

  beforeAll(async () => {
    m = await startTestMarketplace();
    await seedDemoData(m.admin, m.infra.clock);
    await m.reindex();
    vendorAuth = { authorization: `Bearer ${await m.token(m.vendor, DEMO_LOGINS.vendor.email, DEMO_LOGINS.vendor.password)}` };
    items = (await request(m.vendor.getHttpServer()).get('/api/vendor/products?limit=100').set(vendorAuth).expect(200)).body.items;
  }, 120_000);
  afterAll(() => m.close());

  it("shows the drawing of the product's group, described in the visitor's language, on the product page and its card when the product has no photo", async () => {
    const teaSet = item('Bộ ấm chén men rạn');
    await request(m.vendor.getHttpServer()).patch(`/api/vendor/products/${teaSet.id}`).set(vendorAuth).send({ images: [] }).expect(200);
    await m.reindex();

    const page = await shop().get(`/products/${teaSet.slug}?lang=de`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img src="\/static\/pictures\/vase-blue\.svg" alt="Teeservice mit Craquelé-Glasur — Zeichnung einer blau-weiß glasierten Vase"[^>]*data-drawn="true"/);
    expect(page.text).toContain('Zeichnung: noch kein Foto');

    const list = await shop().get('/products?lang=id&village=bat-trang');
    const card = list.text.slice(list.text.indexOf(`data-product="${teaSet.slug}"`));
    expect(card.slice(0, card.indexOf('</li>'))).toMatch(/<img class="photo" src="\/static\/pictures\/vase-blue\.svg" alt="Set teh glasir retak — gambar vas berglasir biru putih"/);
    expect(list.text).not.toContain('<span class="photo"');

    const drawing = await shop().get('/static/pictures/vase-blue.svg');
    expect(drawing.status).toBe(200);
    expect(drawing.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('shows a gallery of every picture with thumbnails that link to each picture, without JavaScript', async () => {
    const vase = item('Bình gốm men lam Bát Tràng');
    expect(vase.images.length).toBeGreaterThanOrEqual(3);
    const page = await shop().get(`/products/${vase.slug}?lang=en`);
    expect(page.text).toContain('data-testid="gallery"');
    for (let n = 1; n <= vase.images.length; n++) {
      expect(page.text).toContain(`id="picture-${n}"`);
      expect(page.text).toContain(`<a href="#picture-${n}"`);
    }
    expect(page.text).toContain(`src="${vase.images[1]}"`);
    expect(page.text).not.toContain('<script');
  });

  it('answers an unknown page with a friendly 404 page in German for a German visitor, on every app', async () => {
    for (const app of [m.storefront, m.vendor, m.admin]) {
      const res = await request(app.getHttpServer()).get('/nirgendwo/seite').set('accept-language', 'de-DE,de;q=0.9');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<html lang="de">');
      expect(res.text).toContain('Diese Seite gibt es nicht');
      expect(res.text).not.toContain('Cannot GET');
    }
    const product = await shop().get('/products/gibt-es-nicht').set('accept-language', 'de');
    expect(product.status).toBe(404);
    expect(product.text).toContain('Diese Seite gibt es nicht');
    expect((await shop().get('/static/pictures/none.svg').set('accept-language', 'de')).text).toContain('Diese Seite gibt es nicht');
  });

  it('keeps the JSON error shape on API routes', async () => {
    const unknown = await shop().get('/api/nothing-here').set('accept-language', 'de');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
    expect(unknown.body).toEqual({ statusCode: 404, message: expect.any(String) });
    const product = await shop().get('/api/products/gibt-es-nicht');
    expect(product.status).toBe(404);
    expect(product.body.statusCode).toBe(404);
  });

  it('explains a bad address (400) and a product taken down (410) in the page language, with a picture', async () => {
    const bad = await shop().get('/products?minStars=9&lang=vi');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Yêu cầu có điều chưa đúng');
    const oyster = (await m.infra.dataSource.query(`SELECT slug FROM products WHERE title LIKE '%Ruốc hàu%'`)) as { slug: string }[];
    const gone = await shop().get(`/products/${oyster[0].slug}?lang=en`);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('data-testid="gone"');
    expect(gone.text).toContain('src="/static/pictures/seafood-jar.svg"');
  });
});
