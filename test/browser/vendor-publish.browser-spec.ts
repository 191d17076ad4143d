import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { Product } from '@ocop/catalog';
import { DEMO_LOGINS, seedDemoData } from '../../apps/worker/src/demo-data';
import { axeFindings } from '../support/axe';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, type TestMarketplace } from '../support/marketplace';
import { JPEG, PNG, vendorFixtures, vendorPages, type VendorFixtures, type VendorPage } from '../support/vendor-pages';

(chromiumPath ? describe : describe.skip)(`a vendor publishes a product, meets a refusal and uses every page, at 1280 and 390 px in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let dir: string;
  let browser: Browser;
  let base = '';
  let f: VendorFixtures;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-vendor-photos-'));
    m = await startTestMarketplace({ env: { LOGIN_MAX_FAILURES: '1000', STORAGE_DIR: dir } });
    await seedDemoData(m.admin, m.infra.clock);
    f = await vendorFixtures(m);
    await m.vendor.listen({ port: 0, host: '127.0.0.1' });
    base = await m.vendor.getUrl();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await m?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The demo vendor's browser at `width`, logged in through the login page, its addresses recorded. */
  async function vendorAt(width: number, lang = 'vi'): Promise<{ context: BrowserContext; page: Page; addresses: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: width < 600, hasTouch: width < 600, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' });
    const page = await context.newPage();
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && addresses.push(frame.url()));
    await page.goto(`${base}/login?next=%2F&lang=${lang}`);
    await page.fill('#email', DEMO_LOGINS.vendor.email);
    await page.fill('#password', DEMO_LOGINS.vendor.password);
    await Promise.all([page.waitForURL(`${base}/`), page.click('main button[type=submit]')]);
    return { context, page, addresses };
  }

  /** How far the page is wider than the screen (0 when nothing scrolls sideways). */
  const overflow = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth')) - page.viewportSize()!.width;

  /** Clicks and waits for the page it leads to; answers its HTTP status. */
  async function follow(page: Page, selector: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    return res?.status() ?? 0;
  }

  for (const width of [1280, 390]) {
    it(`creates a product with the certificate picker and two photos, makes the second the cover and publishes it, at ${width} px`, async () => {
      const { context, page, addresses } = await vendorAt(width);
      try {
        await page.click('[data-testid=todo-drafts] a[href="/products/new"]');
        await page.waitForURL(`${base}/products/new`);
        // Only valid certificates can be chosen; the others are named with their state in words.
        const usable = await page.locator('#certificateId option:not([disabled])').allTextContents();
        expect(usable.slice(1).every((o) => o.includes('còn hiệu lực đến hết'))).toBe(true);
        const disabled = await page.locator('#certificateId option[disabled]').allTextContents();
        expect(disabled).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^DEMO-2202\/QĐ-UBND — Chum gốm men nâu \(3 sao, đã bị thu hồi\)$/),
            expect.stringContaining('DEMO-2203/QĐ-UBND — Ấm tích men lam (3 sao, hết hạn từ'),
          ]),
        );
        await page.selectOption('#certificateId', { label: usable.find((o) => o.startsWith('DEMO-1125/QĐ-UBND'))! });
        const title = `Bát men lam ${width}`;
        await page.fill('#title_vi', title);
        await page.fill('#priceVnd', '180.000');
        await page.fill('#stock', '9');
        await page.setInputFiles('#photos', [
          { name: 'mat-tren.png', mimeType: 'image/png', buffer: PNG },
          { name: 'mat-ben.jpg', mimeType: 'image/jpeg', buffer: JPEG },
        ]);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        expect(await follow(page, '[data-testid=save-product]')).toBe(200);
        expect(page.url()).toMatch(/\/products\/[0-9a-f-]{36}\?done=created$/);
        const id = /\/products\/([0-9a-f-]{36})/.exec(page.url())![1];
        const [first, second] = (await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images;
        expect(await page.locator('[data-testid=photo]').count()).toBe(2);

        // The second photo becomes the cover with one tick, without JavaScript's help.
        await page.check(`input[type=radio][name=cover][value="${second}"]`);
        expect(await follow(page, '[data-testid=save-product]')).toBe(200);
        expect((await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id })).images).toEqual([second, first]);
        expect(await page.getAttribute('[data-testid=photo].is-cover img', 'src')).toBe(second);
        expect(await overflow(page)).toBeLessThanOrEqual(0);

        // A file that is no picture: the form comes back from its POST, with the message beside the photos.
        await page.setInputFiles('#photos', [{ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') }]);
        expect(await follow(page, '[data-testid=save-product]')).toBe(400);
        expect(await page.textContent('[data-testid=photos-error]')).toBe('ghi-chu.txt không phải ảnh JPEG, PNG hoặc WebP.');
        expect(page.url()).toBe(`${base}/products/${id}`);

        expect(await follow(page, '[data-testid=publish]')).toBe(200);
        expect(await page.textContent('[data-testid=notice]')).toBe('Sản phẩm đang được bán.');
        await page.goto(`${base}/products?show=onsale`);
        expect(await page.locator(`tr:has(a[href="/products/${id}"])`).textContent()).toContain('đang niêm yết');
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        expect(addresses.filter((a) => a.includes('_csrf'))).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);

    it(`refuses to publish under an expired or revoked certificate and links to the next step, at ${width} px`, async () => {
      const { context, page, addresses } = await vendorAt(width);
      try {
        await page.goto(`${base}/products/${f.expiredDraftId}`);
        expect(await follow(page, '[data-testid=publish]')).toBe(409);
        expect(await page.textContent('[data-testid=refusal] p')).toMatch(/^“Ấm tích men lam” không thể đăng bán: chứng nhận OCOP DEMO-2203\/QĐ-UBND đã hết hạn từ \d+ tháng \d+, \d{4}\.$/);
        expect(await page.locator('[data-testid=next-step]').allTextContents()).toEqual(['Gia hạn chứng nhận', 'Chọn chứng nhận khác']);
        expect(await overflow(page)).toBeLessThanOrEqual(0);

        // "Renew" opens the certificate on the certificates page, with how to renew it.
        await page.click('[data-testid=next-step] >> text=Gia hạn chứng nhận');
        await page.waitForURL(`${base}/certificates#cert-${f.expiredCertId}`);
        const row = page.locator(`#cert-${f.expiredCertId}`);
        expect(await row.isVisible()).toBe(true);
        expect(await row.locator('[data-testid=renew-how]').textContent()).toContain('đánh giá lại');
        expect(await overflow(page)).toBeLessThanOrEqual(0);

        // "Choose another certificate" opens the product's form at its certificate; a valid one publishes it.
        await page.goBack();
        await page.goto(`${base}/products/${f.revokedId}`);
        expect(await follow(page, '[data-testid=publish]')).toBe(409);
        expect(await page.textContent('[data-testid=refusal] p')).toBe('“Chum gốm men nâu” không thể đăng bán: chứng nhận OCOP DEMO-2202/QĐ-UBND đã bị thu hồi.');
        await page.click('[data-testid=next-step] >> text=Chọn chứng nhận khác');
        await page.waitForURL(`${base}/products/${f.revokedId}#certificateId`);
        expect(await page.locator('#certificateId').isVisible()).toBe(true);
        const valid = (await page.locator('#certificateId option:not([disabled])').allTextContents()).find((o) => o.startsWith('DEMO-2201/QĐ-UBND'))!;
        await page.selectOption('#certificateId', { label: valid });
        expect(await follow(page, '[data-testid=save-product]')).toBe(200);
        expect(await follow(page, '[data-testid=publish]')).toBe(200);
        expect(await page.textContent('[data-testid=product-state-text]')).toBe('đang niêm yết');
        expect(addresses.filter((a) => a.includes('_csrf'))).toEqual([]);

        // Put back as the other tests expect it: under the revoked certificate and off sale.
        await m.infra.dataSource.getRepository(Product).update({ id: f.revokedId }, { state: 'delisted', delistReason: 'certificate_revoked', certificateId: f.revokedCertId });
      } finally {
        await context.close();
      }
    }, 60_000);

    it(`finds no serious or critical axe violation and no sideways scrolling on any vendor page, at ${width} px`, async () => {
      const problems: string[] = [];
      for (const lang of ['vi', 'en']) {
        const { context, page } = await vendorAt(width, lang);
        try {
          for (const visit of vendorPages(f)) problems.push(...(await audit(page, visit, lang, width)));
        } finally {
          await context.close();
        }
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }

  /** Opens (or posts, as its form would) one page, checks it is in its state, then runs axe and measures its width. */
  async function audit(page: Page, visit: VendorPage, lang: string, width: number): Promise<string[]> {
    const url = `${visit.path}${visit.path.includes('?') ? '&' : '?'}lang=${lang}`;
    const where = `${visit.post ? 'POST ' : ''}${visit.path}${visit.state ? ` (${visit.state})` : ''} in ${lang} at ${width} px`;
    let status = 0;
    const loaded = (res: Response) => {
      if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) status = res.status();
    };
    page.on('response', loaded);
    try {
      if (!visit.post) await page.goto(`${base}${url}`);
      else {
        // The form a page would post: the same fields and the CSRF token of the page it is on.
        if (!page.url().startsWith(base)) await page.goto(`${base}/?lang=${lang}`);
        await Promise.all([
          page.waitForNavigation(),
          page.evaluate(`(() => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = ${JSON.stringify(url)};
            const fields = { _csrf: document.querySelector('input[name=_csrf]').value, ...${JSON.stringify(visit.post)} };
            for (const [name, value] of Object.entries(fields)) {
              const input = document.createElement('input');
              input.type = 'hidden';
              input.name = name;
              input.value = value;
              form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
          })()`),
        ]);
      }
    } finally {
      page.off('response', loaded);
    }
    if (status !== (visit.status ?? 200) || (await page.locator(visit.shows).count()) === 0)
      return [`not in its state: HTTP ${status}, ${visit.shows} ${(await page.locator(visit.shows).count()) ? 'shown' : 'missing'} — ${where}`];
    const found: string[] = [];
    const wider = await overflow(page);
    if (wider > 0) found.push(`scrolls sideways by ${wider} px — ${where}`);
    for (const { result: r, undecided } of await axeFindings(page)) {
      found.push(
        `${r.impact} ${r.id}${undecided ? ' (undecided)' : ''}: ${r.help} — ${where} — ${r.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
      );
    }
    return found;
  }
});
