import request from 'supertest';
import type { Browser, BrowserContext, CDPSession, Page, Response } from 'playwright-core';
import { Product } from '@ocop/catalog';
import { MailMessage } from '@ocop/notifications';
import { DEMO_LOGINS, seedDemoData } from '../../apps/worker/src/demo-data';
import { axeFindings } from '../support/axe';
import { chromiumPath, launchChromium } from '../support/browser';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../support/marketplace';

/** What the tests need to reach every page: ids, slugs and tokens from the demo data. */
interface Fixtures {
  productSlug: string;
  goneSlug: string;
  traceCode: string;
  villageSlug: string;
  storySlug: string;
  experienceId: string;
  bookingId: string;
  unpaidBookingId: string;
  bookingPaymentId: string;
  cancelledBookingId: string;
  paidOrderId: string;
  declinedOrderId: string;
  orderPaymentId: string;
  transferOrderId: string;
  transferPaymentId: string;
  resetToken: string;
}

/**
 * One storefront page in one state. `as` decides whose browser opens it; `act`, when given,
 * brings the page into the state to audit (a refused form, a confirmation step) after `path` loads.
 * `shows` are elements that prove the page is in that state and `status` its HTTP status (200
 * unless given), both checked before the audit, so a page that lands elsewhere is not passed.
 */
