import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MailMessage } from '@ocop/notifications';
import { seedVendorWithCertificate } from '@ocop/testing';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, type TestMarketplace } from '../support/marketplace';

const PASSWORD = 'Nón-Lá-Chuông-2026';

(chromiumPath ? describe : describe.skip)(`a shopper's first order in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';
  const slugs: string[] = [];

  beforeAll(async () => {
    m = await startTestMarketplace();
    const em = m.infra.dataSource.manager;
    for (const vendorName of ['HTX Gốm Bát Tràng', 'HTX Lụa Vạn Phúc']) {
      const seeded = await seedVendorWithCertificate(em, { vendorName, products: 1 });
      slugs.push(seeded.products[0].slug);
    }
    await m.storefront.listen({ port: 0, host: '127.0.0.1' });
    base = await m.storefront.getUrl();
    browser = await launchChromium();
  }, 60000);

  afterEach(() => context?.close());

  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  const noSideScroll = async (page: Page, width: number) => {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  };

  async function addToCart(page: Page, slug: string, quantity: number): Promise<void> {
    await page.goto(`${base}/products/${slug}`);
    await page.fill('#quantity', String(quantity));
    await page.click('[data-testid=add-to-cart] button[type=submit]');
    await page.waitForURL(/\/cart\?done=added$/, { timeout: 10000 });
  }

  async function confirmationMailTo(email: string): Promise<MailMessage | null> {
    const repo = m.infra.dataSource.getRepository(MailMessage);
    for (let i = 0; i < 50; i++) {
      const mail = await repo.findOne({ where: { to: email, template: 'order-confirmation' } });
      if (mail) return mail;
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  }

  for (const width of [1280, 390]) {
    it(`signs up, buys from two cooperatives with the sandbox, pays again after a declined attempt and finds the confirmed order, at ${width} px`, async () => {
      context = await browser.newContext({ locale: 'vi-VN', viewport: { width, height: 900 } });
      const page = await context.newPage();
      const email = `lan.${width}@example.vn`;

      // A guest fills the cart, then signs up from the header; the cart comes along.
      await addToCart(page, slugs[0], 2);
      await page.click('[data-testid=register-link]');
      await page.fill('#name', 'Nguyễn Thị Lan');
      await page.fill('#email', email);
      await page.fill('#password', PASSWORD);
      await page.click('[data-testid=register-form] button[type=submit]');
      await page.waitForURL((url) => !url.pathname.startsWith('/register'), { timeout: 10000 });
      expect(await page.textContent('[data-testid=current-user]')).toBe(email);

      await addToCart(page, slugs[1], 1);
      expect(await page.locator('[data-testid=cart-line]').count()).toBe(2);
      expect(await page.textContent('[data-testid=cart-count]')).toBe('(3)');
      await noSideScroll(page, width);

      await page.click('[data-testid=checkout]');
      await page.waitForURL(`${base}/checkout`);
      expect(await page.locator('[data-testid=parcel]').count()).toBe(2);
      await page.fill('#name', 'Nguyễn Thị Lan');
      await page.fill('#line1', '12 Phố Huế, phường Hàng Bài');
      await page.fill('#city', 'Hà Nội');
      await page.selectOption('#country', 'VN');
      await page.fill('#phone', '0912 345 678');
      await page.check('[data-testid=method-sandbox]');
      await noSideScroll(page, width);
      await page.click('[data-testid=place-order]');

      // The sandbox's pay page: a declined attempt leads to the order, which stays open to pay again.
      await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 10000 });
      const payUrl = page.url();
      const reference = ((await page.textContent('[data-testid=pay-reference]')) ?? '').trim();
      expect(reference).toMatch(/^OCOP[A-Z0-9]{8}$/);
      const [{ id: orderId }] = await m.infra.dataSource.query('SELECT id FROM orders WHERE reference = ?', [reference]);
      await page.click('[data-testid=pay-decline]');
      await page.waitForURL(`${base}/orders/${orderId}`, { timeout: 10000 });
      expect(await page.textContent('[data-testid=payment-declined]')).toContain('Thanh toán của bạn đã bị từ chối');
      expect(await page.locator('[data-testid=confirmation]').count()).toBe(0);
      await noSideScroll(page, width);

      // Trying again from the order page, paying leads back to the order, now confirmed.
      await page.click('[data-testid=pay-now]');
      await page.waitForURL(payUrl, { timeout: 10000 });
      await page.click('[data-testid=pay-pay]');
      await page.waitForURL(`${base}/orders/${orderId}`, { timeout: 10000 });
      await page.waitForSelector('[data-testid=confirmation]');
      expect(await page.locator('[data-testid=payment-declined]').count()).toBe(0);
      expect(await page.textContent('[data-testid=confirmation]')).toBe('Cảm ơn bạn — đơn hàng đã được xác nhận');
      expect(await page.textContent('main')).toContain(reference);
      expect(await page.locator('[data-testid=parcel]').count()).toBe(2);
      await noSideScroll(page, width);

      await page.goto(`${base}/account`);
      const row = page.locator('[data-testid=order-row]', { hasText: reference });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain('Đã thanh toán');
      await row.locator('a').click();
      await page.waitForSelector('[data-testid=confirmation]');

      const mail = await confirmationMailTo(email);
      expect(mail).not.toBeNull();
      expect(mail!.html).toContain(reference);
    }, 60000);
  }
});
