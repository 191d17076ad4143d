import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoData } from '../../apps/worker/src/demo-data';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, type TestMarketplace } from '../support/marketplace';

const PHONE = { width: 390, height: 844 };

(chromiumPath ? describe : describe.skip)(`the storefront on a 390 px phone in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';

  beforeAll(async () => {
    m = await startTestMarketplace();
    await seedDemoData(m.admin, m.infra.clock);
    await m.reindex();
    await m.storefront.listen({ port: 0, host: '127.0.0.1' });
    base = await m.storefront.getUrl();
    browser = await launchChromium();
  }, 120_000);

  beforeEach(async () => {
    context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', javaScriptEnabled: false, isMobile: true, hasTouch: true });
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  /** How far the page is wider than the screen (0 when nothing scrolls sideways). */
  const overflow = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));

  it('shows the first product card in the first screen of /products, the filters waiting behind their button', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/products`);
    const card = page.locator('[data-testid=product-cards] li').first();
    const box = await card.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeLessThan(PHONE.height - 120);
    expect(await page.locator('[data-facet=village]').isVisible()).toBe(false);
    await page.click('[data-testid=filters] > summary');
    expect(await page.locator('[data-facet=village]').isVisible()).toBe(true);
    expect(await card.locator('img.photo').getAttribute('src')).toMatch(/^\/static\/pictures\/.+\.svg$/);
  });

  it('lets no storefront page scroll sideways: home, products, product, villages, village, cart', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/products`);
    const product = await page.locator('[data-testid=product-cards] a').first().getAttribute('href');
    const paths = ['/', '/products', '/products?q=gom', product!, '/villages', '/villages/bat-trang', '/villages/van-don', '/cart', '/nothing-here'];
    for (const lang of ['vi', 'de']) {
      for (const path of paths) {
        await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect([path, lang, await overflow(page)]).toEqual([path, lang, 0]);
      }
    }
  });
});
