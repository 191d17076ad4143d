import { createHmac } from 'node:crypto';
import request from 'supertest';
import { OrdersService, Order } from '@ocop/orders';
import { LedgerEntry, Payment, PaymentEvent, PaymentGateways, Refund } from '@ocop/payments';
import { seedVendorWithCertificate, startStripeStandIn, type StripeStandIn } from '@ocop/testing';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

const ADDRESS = { name: 'Nguyễn Thị Lan', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' };
const PASSWORD = 'Mua-Hang-2025x';

type Agent = ReturnType<typeof request.agent>;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const formAction = (res: request.Response) => /form-action ([^;]+)/.exec(String(res.headers['content-security-policy']))?.[1];
/** A page's text without its tags. */
const words = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

/** A shopper signed up through the API, with a bearer token and a browser logged in through the login page (English pages). */
async function shopperOf(m: TestMarketplace, email: string): Promise<{ token: string; agent: Agent }> {
  const server = m.storefront.getHttpServer();
  await request(server)
    .post('/api/auth/register')
    .send({ email, password: PASSWORD, name: email.split('@')[0] })
    .expect(201);
  const agent = request.agent(server);
  const login = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), email, password: PASSWORD, next: '/' })
    .expect(303);
  await agent.get('/?lang=en');
  return { token: await m.token(m.storefront, email, PASSWORD), agent };
}

describe('payments through the storefront (embedded default, sandbox)', () => {
  let m: TestMarketplace;
  const shop = () => request(m.storefront.getHttpServer());
  let lan: string;
  let minh: string;
  let a: Awaited<ReturnType<typeof seedVendorWithCertificate>>;

  async function register(email: string): Promise<string> {
    await shop()
      .post('/api/auth/register')
      .send({ email, password: 'Mua-Hang-2025x', name: email.split('@')[0] })
      .expect(201);
    return m.token(m.storefront, email, 'Mua-Hang-2025x');
  }

  async function checkout(token: string) {
    await shop().post('/api/cart/items').set('authorization', `Bearer ${token}`).send({ productId: a.products[0].id, quantity: 1 }).expect(201);
    const placed = await shop().post('/api/checkout').set('authorization', `Bearer ${token}`).send({ shippingAddress: ADDRESS, paymentMethod: 'sandbox' }).expect(201);
    return placed.body as { orderId: string; totalVnd: number; payment: { id: string; payUrl: string; status: string } };
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    a = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 1, vendorName: 'HTX Gốm Bát Tràng' }));
    lan = await register('lan.pay@example.vn');
    minh = await register('minh.pay@example.vn');
  });
  afterAll(() => m.close());

  it('checks out with the sandbox, completes the payment and shows the order paid with its ledger entries', async () => {
    const placed = await checkout(lan);
    expect(placed.payment).toMatchObject({ status: 'pending', payUrl: `/pay/${placed.payment.id}` });
    const auth = { authorization: `Bearer ${lan}` };
    await shop()
      .post(`/api/payments/sandbox/${placed.payment.id}/complete`)
      .set({ authorization: `Bearer ${minh}` })
      .send({ outcome: 'succeeded' })
      .expect(404);
    await shop().post(`/api/payments/sandbox/${placed.payment.id}/complete`).set(auth).send({ outcome: 'maybe' }).expect(400);
    const done = await shop().post(`/api/payments/sandbox/${placed.payment.id}/complete`).set(auth).send({ outcome: 'succeeded' }).expect(200);
    expect(done.body).toMatchObject({ status: 'succeeded', amountVnd: placed.totalVnd });
    expect((await shop().get(`/api/orders/${placed.orderId}`).set(auth).expect(200)).body).toMatchObject({ status: 'paid' });
    expect((await shop().get(`/api/orders/${placed.orderId}/payment`).set(auth).expect(200)).body).toMatchObject({ status: 'succeeded' });
    await shop()
      .get(`/api/orders/${placed.orderId}/payment`)
      .set({ authorization: `Bearer ${minh}` })
      .expect(404);
    const sales = await m.infra.dataSource.getRepository(LedgerEntry).findBy({ orderId: placed.orderId, kind: 'sale' });
    expect(sales.reduce((s, e) => s + e.amountVnd, 0)).toBe(placed.totalVnd);
  });

  it('refunds automatically a sandbox payment for an order cancelled meanwhile', async () => {
    const placed = await checkout(minh);
    await m.storefront.get(OrdersService, { strict: false }).cancelUnpaid(placed.orderId, 'payment_expired');
    await shop()
      .post(`/api/payments/sandbox/${placed.payment.id}/complete`)
      .set({ authorization: `Bearer ${minh}` })
      .send({ outcome: 'succeeded' })
      .expect(200);
    expect(await m.infra.dataSource.getRepository(Order).findOneByOrFail({ id: placed.orderId })).toMatchObject({ status: 'cancelled' });
    expect(await m.infra.dataSource.getRepository(Refund).findBy({ orderId: placed.orderId })).toMatchObject([
      { status: 'succeeded', amountVnd: placed.totalVnd, reason: 'order_cancelled_before_payment' },
    ]);
    expect(await m.infra.dataSource.getRepository(Payment).findOneByOrFail({ id: placed.payment.id })).toMatchObject({ status: 'refunded' });
  });

  it('sends the shopper from the sandbox page to the order: declined, it stays open to pay again until its deadline; paid, it is confirmed', async () => {
    const { token, agent } = await shopperOf(m, 'hoa.pay@example.vn');
    const auth = { authorization: `Bearer ${token}` };
    const placed = await checkout(token);
    const pay = await agent.get(`/pay/${placed.payment.id}`).expect(200);

    const declined = await agent
      .post(`/pay/${placed.payment.id}/decline`)
      .type('form')
      .send({ _csrf: csrfOf(pay.text) });
    expect(declined.status).toBe(303);
    expect(declined.headers.location).toBe(`/orders/${placed.orderId}`);
    const page = await agent.get(declined.headers.location).expect(200);
    expect(page.text).toMatch(/data-testid="payment-declined"/);
    expect(words(page.text)).toMatch(
      /Your payment was declined and nothing was charged\. The order stays open: you can try again until \d{1,2} \w+ \d{4}, \d\d:\d\d \(UTC\+7\); after that it is cancelled and the products go back on sale\./,
    );
    expect(page.text).toContain(`href="/pay/${placed.payment.id}" data-testid="pay-now">Try the payment again</a>`);
    expect(words(page.text)).toContain('Awaiting payment');
    expect(page.text).not.toContain('data-testid="confirmation"');
    // The API says the same in words, with the deadline.
    const order = (await shop().get(`/api/orders/${placed.orderId}`).set(auth).expect(200)).body;
    expect(order).toMatchObject({ status: 'awaiting_payment', payment: { id: placed.payment.id, status: 'failed', payBy: order.expiresAt } });
    expect(order.payment.message).toBe(`The payment was declined and nothing was charged. The order stays open: try again by ${order.expiresAt}; after that the order is cancelled.`);
    expect((await shop().get(`/api/orders/${placed.orderId}/payment`).set(auth).expect(200)).body).toMatchObject({ status: 'failed', message: order.payment.message });

    const paid = await agent
      .post(`/pay/${placed.payment.id}/pay`)
      .type('form')
      .send({ _csrf: csrfOf(pay.text) });
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toBe(`/orders/${placed.orderId}`);
    const confirmed = await agent.get(paid.headers.location).expect(200);
    expect(confirmed.text).toMatch(/data-testid="confirmation">Thank you — your order is confirmed</);
    expect(confirmed.text).not.toContain('data-testid="payment-declined"');
    expect((await shop().get(`/api/orders/${placed.orderId}`).set(auth).expect(200)).body).toMatchObject({ status: 'paid', payment: { status: 'succeeded', message: 'Paid.' } });
  });

  it("keeps the checkout page's form-action to this site when Stripe is not configured", async () => {
    const res = await shop().get('/checkout');
    expect(formAction(res)).toBe("'self'");
  });

  it('answers a Stripe webhook without Stripe configured, and a bank notification with a bad signature, without changing anything', async () => {
    await shop().post('/api/payments/stripe/webhook').set('stripe-signature', 't=1,v1=00').send({ id: 'evt_x' }).expect(404);
    await shop()
      .post('/api/payments/vietqr/notifications')
      .set('x-signature', '00')
      .send({ transactionId: 'FT1', amountVnd: 1 })
      .expect((r) => expect([400, 404]).toContain(r.status));
  });
});