interface Visit {
  path: string;
  as: 'guest' | 'shopper';
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

function visits(f: Fixtures): Visit[] {
  const cards = '[data-testid=product-cards] li';
  const errorPage = (status: number) => `[data-testid=error-page][data-status="${status}"]`;
  return [
    { path: '/', as: 'guest', shows: ['[data-testid=featured-villages]', '[data-testid=newest] li'] },
    { path: '/', as: 'shopper', shows: ['[data-testid=welcome]', '[data-testid=featured-products] li'] },
    { path: '/products', as: 'guest', shows: [cards, 'nav.paging a[rel=next]'] },
    {
      path: '/products',
      as: 'guest',
      state: 'filters opened',
      act: async (page) => {
        // On a phone the filters wait behind their summary; on a wide screen they are open already.
        const summary = page.locator('[data-testid=filters] > summary');
        if (await summary.isVisible()) await summary.click();
      },
      shows: ['[data-testid=filters] .facets:visible'],
    },
    { path: `/products?village=${f.villageSlug}&productGroup=food&minStars=4&inStock=true&sort=price_asc`, as: 'guest', shows: [cards, 'input[name=village]:checked', 'a[href*="/products?"]'] },
    { path: '/products?page=2', as: 'guest', shows: [cards, 'nav.paging a[rel=prev]'] },
    { path: '/products?q=gom%20bat%20trang', as: 'guest', shows: [cards] },
    { path: '/products?q=zzzzqqq', as: 'guest', state: 'nothing found', shows: ['[data-testid=empty]'] },
    { path: `/products/${f.productSlug}`, as: 'guest', shows: ['[data-testid=add-to-cart]', '[data-testid=certificate]'] },
    { path: `/products/${f.productSlug}`, as: 'shopper', shows: ['[data-testid=add-to-cart]'] },
    { path: `/products/${f.goneSlug}`, as: 'guest', state: '410, delisted', shows: ['[data-testid=gone]'], status: 410 },
    { path: '/villages', as: 'guest', shows: ['[data-testid=village-card]'] },
    { path: '/villages?province=Nowhere', as: 'guest', state: 'nothing found', shows: ['[data-testid=villages-empty]'] },
    { path: `/villages/${f.villageSlug}`, as: 'guest', shows: ['[data-testid=story] .story-body', '[data-testid=products] li', '[data-testid=stories] li'] },
    { path: `/stories/${f.storySlug}`, as: 'guest', shows: ['[data-testid=story] .story-body li'] },
    { path: `/experiences/${f.experienceId}`, as: 'guest', shows: ['[data-testid=slot]', '[data-testid=login-to-book]'] },
    { path: `/experiences/${f.experienceId}`, as: 'shopper', shows: ['[data-testid=booking-form] [data-testid=slot-choice]'] },
    {
      path: `/experiences/${f.experienceId}`,
      as: 'shopper',
      state: 'refused form',
      act: async (page) => {
        await page.fill('#people', '');
        await submitUnchecked(page, '[data-testid=booking-form]', '[data-testid=book]');
      },
      shows: ['[data-testid=form-errors]', '#people[aria-invalid=true]'],
      status: 400,
    },
    { path: `/bookings/${f.bookingId}`, as: 'shopper', shows: ['[data-testid=cancel-booking]', '[data-testid=village-products] li'] },
    { path: `/bookings/${f.unpaidBookingId}`, as: 'shopper', state: 'awaiting payment', shows: ['[data-testid=pay-now]'] },
    { path: `/bookings/${f.cancelledBookingId}`, as: 'shopper', state: 'cancelled', shows: ['[data-testid=cancelled-why]'] },
    {
      path: `/bookings/${f.bookingId}`,
      as: 'shopper',
      state: 'cancel confirmation',
      act: (page) => Promise.all([page.waitForNavigation(), page.click('[data-testid=cancel-booking] button')]).then(() => undefined),
      shows: ['[data-testid=confirm-form]'],
    },
    { path: '/cart', as: 'guest', state: 'empty', shows: ['[data-testid=cart-empty]'] },
    {
      path: '/cart',
      as: 'shopper',
      state: 'a product, a withdrawn product and a booking',
      shows: ['[data-testid=cart-line] [data-testid=line-total]', '[data-testid=cart-line] [data-testid=line-why]', '[data-testid=cart-booking]'],
    },
    { path: '/checkout', as: 'shopper', shows: ['[data-testid=checkout-form]', '[data-testid=summary-booking]'] },
    {
      path: '/checkout',
      as: 'shopper',
      state: 'refused form',
      act: async (page) => {
        await page.fill('#name', '');
        await page.fill('#phone', '');
        await submitUnchecked(page, '[data-testid=checkout-form]', '[data-testid=place-order]');
      },
      shows: ['[data-testid=form-errors]', '#name[aria-invalid=true]', '#phone[aria-invalid=true]'],
      status: 400,
    },
    { path: `/orders/${f.paidOrderId}`, as: 'shopper', shows: ['[data-testid=confirmation]', '[data-testid=parcel]'] },
    { path: `/orders/${f.declinedOrderId}`, as: 'shopper', state: 'payment declined', shows: ['[data-testid=payment-declined]'] },
    { path: `/orders/${f.transferOrderId}`, as: 'shopper', state: 'bank transfer', shows: ['[data-testid=vietqr]'] },
    { path: `/pay/${f.orderPaymentId}`, as: 'shopper', shows: ['[data-testid=pay-status]'] },
    { path: `/pay/${f.transferPaymentId}`, as: 'shopper', state: 'bank transfer', shows: ['img.qr'] },
    { path: `/pay/${f.bookingPaymentId}`, as: 'shopper', shows: ['[data-testid=pay-pay]', '[data-testid=pay-decline]'] },
    { path: '/account', as: 'shopper', shows: ['[data-testid=order-row]', '[data-testid=booking-row]'] },
    { path: '/account/password', as: 'shopper', shows: ['#currentPassword'] },
    { path: '/login', as: 'guest', shows: ['#password'] },
    {
      path: '/login',
      as: 'guest',
      state: 'wrong password',
      act: async (page) => {
        await page.fill('#email', 'nobody@example.com');
        await page.fill('#password', 'not-the-password-1');
        await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
      },
      shows: ['main [role=alert]'],
      status: 401,
    },
    { path: '/register', as: 'guest', shows: ['[data-testid=register-form]'] },
    {
      path: '/register',
      as: 'guest',
      state: 'e-mail taken',
      act: async (page) => {
        await page.fill('#name', DEMO_LOGINS.shopper.name);
        await page.fill('#email', DEMO_LOGINS.shopper.email);
        await page.fill('#password', 'Another-Password-2026');
        await Promise.all([page.waitForNavigation(), page.click('[data-testid=register-form] button[type=submit]')]);
      },
      shows: ['#email[aria-invalid=true]'],
      status: 409,
    },
    { path: '/password-reset', as: 'guest', shows: ['#email'] },
    {
      path: '/password-reset',
      as: 'guest',
      state: 'sent',
      act: async (page) => {
        await page.fill('#email', 'nobody@example.com');
        await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
      },
      shows: ['main [role=status]'],
    },
    { path: `/password-reset/${f.resetToken}`, as: 'guest', shows: ['#newPassword', '#confirmPassword'] },
    { path: '/password-reset/not-a-token', as: 'guest', state: '404', shows: ['main [role=alert]'], status: 404 },
    { path: '/verify', as: 'guest', shows: ['#code'] },
    { path: '/verify?code=%3F%3F', as: 'guest', state: '400', shows: ['#code'], status: 400 },
    { path: `/verify/${f.traceCode}`, as: 'guest', shows: ['[data-testid=certificate-status]'] },
    { path: '/verify/UNKNOWN0000', as: 'guest', state: '404', shows: [errorPage(404)], status: 404 },
    { path: '/nothing-here', as: 'guest', state: '404', shows: [errorPage(404)], status: 404 },
    { path: '/products?minStars=9', as: 'guest', state: '400', shows: [errorPage(400)], status: 400 },
    { path: '/experiences/00000000-0000-4000-8000-000000000000', as: 'guest', state: '404', shows: [errorPage(404)], status: 404 },
  ];
}

/** A bank account for VietQR transfers, so checkout offers them and a transfer order shows its QR code. */
const BANK = { VIETQR_BANK_BIN: '970436', VIETQR_ACCOUNT_NO: '0011001234567', VIETQR_ACCOUNT_NAME: 'CONG TY OCOP MARKET', VIETQR_WEBHOOK_SECRET: 'bank-notification-secret-0123456' };

/** The pages audited in Indonesian too: the layout, a form, a list and an error page. */
const INDONESIAN = new Set(['/', '/products', '/register', '/checkout', '/nothing-here']);

(chromiumPath ? describe : describe.skip)(`axe-core on every storefront page in Chromium${chromiumPath ? '' : ' (skipped: no Chromium)'}`, () => {
  let m: TestMarketplace;
  let browser: Browser;
  let base = '';
  let f: Fixtures;

  beforeAll(async () => {
    m = await startTestMarketplace({ env: { LOGIN_MAX_FAILURES: '1000', ...BANK } });
    await seedDemoData(m.admin, m.infra.clock);
    await m.reindex();
    await m.storefront.listen({ port: 0, host: '127.0.0.1' });
    base = await m.storefront.getUrl();
    f = await fixtures(m);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  /**
   * A browser of the given kind: a guest's, or the demo shopper's logged in through the login
   * page. Without JavaScript, each page loads with scripts off and they are switched on only for
   * axe itself, so what is audited is what a visitor without JavaScript gets.
   */
  async function open(as: 'guest' | 'shopper', width: number, javaScript: boolean): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession | null }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: width < 600, hasTouch: width < 600, locale: 'vi-VN', javaScriptEnabled: javaScript });
    const page = await context.newPage();
    const cdp = javaScript ? null : await context.newCDPSession(page);
    if (as === 'shopper') {
      await page.goto(`${base}/login`);
      await page.fill('#email', DEMO_LOGINS.shopper.email);
      await page.fill('#password', DEMO_LOGINS.shopper.password);
      await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
      expect(await page.locator('[data-testid=current-user]').count()).toBe(1);
    }
    return { context, page, cdp };
  }

