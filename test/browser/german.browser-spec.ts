import request from 'supertest';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../support/marketplace';
import { seedSeller } from '../support/order-fixtures';

(chromiumPath ? describe : describe.skip)(`a shopper switches the storefront to German in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';
  let seller: Awaited<ReturnType<typeof seedSeller>>;

  beforeAll(async () => {
    m = await startTestMarketplace();
    const auth = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    seller = await seedSeller(m, 'HTX Gốm Lan');
    await m.reindex();
    const admin = () => request(m.admin.getHttpServer());
    await admin()
      .patch(`/api/admin/villages/${seller.village.id}`)
      .set(auth)
      .send({ story: { vi: 'Làng gốm bên sông Hồng.', de: 'Ein **Töpferdorf** am Roten Fluss.' } })
      .expect(200);
    await admin().put(`/api/admin/villages/${seller.village.id}/featured`).set(auth).send({ featured: true, rank: 1 }).expect(200);
    await admin().put('/api/admin/currency-rates/EUR').set(auth).send({ vndPerUnit: 25000 }).expect(200);
    await m.storefront.listen({ port: 0, host: '127.0.0.1' });
    base = await m.storefront.getUrl();
    browser = await launchChromium();
  }, 60000);

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled: false });
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  it('shows German words and EUR approximations on the home, village and product pages, and keeps German while browsing', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('[data-testid=approx]').count()).toBe(0);

    await page.click('.langs a[hreflang=de]');
    await page.waitForURL(/lang=de/);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect(page.locator('h2', { hasText: 'Empfohlene Dörfer heute' }).count()).resolves.toBe(1);
    expect(await page.locator('[data-testid=featured-villages] [data-testid=teaser]').first().textContent()).toBe('Ein Töpferdorf am Roten Fluss.');
    const approx = await page.locator('[data-testid=featured-products] [data-testid=approx]').first().textContent();
    expect(approx).toMatch(/^≈ 14,00\s€ · Abrechnung in VND$/u);

    await page.click(`[data-testid=featured-villages] a[href="/villages/${seller.village.slug}"] >> nth=0`);
    await page.waitForURL(new RegExp(`/villages/${seller.village.slug}$`));
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.locator('h2', { hasText: 'Geschichte' }).count()).toBe(1);
    expect(await page.locator('[data-testid=story] strong').textContent()).toBe('Töpferdorf');
    expect(await page.locator('[data-testid=products] [data-testid=approx]').first().textContent()).toMatch(/€ · Abrechnung in VND/);

    await page.click(`[data-testid=products] a[href="/products/${seller.products[0].slug}"]`);
    await page.waitForURL(/\/products\//);
    expect(await page.locator('button', { hasText: 'In den Warenkorb' }).count()).toBe(1);
    expect(await page.locator('[data-testid=approx]').first().textContent()).toMatch(/^≈ 14,00\s€ · Abrechnung in VND$/u);
    expect(await page.locator('[data-testid=made-in] strong').textContent()).toBe('Hergestellt in Bát Tràng');
  });
});