describe("webhook routes read the exact raw body (Stripe's API replaced by an offline HTTP stand-in)", () => {
  let m: TestMarketplace;
  const secret = 'bank-notification-secret-0123456789';
  const shop = () => request(m.storefront.getHttpServer());
  beforeAll(async () => {
    m = await startTestMarketplace({
      env: {
        STRIPE_SECRET_KEY: 'sk_test_standin',
        STRIPE_WEBHOOK_SECRET: 'whsec_e2e',
        // Nothing answers here: these tests call no Stripe endpoint.
        STRIPE_API_URL: 'http://127.0.0.1:9',
        VIETQR_BANK_BIN: '970436',
        VIETQR_ACCOUNT_NO: '0011001234567',
        VIETQR_ACCOUNT_NAME: 'CONG TY OCOP',
        VIETQR_WEBHOOK_SECRET: secret,
      },
    });
  });
  afterAll(() => m.close());

  it('verifies a Stripe signature over the bytes as sent, whitespace included, and refuses a tampered body with 400', async () => {
    const stripe = m.storefront.get(PaymentGateways, { strict: false }).requireStripe().stripe;
    const body = '{ "id": "evt_e2e_1",  "object": "event", "type": "customer.created", "data": { "object": {} } }';
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_e2e' });
    const ok = await shop().post('/api/payments/stripe/webhook').set('content-type', 'application/json').set('stripe-signature', header).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'ignored', reason: 'not_handled' });
    const bad = await shop().post('/api/payments/stripe/webhook').set('content-type', 'application/json').set('stripe-signature', header).send(body.replace('  ', ' '));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'Stripe-Signature', message: 'does not verify' }]);
    expect(await m.infra.dataSource.getRepository(PaymentEvent).countBy({ provider: 'stripe' })).toBe(1);
  });

  it('verifies a bank notification by HMAC of the raw body and flags a transfer naming no order', async () => {
    const body = '{"transactionId":"FT-E2E-1","amountVnd":50000,"description":"chuyen tien"}';
    const sig = createHmac('sha256', secret).update(body).digest('hex');
    const res = await shop().post('/api/payments/vietqr/notifications').set('content-type', 'application/json').set('x-signature', sig).send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'flagged', reason: 'no_matching_order' });
    await shop()
      .post('/api/payments/vietqr/notifications')
      .set('content-type', 'application/json')
      .set('x-signature', sig)
      .send(body + ' ')
      .expect(400);
  });
});