  /**
   * Opens a visit in one language, checks that it shows its state, runs axe with the WCAG 2.0/2.1
   * A and AA rules and answers what fails (see `axeFindings`), one line each: impact, rule, help,
   * page, state, width and the elements; or one line saying the page is not in its state.
   */
  async function audit(page: Page, cdp: CDPSession | null, visit: Visit, lang: string, label: string): Promise<string[]> {
    const url = `${visit.path}${visit.path.includes('?') ? '&' : '?'}lang=${lang}`;
    const where = `${url}${visit.state ? ` (${visit.state})` : ''} as ${visit.as}, ${label}`;
    // The status of the last page the browser loaded: the one opened, or the one a form led to.
    let status = 0;
    const loaded = (response: Response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) status = response.status();
    };
    page.on('response', loaded);
    await cdp?.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      await page.goto(`${base}${url}`);
      if (visit.act) await visit.act(page);
    } finally {
      page.off('response', loaded);
    }
    await cdp?.send('Emulation.setScriptExecutionDisabled', { value: false });
    expect([url, await page.evaluate('document.documentElement.lang')]).toEqual([url, lang]);
    const missing: string[] = [];
    for (const selector of visit.shows) if ((await page.locator(selector).count()) === 0) missing.push(selector);
    if (status !== (visit.status ?? 200) || missing.length) {
      return [`not in its state: HTTP ${status} (expected ${visit.status ?? 200})${missing.length ? `, missing ${missing.join(', ')}` : ''} — ${where}, at ${page.url()}`];
    }
    return (await axeFindings(page)).map(({ result: r, undecided }) => {
      const targets = r.nodes.slice(0, 5).map((n) => n.target.join(' '));
      if (r.nodes.length > 5) targets.push(`and ${r.nodes.length - 5} more`);
      return `${r.impact} ${r.id}${undecided ? ' (undecided)' : ''}: ${r.help} — ${where} — ${targets.join(', ')}`;
    });
  }

  /** Audits every visit (or those `only` keeps) at one width and language: the guest's and the shopper's browser side by side. */
  async function sweep(width: number, lang: string, javaScript: boolean, only?: (v: Visit) => boolean): Promise<string[]> {
    const label = `${width} px${javaScript ? '' : ', JavaScript off'}`;
    const found = await Promise.all(
      (['guest', 'shopper'] as const).map(async (as) => {
        const { context, page, cdp } = await open(as, width, javaScript);
        try {
          const lines: string[] = [];
          for (const visit of visits(f).filter((v) => v.as === as && (!only || only(v)))) lines.push(...(await audit(page, cdp, visit, lang, label)));
          return lines;
        } finally {
          await context.close();
        }
      }),
    );
    return found.flat();
  }

  for (const width of [1280, 390]) {
    for (const lang of ['vi', 'de']) {
      it(`finds no serious or critical WCAG 2.1 AA violation on any storefront page at ${width} px in ${lang}`, async () => {
        expect((await sweep(width, lang, true)).join('\n')).toBe('');
      }, 120_000);
    }
  }

  it('finds none in Indonesian on the layout, a list, the forms and an error page, at both widths', async () => {
    const only = (v: Visit) => INDONESIAN.has(v.path);
    expect([...(await sweep(1280, 'id', true, only)), ...(await sweep(390, 'id', true, only))].join('\n')).toBe('');
  }, 120_000);

  it('finds none on any storefront page loaded with JavaScript off, at 390 px in vi', async () => {
    expect((await sweep(390, 'vi', false)).join('\n')).toBe('');
  }, 120_000);

  it('lets the keyboard skip the header: the first Tab shows the skip link, Enter moves on to the main content', async () => {
    const { context, page } = await open('guest', 390, true);
    try {
      await page.goto(`${base}/products?lang=de`);
      const skip = page.locator('.skip-link');
      expect((await skip.boundingBox())!.y).toBeLessThan(0);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Zum Hauptinhalt springen');
      expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(new URL(page.url()).hash).toBe('#main');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.closest("main") !== null')).toBe(true);
    } finally {
      await context.close();
    }
  });
});

