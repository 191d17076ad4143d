import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Story } from '@ocop/villages';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, type TestMarketplace } from '../support/marketplace';
import { makeOwner, registerPerson, seedSeller } from '../support/order-fixtures';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PASSWORD = 'Gom-Bat-Trang-2026';

(chromiumPath ? describe : describe.skip)(`a vendor writes a story with photos on a 390 px phone in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';
  let productTitle = '';

  beforeAll(async () => {
    m = await startTestMarketplace();
    const seller = await seedSeller(m, 'HTX Gốm sứ Bát Tràng');
    productTitle = seller.products[0].title.vi!;
    const lan = await registerPerson(m, 'lan@htx.example.vn', 'Lan', PASSWORD);
    await makeOwner(m, lan, seller.vendor.id);
    await m.vendor.listen({ port: 0, host: '127.0.0.1' });
    base = await m.vendor.getUrl();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await m?.close();
  });

  /** How far the page is wider than the screen (0 when nothing scrolls sideways). */
  const overflow = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));

  it('sends a story with two photos chosen at once from the menu, and sees it waiting for approval', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=%2F&lang=de`);
    await page.fill('#email', 'lan@htx.example.vn');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/`);
    await page.click('nav a[href="/stories"]');
    await page.click('[data-testid=new-story]');
    await page.waitForURL(`${base}/stories/new`);
    expect(await overflow(page)).toBe(0);

    // The browser checks the required Vietnamese title before anything is sent.
    await page.click('[data-testid=send-story]');
    expect(await page.locator('#title_vi:invalid').count()).toBe(1);

    await page.fill('#title_vi', 'Lò gốm nhà Lan');
    await page.fill('#body_vi', 'Bà Lan nặn **gốm** từ năm 1980.');
    await page.fill('#title_de', 'Lans Töpferofen');
    await page.check(`label:has-text("${productTitle}") input[type=checkbox]`);
    await page.setInputFiles('#photos', [
      { name: 'lo-gom.png', mimeType: 'image/png', buffer: PNG },
      { name: 'ba-lan.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.click('[data-testid=send-story]');
    await page.waitForURL(`${base}/stories?done=submitted`);
    expect(await page.locator('[data-testid=notice]').textContent()).toBe('Geschichte eingereicht. Die Verwaltung liest sie, bevor sie veröffentlicht wird.');
    expect(await page.locator('[data-testid=story-state]').first().textContent()).toBe('wartet auf Freigabe');
    expect(
      await page
        .locator('[data-testid=story-row] img')
        .first()
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);
    expect(await overflow(page)).toBe(0);

    const [row] = await m.infra.dataSource.getRepository(Story).find();
    expect(row).toMatchObject({ status: 'pending', title: { vi: 'Lò gốm nhà Lan', de: 'Lans Töpferofen' } });
    expect(row.photos).toHaveLength(2);
  });
});
