import request from 'supertest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { Product } from '@ocop/catalog';
import { Certificate } from '@ocop/certification';
import { seedDemoData } from '../../apps/worker/src/demo-data';
import { axeFindings } from '../support/axe';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../support/marketplace';
import { placeOrder, registerPerson } from '../support/order-fixtures';

const PHONE = 390;

/** One admin page in one state: `act` brings it there after `path` loads; `shows` proves it, `status` is its HTTP status (200 unless given). */
interface Visit {
  path: string;
  state?: string;
  act?: (page: Page) => Promise<void>;
  shows: string[];
  status?: number;
}

/** Submits the page's form `selector` past the browser's own checks, so the server's answer shows. */
async function submitUnchecked(page: Page, selector: string, button: string): Promise<void> {
  await page.locator(selector).evaluate((form: { noValidate: boolean }) => {
    form.noValidate = true;
  });
  await Promise.all([page.waitForNavigation(), page.click(button)]);
}

interface Fixtures {
  activeCertId: string;
  revokedCertId: string;
  vendorId: string;
  villageId: string;
  orderId: string;
  mailId: string;
  today: string;
}

function visits(f: Fixtures): Visit[] {
  return [
    { path: '/', shows: ['[data-testid=attention]'] },
    { path: '/orders', shows: ['[data-testid=orders]'] },
    { path: `/orders/${f.orderId}`, shows: ['main h1'] },
    { path: '/orders/review', shows: ['main h1'] },
    { path: '/payments/flagged', shows: ['main h1'] },
    { path: '/payouts', shows: ['[data-testid=period]'] },
    { path: '/vendors', shows: ['[data-testid=vendors]'] },
    { path: `/vendors/${f.vendorId}`, shows: ['[data-testid=vendor]', '[data-testid=suspend-link]'] },
    { path: `/vendors/${f.vendorId}/suspend`, shows: ['[data-testid=consequences]', '#confirm-reason[required]'] },
    {
      path: `/vendors/${f.vendorId}/suspend`,
      state: 'confirmed without a reason',
      act: (page) => submitUnchecked(page, '[data-testid=confirm-form]', '[data-testid=confirm-button]'),
      shows: ['[data-testid=form-errors]', '#confirm-reason[aria-invalid=true]'],
      status: 400,
    },
    { path: '/certificates', shows: ['[data-testid=certificates]'] },
    { path: '/certificates/import', shows: ['[data-testid=upload]'] },
    { path: `/certificates/${f.activeCertId}`, shows: ['[data-testid=revoke]', '[data-testid=renew]'] },
    { path: `/certificates/${f.revokedCertId}`, state: 'revoked', shows: ['[data-testid=revoked]'] },
    { path: `/certificates/${f.activeCertId}/revoke`, shows: ['[data-testid=consequences]'] },
    { path: '/inspections', shows: ['[data-testid=record-inspection] select#certificateId'] },
    { path: '/villages', shows: ['[data-testid=villages]', '[data-testid=new-village]'] },
    { path: '/villages/new', shows: ['[data-testid=create-village]'] },
    { path: `/villages/${f.villageId}`, shows: ['[data-testid=featured-form]', '[data-testid=edit-village]'] },
    { path: `/villages/preview?on=${f.today}`, shows: ['main h1'] },
    { path: '/stories', shows: ['[data-testid=publish-story]'] },
    { path: '/rates', shows: ['[data-testid=rate-USD]'] },
    { path: '/audit', shows: ['[data-testid=audit]'] },
    { path: '/outbox', shows: ['[data-testid=outbox]'] },
    { path: `/outbox/${f.mailId}`, shows: ['main pre'] },
    { path: '/account/password', shows: ['#currentPassword'] },
  ];
}

