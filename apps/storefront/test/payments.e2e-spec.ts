import { createHmac } from 'node:crypto';
import request from 'supertest';
import { OrdersService, Order } from '@ocop/orders';
import { LedgerEntry, Payment, PaymentEvent, PaymentGateways, Refund } from '@ocop/payments';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

const ADDRESS = { name: 'Nguyễn Thị Lan', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' };

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