describe("card payments from the checkout page (Stripe's API replaced by an offline HTTP stand-in)", () => {
  let m: TestMarketplace;
  let api: StripeStandIn;
  let a: Awaited<ReturnType<typeof seedVendorWithCertificate>>;
  const shop = () => request(m.storefront.getHttpServer());
  const WEBHOOK_SECRET = 'whsec_checkout_e2e';

  beforeAll(async () => {
    api = await startStripeStandIn();
    m = await startTestMarketplace({ env: { STRIPE_SECRET_KEY: 'sk_test_standin', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: api.url } });
    a = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 1, vendorName: 'HTX Chè Tân Cương' }));
  });
  afterAll(async () => {
    await m?.close();
    await api?.close();
  });

  async function deliver(event: object) {
    const body = JSON.stringify({ object: 'event', api_version: '2025-01-01', created: 1, ...event });
    const header = m.storefront.get(PaymentGateways, { strict: false }).requireStripe().stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
    return shop().post('/api/payments/stripe/webhook').set('content-type', 'application/json').set('stripe-signature', header).send(body).expect(200);
  }

  it("sends the shopper straight to Stripe's Checkout Session from the checkout form, which the page's form-action allows", async () => {
    const { token, agent } = await shopperOf(m, 'linh.card@example.vn');
    const auth = { authorization: `Bearer ${token}` };
    await shop().post('/api/cart/items').set(auth).send({ productId: a.products[0].id, quantity: 1 }).expect(201);
    const form = await agent.get('/checkout').expect(200);
    expect(formAction(form)).toBe("'self' https://checkout.stripe.com");
    expect(form.text).toMatch(/data-testid="method-stripe"/);

    const res = await agent
      .post('/checkout')
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...ADDRESS, paymentMethod: 'stripe', action: 'place' });

    expect(res.status).toBe(303);
    const session = [...api.sessions.values()].at(-1)!;
    expect(res.headers.location).toBe(session.url);
    expect(new URL(res.headers.location).origin).toBe('https://checkout.stripe.com');
    expect(formAction(res)).toBe("'self' https://checkout.stripe.com");
    const orderId = (session.metadata as { orderId: string }).orderId;
    const payment = await m.infra.dataSource.getRepository(Payment).findOneByOrFail({ subjectId: orderId });
    expect(payment).toMatchObject({ provider: 'stripe', status: 'pending', providerRef: session.id });

    // A declined card leaves the order open; the order page and the API say so and offer Stripe's page again.
    const intent = { id: 'pi_card_e2e', object: 'payment_intent', amount: payment.amountVnd, metadata: { paymentId: payment.id, orderId } };
    expect((await deliver({ id: 'evt_card_failed', type: 'payment_intent.payment_failed', data: { object: intent } })).body).toMatchObject({ outcome: 'applied' });
    const page = await agent.get(`/orders/${orderId}`).expect(200);
    expect(words(page.text)).toContain('Your payment was declined and nothing was charged. The order stays open: you can try again until');
    expect(page.text).toContain(`href="${session.url}" data-testid="pay-now"`);
    const order = (await shop().get(`/api/orders/${orderId}`).set(auth).expect(200)).body;
    expect(order).toMatchObject({ status: 'awaiting_payment', payment: { status: 'failed', payUrl: session.url, payBy: order.expiresAt } });
    expect(order.payment.message).toContain('The payment was declined and nothing was charged. The order stays open');

    // The next attempt succeeds.
    const completed = {
      id: session.id,
      object: 'checkout.session',
      payment_status: 'paid',
      status: 'complete',
      payment_intent: 'pi_card_e2e',
      amount_total: payment.amountVnd,
      metadata: { paymentId: payment.id },
    };
    expect((await deliver({ id: 'evt_card_paid', type: 'checkout.session.completed', data: { object: completed } })).body).toMatchObject({ outcome: 'applied' });
    expect((await agent.get(`/orders/${orderId}`).expect(200)).text).toMatch(/data-testid="confirmation">Thank you — your order is confirmed</);
    expect(await m.infra.dataSource.getRepository(Order).findOneByOrFail({ id: orderId })).toMatchObject({ status: 'paid' });
  });
});
