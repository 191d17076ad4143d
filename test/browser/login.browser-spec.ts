import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../support/marketplace';

(chromiumPath ? describe : describe.skip)(`logging in through the pages in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let page: Page;
  const urls: Record<'storefront' | 'vendor' | 'admin', string> = { storefront: '', vendor: '', admin: '' };

  beforeAll(async () => {
    m = await startTestMarketplace();
    for (const name of ['storefront', 'vendor', 'admin'] as const) {
      await m[name].listen({ port: 0, host: '127.0.0.1' });
      urls[name] = await m[name].getUrl();
    }
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'hoa@example.vn', password: 'Lụa-Vạn-Phúc-2025', name: 'Trần Thị Hoa' }).expect(201);
    browser = await launchChromium();
  }, 60000);

  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  it('lets the admin log in on the admin login page and reach the outbox', async () => {
    await page.goto(`${urls.admin}/outbox?lang=en`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${urls.admin}/outbox?lang=en`, { timeout: 10000 });
    expect(await page.textContent('h1')).toBe('Outbox');
    expect(await page.textContent('[data-testid=current-user]')).toBe(TEST_ADMIN.email);
    expect(await page.locator('[data-testid=outbox] td', { hasText: 'hoa@example.vn' }).count()).toBe(1);
  });

  it('shows a clear message for a wrong password and keeps the e-mail typed', async () => {
    await page.goto(`${urls.storefront}/login?lang=en`);
    await page.fill('#email', 'hoa@example.vn');
    await page.fill('#password', 'not-the-password-1');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('Wrong e-mail or password.');
    expect(await page.inputValue('#email')).toBe('hoa@example.vn');
  });

  it('logs a shopper in and out on the storefront and switches language', async () => {
    await page.goto(`${urls.storefront}/login`);
    expect(await page.textContent('h1')).toBe('Đăng nhập');
    await page.click('a[hreflang=de]');
    expect(await page.textContent('h1')).toBe('Anmelden');
    await page.fill('#email', 'hoa@example.vn');
    await page.fill('#password', 'Lụa-Vạn-Phúc-2025');
    await page.click('button[type=submit]');
    await page.waitForURL(`${urls.storefront}/`, { timeout: 10000 });
    expect(await page.textContent('[data-testid=welcome]')).toBe('Hallo, Trần Thị Hoa');
    await page.click('text=Abmelden');
    await page.waitForURL(`${urls.storefront}/`, { timeout: 10000 });
    expect(await page.locator('[data-testid=current-user]').count()).toBe(0);
  });

  it('turns a shopper away from the admin login page', async () => {
    await page.goto(`${urls.admin}/login?lang=en`);
    await page.fill('#email', 'hoa@example.vn');
    await page.fill('#password', 'Lụa-Vạn-Phúc-2025');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('This account may not enter this area.');
  });
});