/**
 * Everything the pages need from the demo data: a published story; bookings of the demo shopper
 * confirmed, awaiting payment and cancelled; an order paid, one whose payment was declined and
 * one waiting for a bank transfer; a cart holding a product, a product its vendor has since
 * withdrawn and a booking; a password-reset link.
 */
async function fixtures(m: TestMarketplace): Promise<Fixtures> {
  const storefront = () => request(m.storefront.getHttpServer());
  const shopper = { Authorization: `Bearer ${await m.token(m.storefront, DEMO_LOGINS.shopper.email, DEMO_LOGINS.shopper.password)}` };
  const vendor = { Authorization: `Bearer ${await m.token(m.vendor, DEMO_LOGINS.vendor.email, DEMO_LOGINS.vendor.password)}` };
  const admin = { Authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
  const db = m.infra.dataSource;

  const products = (await storefront().get('/api/products?limit=50').expect(200)).body.items as { id: string; slug: string; village: { slug: string } }[];
  const own = (await request(m.vendor.getHttpServer()).get('/api/vendor/products').set(vendor).expect(200)).body.items as { id: string; state: string }[];
  const withdrawn = own.find((p) => p.state === 'listed' && p.id !== products[0].id)!;
  const { slug: goneSlug } = await db.getRepository(Product).findOneByOrFail({ state: 'delisted' });
  const { traceCode } = await db.getRepository(Product).findOneByOrFail({ slug: products[0].slug });

  const villages = (await storefront().get('/api/villages').expect(200)).body.items as { id: string; slug: string }[];
  const village = villages.find((v) => v.slug === products[0].village.slug) ?? villages[0];
  const story = await request(m.admin.getHttpServer())
    .post('/api/admin/stories')
    .set(admin)
    .send({
      villageId: village.id,
      kind: 'village',
      title: { vi: 'Mùa gốm trên bến sông Hồng', en: 'A season of pottery on the Red River' },
      body: { vi: 'Lò gốm **đỏ lửa** từ sáng sớm.\n\n- Nặn\n- Nung', en: 'The kilns are **lit** from early morning.\n\n- Throwing\n- Firing' },
    })
    .expect(201);

  const experiences = (await storefront().get('/api/experiences').expect(200)).body.items as { id: string }[];
  let experienceId = '';
  const freeSlot = async () => {
    for (const x of experiences) {
      const slots = (await storefront().get(`/api/experiences/${x.id}/slots`).expect(200)).body.items as { id: string; remaining: number }[];
      const slot = slots.find((s) => s.remaining >= 2);
      if (!slot) continue;
      experienceId ||= x.id;
      return slot.id;
    }
    throw new Error('no experience with two free places');
  };
  const book = async () =>
    (
      await storefront()
        .post('/api/bookings')
        .set(shopper)
        .send({ slotId: await freeSlot(), people: 2, paymentMethod: 'sandbox' })
        .expect(201)
    ).body as { id: string; payment: { id: string } };
  const booking = await book();
  await storefront().post(`/api/payments/sandbox/${booking.payment.id}/complete`).set(shopper).send({ outcome: 'succeeded' }).expect(200);
  const unpaidBooking = await book();
  const cancelledBooking = await book();
  await storefront().post(`/api/bookings/${cancelledBooking.id}/cancel`).set(shopper).expect(200);

  const orders = (await storefront().get('/api/orders').set(shopper).expect(200)).body.items as { id: string; status: string }[];
  const unpaidOrder = orders.find((o) => o.status === 'awaiting_payment');
  const paidOrder = orders.find((o) => o.status === 'paid');
  if (!unpaidOrder || !paidOrder) throw new Error(`the demo shopper's orders: ${JSON.stringify(orders.map((o) => o.status))}`);
  const orderPayment = (await storefront().get(`/api/orders/${unpaidOrder.id}/payment`).set(shopper).expect(200)).body as { id: string };
  await storefront().post(`/api/payments/sandbox/${orderPayment.id}/complete`).set(shopper).send({ outcome: 'failed' }).expect(200);

  await storefront().post('/api/cart/items').set(shopper).send({ productId: products[1].id, quantity: 1 }).expect(201);
  const transfer = (
    await storefront()
      .post('/api/checkout')
      .set(shopper)
      .send({ shippingAddress: { name: DEMO_LOGINS.shopper.name, line1: '18 Phố Hàng Gai', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' }, paymentMethod: 'vietqr' })
      .expect(201)
  ).body as { orderId: string; payment: { id: string } };

  for (const productId of [products[0].id, withdrawn.id]) await storefront().post('/api/cart/items').set(shopper).send({ productId, quantity: 1 }).expect(201);
  await request(m.vendor.getHttpServer()).post(`/api/vendor/products/${withdrawn.id}/unpublish`).set(vendor).expect(200);
  await storefront()
    .post('/api/cart/bookings')
    .set(shopper)
    .send({ slotId: await freeSlot(), people: 2 })
    .expect(201);

  await storefront().post('/api/auth/password-reset').send({ email: DEMO_LOGINS.shopper.email }).expect(202);
  const mail = await db.getRepository(MailMessage).findOneOrFail({ where: { to: DEMO_LOGINS.shopper.email, template: 'password-reset' } });
  const resetToken = /\/password-reset\/([A-Za-z0-9_-]+)/.exec(mail.html)![1];

  return {
    productSlug: products[0].slug,
    goneSlug,
    traceCode,
    villageSlug: village.slug,
    storySlug: (story.body as { slug: string }).slug,
    experienceId,
    bookingId: booking.id,
    unpaidBookingId: unpaidBooking.id,
    bookingPaymentId: unpaidBooking.payment.id,
    cancelledBookingId: cancelledBooking.id,
    paidOrderId: paidOrder.id,
    declinedOrderId: unpaidOrder.id,
    orderPaymentId: orderPayment.id,
    transferOrderId: transfer.orderId,
    transferPaymentId: transfer.payment.id,
    resetToken,
  };
}