(chromiumPath ? describe : describe.skip)(`the admin's revocation and every admin page in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let base = '';
  let f: Fixtures;
  /** Certificates with products on sale, one for each width's revocation. */
  const toRevoke: string[] = [];
  const listed = (certificateId: string) => m.infra.dataSource.getRepository(Product).countBy({ certificateId, state: 'listed' });

  beforeAll(async () => {
    m = await startTestMarketplace({ env: { LOGIN_MAX_FAILURES: '1000' } });
    await seedDemoData(m.admin, m.infra.clock);
    await m.admin.listen({ port: 0, host: '127.0.0.1' });
    base = await m.admin.getUrl();
    const admin = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    const certs = (await request(m.admin.getHttpServer()).get('/api/admin/certificates?status=active&limit=200').set(admin).expect(200)).body.items as { id: string; decisionNo: string }[];
    const withProducts: string[] = [];
    for (const c of certs.sort((a, b) => a.decisionNo.localeCompare(b.decisionNo))) if ((await listed(c.id)) > 0) withProducts.push(c.id);
    toRevoke.push(withProducts[0], withProducts[1]);
    // Orders under the certificates to revoke: one paid and not shipped, one waiting for payment.
    const shopper = await registerPerson(m, 'lan.browser@example.vn', 'Lan', 'Nguoi-Mua-2025');
    for (const id of toRevoke) {
      const product = await m.infra.dataSource.getRepository(Product).findOneByOrFail({ certificateId: id, state: 'listed' });
      await placeOrder(m, shopper, [product.id], { pay: true });
      await placeOrder(m, shopper, [product.id]);
    }
    const revoked = await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ status: 'revoked' });
    const vendors = (await request(m.admin.getHttpServer()).get('/api/admin/vendors?status=approved').set(admin).expect(200)).body.items as { id: string }[];
    const villages = (await request(m.admin.getHttpServer()).get('/api/admin/villages').set(admin).expect(200)).body.items as { id: string }[];
    const orders = (await request(m.admin.getHttpServer()).get('/api/admin/orders').set(admin).expect(200)).body.items as { id: string }[];
    const mails = (await request(m.admin.getHttpServer()).get('/api/admin/outbox').set(admin).expect(200)).body.items as { id: string }[];
    f = {
      activeCertId: withProducts[2],
      revokedCertId: revoked.id,
      vendorId: vendors[0].id,
      villageId: villages[0].id,
      orderId: orders[0].id,
      mailId: mails[0].id,
      today: m.infra.clock.now().toISOString().slice(0, 10),
    };
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  /** A browser at `width` with the admin logged in through the login page. */
  async function adminAt(width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: width < 600, hasTouch: width < 600, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    expect(await page.locator('[data-testid=current-user]').count()).toBe(1);
    return { context, page };
  }

  /** How far the page reaches past the window's width (0 when nothing scrolls sideways). */
  const overflow = async (page: Page, width: number) => ((await page.evaluate('document.documentElement.scrollWidth')) as number) - width;

  for (const [i, width] of [1280, PHONE].entries()) {
    it(`revokes a certificate at ${width} px: the confirmation says what will happen and needs a reason; then its products are delisted`, async () => {
      const id = toRevoke[i];
      const onSale = await listed(id);
      expect(onSale).toBeGreaterThan(0);
      const { context, page } = await adminAt(width);
      try {
        await page.goto(`${base}/certificates/${id}?lang=en`);
        await Promise.all([page.waitForNavigation(), page.click('[data-testid=revoke] button[type=submit]')]);
        expect(new URL(page.url()).pathname).toBe(`/certificates/${id}/revoke`);
        // What the database holds now: paid sub-orders not shipped yet and unpaid orders with a line under the certificate.
        const db = m.infra.dataSource;
        const [{ n: toReview }] = await db.query(
          "SELECT COUNT(DISTINCT s.id) AS n FROM sub_orders s JOIN order_lines l ON l.subOrderId = s.id WHERE l.certificateId = ? AND s.status IN ('paid', 'packed') AND s.reviewFlaggedAt IS NULL",
          [id],
        );
        const [{ n: unpaid }] = await db.query("SELECT COUNT(DISTINCT o.id) AS n FROM orders o JOIN order_lines l ON l.orderId = o.id WHERE l.certificateId = ? AND o.status = 'awaiting_payment'", [
          id,
        ]);
        expect([Number(toReview) >= 1, Number(unpaid) >= 1]).toEqual([true, true]);
        const count = (key: string) => page.locator(`[data-consequence=${key}]`).getAttribute('data-count');
        expect([await count('delisted'), await count('review'), await count('cancelled')]).toEqual([String(onSale), String(Number(toReview)), String(Number(unpaid))]);
        const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
        expect(await page.locator('[data-consequence=delisted]').textContent()).toBe(`${plural(onSale, 'product', 'products')} will be delisted at once.`);
        expect(await page.locator('[data-consequence=review]').textContent()).toBe(
          `${plural(Number(toReview), 'paid order not shipped yet', 'paid orders not shipped yet')} will be flagged for review.`,
        );
        expect(await page.locator('#confirm-reason').getAttribute('required')).not.toBeNull();
        if (width === PHONE) expect(await overflow(page, width)).toBeLessThanOrEqual(0);

        // Without a reason the server refuses too, names the field and writes nothing.
        let status = 0;
        page.once('response', (r: Response) => {
          status = r.status();
        });
        await submitUnchecked(page, '[data-testid=confirm-form]', '[data-testid=confirm-button]');
        expect(status).toBe(400);
        expect(await page.locator('#confirm-reason-error').textContent()).toBe('Reason: please fill this in.');
        expect(page.url()).not.toContain('_csrf');
        expect(await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id })).toMatchObject({ status: 'active' });
        expect(await listed(id)).toBe(onSale);

        await page.fill('#confirm-reason', 'Hậu kiểm không đạt');
        await Promise.all([page.waitForNavigation(), page.click('[data-testid=confirm-button]')]);
        expect(new URL(page.url()).pathname).toBe(`/certificates/${id}`);
        expect(await page.locator('[data-testid=notice]').textContent()).toContain('revoked');
        expect(await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id })).toMatchObject({ status: 'revoked', revokeReason: 'Hậu kiểm không đạt' });
        expect(await listed(id)).toBe(0);
        if (width === PHONE) expect(await overflow(page, width)).toBeLessThanOrEqual(0);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  for (const width of [1280, PHONE]) {
    it(`finds no serious or critical WCAG 2.1 AA violation on any admin page at ${width} px${width === PHONE ? ', and none scrolls sideways' : ''}`, async () => {
      const { context, page } = await adminAt(width);
      const found: string[] = [];
      try {
        for (const visit of visits(f)) {
          for (const lang of width === PHONE ? ['vi', 'en'] : ['vi']) {
            const url = `${visit.path}${visit.path.includes('?') ? '&' : '?'}lang=${lang}`;
            const where = `${url}${visit.state ? ` (${visit.state})` : ''} at ${width} px`;
            let status = 0;
            const loaded = (r: Response) => {
              if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) status = r.status();
            };
            page.on('response', loaded);
            try {
              await page.goto(`${base}${url}`);
              if (visit.act) await visit.act(page);
            } finally {
              page.off('response', loaded);
            }
            const missing: string[] = [];
            for (const selector of visit.shows) if ((await page.locator(selector).count()) === 0) missing.push(selector);
            if (status !== (visit.status ?? 200) || missing.length) {
              found.push(`not in its state: HTTP ${status}${missing.length ? `, missing ${missing.join(', ')}` : ''} — ${where}`);
              continue;
            }
            if (page.url().includes('_csrf')) found.push(`a CSRF token in the address — ${where}`);
            if (width === PHONE) {
              const wider = await overflow(page, width);
              if (wider > 0) {
                // The first element of the main content that reaches past the window, to say where to look.
                const culprit = (await page.evaluate(
                  `(() => { const el = [...document.querySelectorAll('main *')].find((e) => e.getBoundingClientRect().right > ${width + 1}); return el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') : '?'; })()`,
                )) as string;
                found.push(`scrolls sideways by ${wider} px (${culprit}) — ${where}`);
              }
            }
            for (const { result: r, undecided } of await axeFindings(page)) {
              found.push(
                `${r.impact} ${r.id}${undecided ? ' (undecided)' : ''}: ${r.help} — ${where} — ${r.nodes
                  .slice(0, 5)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
              );
            }
          }
        }
      } finally {
        await context.close();
      }
      expect(found.join('\n')).toBe('');
    }, 240_000);
  }
});
