import request from 'supertest';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser, registerPerson, seedSeller } from '../../../test/support/order-fixtures';
import { englishOnly, shownText } from '../../../test/support/untranslated';

describe('storefront pages in German and Indonesian show no English label (embedded default)', () => {
  let m: TestMarketplace;
  let shopper: Browser;
  const pages: string[] = [];

  beforeAll(async () => {
    m = await startTestMarketplace();
    const auth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    const seller = await seedSeller(m, 'HTX Gốm Lan');
    await m.reindex();
    await request(m.admin.getHttpServer()).put(`/api/admin/villages/${seller.village.id}/featured`).set(auth).send({ featured: true, rank: 1 }).expect(200);
    const story = await request(m.admin.getHttpServer())
      .post('/api/admin/stories')
      .set(auth)
      .send({ villageId: seller.village.id, title: { vi: 'Chuyện làng' }, body: { vi: 'Làng gốm.' }, productIds: [seller.products[0].id] })
      .expect(201);
    await registerPerson(m, 'an@example.vn', 'An', 'Mua-Hang-2025!');
    shopper = new Browser(m.storefront);
    await shopper.login('an@example.vn', 'Mua-Hang-2025!');
    await shopper.post('/cart/items', { productId: seller.products[0].id, quantity: '1', back: '/cart' }, `/products/${seller.products[0].slug}`);
    const slug = seller.products[0].slug;
    pages.push(
      '/',
      '/products',
      '/products?q=zzzz',
      `/products/${slug}`,
      '/villages',
      `/villages/${seller.village.slug}`,
      `/stories/${story.body.slug}`,
      '/verify',
      `/verify/${seller.products[0].traceCode}`,
      '/cart',
      '/checkout',
      '/account',
      '/account/password',
    );
  });
  afterAll(() => m.close());

  for (const lang of ['de', 'id'] as const) {
    it(`finds no English label on the ${lang} pages`, async () => {
      const english = englishOnly(lang);
      const found: string[] = [];
      for (const path of pages) {
        const res = await shopper.get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(res.status).toBeLessThan(400);
        const text = shownText(res.text);
        for (const [words, key] of english) if (text.includes(words)) found.push(`${path}: "${words}" (${key})`);
      }
      const anon = await request(m.storefront.getHttpServer()).get(`/login?lang=${lang}`);
      const text = shownText(anon.text);
      for (const [words, key] of english) if (text.includes(words)) found.push(`/login: "${words}" (${key})`);
      expect(found).toEqual([]);
    });
  }
});
