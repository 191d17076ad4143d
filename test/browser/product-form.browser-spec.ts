import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AccountsService } from '@ocop/accounts';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, type TestMarketplace } from '../support/marketplace';

const EMAIL = 'mai@htx-gom.example.vn';
const PASSWORD = 'Gom-Phu-Lang-2025';

(chromiumPath ? describe : describe.skip)(`the new-product form in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';
  let certId = '';

  beforeAll(async () => {
    m = await startTestMarketplace();
    const villageId = randomUUID();
    const vendorId = randomUUID();
    certId = randomUUID();
    await m.infra.tx.run(async (em) => {
      await em.insert(Village, {
        id: villageId,
        slug: 'phu-lang',
        name: 'Phù Lãng',
        province: 'Bắc Ninh',
        craft: 'gốm',
        story: {},
        networks: [],
        photos: [],
        latitude: null,
        longitude: null,
        featured: false,
        featuredRank: null,
        featuredFrom: null,
        featuredUntil: null,
      });
      await em.insert(Vendor, {
        id: vendorId,
        slug: 'htx-mai',
        name: 'HTX Gốm Mai',
        type: 'cooperative',
        villageId,
        taxCode: null,
        address: null,
        status: 'approved',
        statusReason: null,
        contactEmail: EMAIL,
        approvedAt: new Date(),
      });
      await em.insert(
        Certificate,
        Object.assign(new Certificate(), {
          id: certId,
          decisionNo: '88/QĐ-UBND',
          certificateNo: null,
          decisionDate: '2025-03-01',
          issuingBody: 'UBND tỉnh Bắc Ninh',
          level: 'provincial',
          vendorId,
          productName: 'Bình gốm da lươn',
          productGroup: 'handicrafts',
          stars: 4,
          score: null,
          expiresAt: new Date('2028-02-29T17:00:00Z'),
          status: 'active',
          revokedAt: null,
          revokeReason: null,
          revokedByDecisionNo: null,
          supersedesId: null,
          supersededById: null,
          expiryProcessedAt: null,
        }),
      );
    });
    await request(m.vendor.getHttpServer()).post('/api/auth/register').send({ email: EMAIL, password: PASSWORD, name: 'Mai' }).expect(201);
    const [{ id: userId }] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [EMAIL]);
    await m.vendor.get(AccountsService, { strict: false }).setVendor(userId, vendorId, 'owner');
    await m.vendor.listen({ port: 0, host: '127.0.0.1' });
    base = await m.vendor.getUrl();
    browser = await launchChromium();
  }, 60000);

  afterEach(() => context?.close());

  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  async function loggedIn(width: number): Promise<Page> {
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=%2Fproducts%2Fnew`);
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/products/new`, { timeout: 10000 });
    return page;
  }

  for (const width of [390, 1280]) {
    it(`shows three Vietnamese messages, each beside its field and named by its label, at ${width} px`, async () => {
      const page = await loggedIn(width);
      await page.selectOption('#certificateId', certId);
      await page.fill('#title_vi', 'Bình gốm da lươn');
      await page.fill('#priceVnd', 'ba trăm nghìn');
      await page.fill('#stock', '-3');
      await page.fill('#weightGrams', '0');
      await page.click('[data-testid=product-form] button[type=submit]');
      await page.waitForSelector('.field-error');

      expect(await page.locator('.field-error').count()).toBe(3);
      const expected: Record<string, string> = {
        priceVnd: 'Giá (VNĐ): phải là số nguyên từ 1 đến 1.000.000.000.',
        stock: 'Tồn kho: phải là số nguyên từ 0 đến 1.000.000.000.',
        weightGrams: 'Khối lượng (gam): phải là số nguyên từ 1 đến 10.000.000.',
      };
      for (const [field, message] of Object.entries(expected)) {
        const container = page.locator(`[data-field=${field}]`);
        const error = container.locator('.field-error');
        expect(await error.textContent()).toBe(message);
        const input = page.locator(`#${field}`);
        expect(await input.getAttribute('aria-invalid')).toBe('true');
        expect(await input.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
        // Beside the field on screen too: right under its input, overlapping it horizontally.
        const [box, errBox] = [(await input.boundingBox())!, (await error.boundingBox())!];
        expect(errBox.y).toBeGreaterThanOrEqual(box.y + box.height - 1);
        expect(errBox.y - (box.y + box.height)).toBeLessThan(40);
        expect(errBox.x).toBeLessThan(box.x + box.width);
        expect(errBox.x + errBox.width).toBeGreaterThan(box.x);
        expect(errBox.x + errBox.width).toBeLessThanOrEqual(width);
      }
      expect(await page.inputValue('#priceVnd')).toBe('ba trăm nghìn');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      expect(await page.textContent('main')).not.toMatch(/must be|priceVnd|weightGrams/);
    }, 30000);
  }
});
