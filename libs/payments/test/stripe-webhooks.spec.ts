import { Order, SubOrder } from '@ocop/orders';
import { LedgerEntry } from '../src/ledger-entry.entity';
import { Payment } from '../src/payment.entity';
import { PaymentEvent } from '../src/payment-event.entity';
import { Refund } from '../src/refund.entity';
import { admin, openPayments, seedOrder, startStripeStandIn, STRIPE_WEBHOOK_SECRET, type Payments, type StripeStandIn } from './payments-fixtures';

describe("Stripe payments (Stripe's API replaced by an offline HTTP stand-in)", () => {
  let api: StripeStandIn;
  let p: Payments;
  beforeAll(async () => {
    api = await startStripeStandIn();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    p = await openPayments({ stripeApiUrl: api.url });
  });
  afterEach(() => p.close());

  const stripe = () => p.gateways.requireStripe().stripe;
  const sign = (payload: string) => stripe().webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET });
  const event = (id: string, type: string, object: Record<string, unknown>) => JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', created: 1, data: { object } });
  const completed = (id: string, pay: { id: string; providerRef: string | null; amountVnd: number }, pi = `pi_${id}`) =>
    event(id, 'checkout.session.completed', {
      id: pay.providerRef,
      object: 'checkout.session',
      payment_status: 'paid',
      status: 'complete',
      payment_intent: pi,
      amount_total: pay.amountVnd,
      client_reference_id: pay.id,
      metadata: { paymentId: pay.id },
    });
  const deliver = (body: string, signature = sign(body)) => p.payments.handleStripeWebhook(Buffer.from(body), signature);

  async function startedOrder(parts: Parameters<typeof seedOrder>[2] = [{ items: 300000, shipping: 30000 }]) {
    const { order, subs } = await seedOrder(p, 'stripe', parts);
    const view = await p.payments.startForOrder(order.id);
    const payment = await p.ds.getRepository(Payment).findOneByOrFail({ id: view.id });
    return { order, subs, view, payment };
  }

  it('starts one Checkout Session per order in VND (zero-decimal) with the order as idempotency key', async () => {
    const { order, view } = await startedOrder();
    expect(view).toMatchObject({ provider: 'stripe', status: 'pending', amountVnd: 330000, reference: order.reference });
    expect(view.payUrl).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const again = await p.payments.startForOrder(order.id);
    expect(again.id).toBe(view.id);
    const creates = api.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.form.get('metadata[orderId]') === order.id);
    expect(creates).toHaveLength(1);
    expect(creates[0].idempotencyKey).toBe(`order:${order.id}`);
    expect(creates[0].form.get('line_items[0][price_data][currency]')).toBe('vnd');
    expect(creates[0].form.get('line_items[0][price_data][unit_amount]')).toBe('330000');
    expect(creates[0].form.get('success_url')).toBe(`http://shop.test/pay/${view.id}?done=1`);
    expect(await p.ds.getRepository(Payment).countBy({ subjectId: order.id })).toBe(1);
  });

  it('marks the order paid exactly once on a signed succeeded event, with sale, commission and no tax for a cooperative', async () => {
    const { order, subs, payment } = await startedOrder([
      { items: 300000, shipping: 30000, bps: 800 },
      { items: 120000, shipping: 25000, bps: 1000 },
    ]);
    expect(await deliver(completed('evt_1', payment))).toMatchObject({ outcome: 'applied', paymentId: payment.id });
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'paid' });
    expect(await p.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).toMatchObject({ status: 'succeeded', providerRef: 'pi_evt_1' });
    expect(await p.sum(order.id, ['sale'])).toBe(order.totalVnd);
    expect(await p.sum(order.id, ['commission'])).toBe(-(24000 + 12000));
    expect(await p.sum(order.id, ['vat_withheld', 'pit_withheld'])).toBe(0);
    // The same payment announced again as payment_intent.succeeded changes nothing.
    const pi = event('evt_2', 'payment_intent.succeeded', { id: 'pi_evt_1', object: 'payment_intent', amount: 475000, amount_received: 475000, metadata: { paymentId: payment.id } });
    expect(await deliver(pi)).toMatchObject({ outcome: 'ignored', reason: 'already_succeeded' });
    expect(await p.ds.getRepository(LedgerEntry).countBy({ orderId: order.id })).toBe(4);
    expect((await p.ds.getRepository(SubOrder).findBy({ orderId: order.id })).map((s) => s.status)).toEqual(['paid', 'paid']);
    expect(subs).toHaveLength(2);
  });

  it('answers a bad signature with a 400 naming Stripe-Signature and changes nothing', async () => {
    const { order, payment } = await startedOrder();
    const body = completed('evt_bad', payment);
    const good = sign(body);
    const forged = good.replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    expect(forged).not.toBe(good);
    await expect(deliver(body, forged)).rejects.toMatchObject({ status: 400, field: 'Stripe-Signature' });
    await expect(p.payments.handleStripeWebhook(Buffer.from(body), undefined)).rejects.toMatchObject({ status: 400 });
    await expect(deliver(body.replace('"paid"', '"paid" '), good)).rejects.toMatchObject({ status: 400 });
    const other = stripe().webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_someone_else' });
    await expect(deliver(body, other)).rejects.toMatchObject({ status: 400 });
    expect(await p.ds.getRepository(PaymentEvent).count()).toBe(0);
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'awaiting_payment' });
    expect(await p.ds.getRepository(LedgerEntry).count()).toBe(0);
  });

  it('records 100 replays of the same event as one payment event and one set of ledger entries', async () => {
    const { order, payment } = await startedOrder([{ items: 200000, shipping: 20000, type: 'household' }]);
    const body = completed('evt_replay', payment);
    const results = await Promise.all(Array.from({ length: 100 }, () => deliver(body)));
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'replay')).toHaveLength(99);
    expect(await p.ds.getRepository(PaymentEvent).countBy({ eventId: 'evt_replay' })).toBe(1);
    expect(await p.ds.getRepository(LedgerEntry).countBy({ orderId: order.id })).toBe(4);
    expect(await p.sum(order.id, ['sale'])).toBe(220000);
  });

  it('changes nothing when a failure arrives after the success', async () => {
    const { order, payment } = await startedOrder();
    await deliver(completed('evt_ok', payment));
    const failed = event('evt_late_fail', 'payment_intent.payment_failed', { id: 'pi_evt_ok', object: 'payment_intent', amount: 330000, metadata: { paymentId: payment.id } });
    expect(await deliver(failed)).toMatchObject({ outcome: 'ignored', reason: 'payment_succeeded' });
    expect(await p.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).toMatchObject({ status: 'succeeded' });
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'paid' });
    expect(await p.sum(order.id, ['sale'])).toBe(order.totalVnd);
  });

  it('refunds one sub-order through the stand-in with the refund id as idempotency key, reversing its ledger entries', async () => {
    const { order, subs, payment } = await startedOrder([
      { items: 300000, shipping: 30000, bps: 800, type: 'household' },
      { items: 100000, shipping: 20000, bps: 1000 },
    ]);
    await deliver(completed('evt_paid', payment));
    const refund = await p.refunds.refund(admin, order.id, subs[0].id, 'Hàng vỡ khi vận chuyển');
    expect(refund).toMatchObject({ status: 'succeeded', amountVnd: 330000, subOrderId: subs[0].id });
    const call = api.requests.find((r) => r.path === '/v1/refunds' && r.idempotencyKey === refund.id)!;
    expect(call.form.get('payment_intent')).toBe('pi_evt_paid');
    expect(call.form.get('amount')).toBe('330000');
    expect(await p.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).toMatchObject({ status: 'partially_refunded', refundedVnd: 330000 });
    // Sales minus refunds equal the order's total minus what was refunded.
    expect((await p.sum(order.id, ['sale'])) + (await p.sum(order.id, ['refund']))).toBe(order.totalVnd - 330000);
    // The refunded household sub-order's commission and taxes are reversed in full.
    const vendorA = await p.ds.getRepository(LedgerEntry).findBy({ subOrderId: subs[0].id });
    expect(vendorA.reduce((a, e) => a + e.amountVnd, 0)).toBe(0);
    expect((await p.ledger.balance(subs[1].vendorId)).balanceVnd).toBe(120000 - 10000);
    // Refunding the rest of the order takes what is left.
    const rest = await p.refunds.refund(admin, order.id, null, 'Shop closed');
    expect(rest.amountVnd).toBe(120000);
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'refunded', refundedVnd: order.totalVnd });
    expect(await p.sum(order.id, ['sale', 'refund'])).toBe(0);
    await expect(p.refunds.refund(admin, order.id, null, 'again')).rejects.toMatchObject({ status: 409, details: { reason: 'already_refunded' } });
    expect(await p.ds.getRepository(Refund).countBy({ orderId: order.id })).toBe(2);
  });

  it('refunds automatically, through Stripe, money that arrives for an order cancelled meanwhile', async () => {
    const { order, payment } = await startedOrder();
    expect(await p.orders.cancelUnpaid(order.id, 'payment_expired')).toBe(true);
    expect(await p.payments.cancelPendingForOrder(order.id)).toBe(true);
    expect(api.requests.some((r) => r.path === `/v1/checkout/sessions/${payment.providerRef}/expire`)).toBe(true);
    expect(await deliver(completed('evt_after_cancel', payment))).toMatchObject({ outcome: 'applied', reason: 'order_cancelled' });
    const refunds = await p.ds.getRepository(Refund).findBy({ orderId: order.id });
    expect(refunds).toMatchObject([{ status: 'succeeded', amountVnd: 330000, reason: 'order_cancelled_before_payment' }]);
    expect(await p.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).toMatchObject({ status: 'refunded', refundedVnd: 330000 });
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'cancelled' });
    expect(await p.ds.getRepository(LedgerEntry).countBy({ orderId: order.id })).toBe(0);
  });
});
