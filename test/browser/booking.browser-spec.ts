import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BOOKING_CONFIRMATION_TEMPLATE } from '@ocop/experiences';
import { MailMessage, Mailer } from '@ocop/notifications';
import { seedDemoData } from '../../apps/worker/src/demo-data';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, type TestMarketplace } from '../support/marketplace';

const PASSWORD = 'Gốm-Bát-Tràng-2026';

(chromiumPath ? describe : describe.skip)(`a tourist books a pottery class in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';
  let villageSlug = '';

  beforeAll(async () => {
    m = await startTestMarketplace();
    await seedDemoData(m.admin, m.infra.clock);
    [{ slug: villageSlug }] = await m.infra.dataSource.query("SELECT slug FROM villages WHERE name = 'Bát Tràng'");
    await m.storefront.listen({ port: 0, host: '127.0.0.1' });
    base = await m.storefront.getUrl();
    browser = await launchChromium();
  }, 90000);

  afterEach(() => context?.close());

  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  const noSideScroll = async (page: Page, width: number) => {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  };

  async function confirmationMailTo(email: string): Promise<MailMessage | null> {
    const repo = m.infra.dataSource.getRepository(MailMessage);
    for (let i = 0; i < 50; i++) {
      const mail = await repo.findOne({ where: { to: email, template: BOOKING_CONFIRMATION_TEMPLATE } });
      if (mail) return mail;
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  }

  for (const width of [390, 1280]) {
    it(`finds the class on the village page, books two places, pays in the sandbox and gets the confirmation and a calendar file, at ${width} px`, async () => {
      context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
      const page = await context.newPage();
      const email = `emma.${width}@example.co.uk`;

      // Signs up first, then finds the class from its village.
      await page.goto(`${base}/register?lang=en`);
      await page.fill('#name', 'Emma Clarke');
      await page.fill('#email', email);
      await page.fill('#password', PASSWORD);
      await page.click('[data-testid=register-form] button[type=submit]');
      await page.waitForURL((url) => !url.pathname.startsWith('/register'), { timeout: 10000 });

      await page.goto(`${base}/villages/${villageSlug}?lang=en`);
      await page.click('[data-testid=experiences] a:has-text("Pottery class")');
      await page.waitForURL(/\/experiences\/[0-9a-f-]{36}$/, { timeout: 10000 });
      expect(await page.textContent('[data-testid=experience-title]')).toBe('Pottery class on the wheel in Bát Tràng');
      expect(await page.textContent('[data-testid=price]')).toBe('₫250,000 per person');
      expect(await page.textContent('[data-testid=cancellation]')).toContain('Free cancellation up to 48 hours before the start');
      expect(await page.locator('[data-testid=slot]').count()).toBeGreaterThan(3);
      await noSideScroll(page, width);

      await page.locator('[data-testid=slot-choice]').first().check();
      await page.fill('#people', '2');
      await page.check('[data-testid=method-sandbox]');
      await page.click('[data-testid=book]');

      await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 10000 });
      const reference = ((await page.textContent('[data-testid=pay-reference]')) ?? '').trim();
      expect(reference).toMatch(/^BK[A-Z0-9]{8}$/);
      expect(await page.textContent('[data-testid=pay-amount]')).toBe('₫500,000');
      await noSideScroll(page, width);
      await page.click('[data-testid=pay-pay]');

      await page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/, { timeout: 10000 });
      expect(await page.textContent('[data-testid=confirmation]')).toBe('Your booking is confirmed');
      expect(await page.textContent('main')).toContain(reference);
      expect(await page.textContent('[data-testid=booking-people]')).toBe('2 people');
      expect(await page.textContent('[data-testid=booking-meeting-point]')).toContain('Chợ gốm Bát Tràng');
      expect(await page.textContent('[data-testid=booking-when]')).toContain('(UTC+7)');
      expect(await page.locator('[data-testid=village-products] li').count()).toBeGreaterThan(0);
      await noSideScroll(page, width);

      await page.goto(`${base}/account`);
      expect(await page.locator('[data-testid=booking-row]', { hasText: reference }).count()).toBe(1);

      const mail = await confirmationMailTo(email);
      expect(mail).not.toBeNull();
      expect(mail!.subject).toContain(reference);
      expect(mail!.html).toContain('Pottery class on the wheel in Bát Tràng');
      const [ics] = await m.storefront.get(Mailer, { strict: false }).attachmentsOf(mail!);
      expect(ics.filename).toMatch(/\.ics$/);
      expect(ics.contentType).toContain('text/calendar');
      expect(ics.content).toContain('BEGIN:VCALENDAR');
      expect(ics.content).toContain('Pottery class on the wheel in Bát Tràng');
    }, 90000);
  }

  it('puts a Bát Tràng product and the pottery class in the cart and pays both in one sandbox checkout, at 390 px', async () => {
    const width = 390;
    context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
    const page = await context.newPage();
    const email = 'oliver.cart@example.co.uk';
    const [{ slug }] = await m.infra.dataSource.query(
      "SELECT p.slug FROM products p JOIN villages v ON v.id = p.villageId WHERE v.name = 'Bát Tràng' AND p.state = 'listed' AND p.stock > 5 ORDER BY p.slug LIMIT 1",
    );

    await page.goto(`${base}/register?lang=en`);
    await page.fill('#name', 'Oliver Grant');
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('[data-testid=register-form] button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/register'), { timeout: 10000 });

    await page.goto(`${base}/products/${slug}`);
    await page.fill('#quantity', '1');
    await page.click('[data-testid=add-to-cart] button[type=submit]');
    await page.waitForURL(/\/cart\?done=added$/, { timeout: 10000 });

    await page.goto(`${base}/villages/${villageSlug}`);
    await page.click('[data-testid=experiences] a:has-text("Pottery class")');
    await page.waitForURL(/\/experiences\/[0-9a-f-]{36}$/, { timeout: 10000 });
    await page.locator('[data-testid=slot-choice]').first().check();
    await page.fill('#people', '2');
    await page.click('[data-testid=add-booking-to-cart]');
    await page.waitForURL(/\/cart\?done=bookingAdded$/, { timeout: 10000 });
    expect(await page.locator('[data-testid=cart-line]').count()).toBe(1);
    expect(await page.locator('[data-testid=cart-booking]').count()).toBe(1);
    expect(await page.textContent('[data-testid=cart-booking] [data-testid=booking-people]')).toBe('2 people');
    expect(await page.textContent('[data-testid=cart-booking] [data-testid=booking-when]')).toContain('(UTC+7)');
    expect(await page.textContent('[data-testid=cart-booking] [data-testid=line-total]')).toBe('₫500,000');
    await noSideScroll(page, width);

    await page.click('[data-testid=checkout]');
    await page.waitForURL(`${base}/checkout`);
    expect(await page.locator('[data-testid=parcel]').count()).toBe(1);
    expect(await page.locator('[data-testid=summary-booking]').count()).toBe(1);
    await page.fill('#name', 'Oliver Grant');
    await page.fill('#line1', '12 Phố Huế');
    await page.fill('#city', 'Hà Nội');
    await page.selectOption('#country', 'VN');
    await page.fill('#phone', '0912 345 678');
    await page.check('[data-testid=method-sandbox]');
    const total = ((await page.textContent('[data-testid=checkout-total]')) ?? '').trim();
    await noSideScroll(page, width);
    await page.click('[data-testid=place-order]');

    await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 10000 });
    const reference = ((await page.textContent('[data-testid=pay-reference]')) ?? '').trim();
    expect(reference).toMatch(/^OCOP[A-Z0-9]{8}$/);
    expect(await page.textContent('[data-testid=pay-amount]')).toBe(total);
    await page.click('[data-testid=pay-pay]');

    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 10000 });
    await page.waitForSelector('[data-testid=confirmation]');
    expect(await page.textContent('[data-testid=order-total]')).toBe(total);
    expect(await page.textContent('[data-testid=order-bookings-total]')).toBe('₫500,000');
    expect(await page.textContent('[data-testid=order-booking-status]')).toBe('Confirmed');
    await noSideScroll(page, width);

    await page.click('[data-testid=order-booking-link]');
    await page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/, { timeout: 10000 });
    expect(await page.textContent('[data-testid=confirmation]')).toBe('Your booking is confirmed');
    expect(await page.textContent('[data-testid=booking-order]')).toBe(`Paid with order ${reference}`);
    expect(await page.textContent('[data-testid=booking-people]')).toBe('2 people');
    await noSideScroll(page, width);

    const mail = await confirmationMailTo(email);
    expect(mail).not.toBeNull();
    expect(mail!.html).toContain('Pottery class on the wheel in Bát Tràng');
  }, 90000);
});
