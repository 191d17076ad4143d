import { createHmac } from 'node:crypto';
import { DomainEventRecord } from '@ocop/database';
import { Order, SubOrder } from '@ocop/orders';
import { describeMysql } from '@ocop/testing';
import { LedgerEntry } from '../src/ledger-entry.entity';
import { Payment } from '../src/payment.entity';
import { PaymentEvent } from '../src/payment-event.entity';
import { Refund } from '../src/refund.entity';
import { BANK_SECRET, openPayments, seedOrder, startStripeStandIn, STRIPE_WEBHOOK_SECRET, type Payments, type StripeStandIn } from './payments-fixtures';

/** Household seller, so a sale writes sale, commission, VAT and PIT: four entries per sub-order. */
const PARTS = [
  { items: 300000, shipping: 30000, type: 'household' },
  { items: 120000, shipping: 25000, bps: 1000 },
];
const ENTRIES_OF_ONE_SALE = 4 + 2;

/**
 * The same money announced several times at the same moment. On MariaDB every delivery runs on
 * its own pooled connection, so the transactions truly overlap; on SQLite they queue.
 */
function moneyArrivingTwiceAtOnce(dialect: 'sqlite' | 'mysql') {
  let api: StripeStandIn;
  let p: Payments;
  beforeAll(async () => {
    api = await startStripeStandIn();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    p = await openPayments({ stripeApiUrl: api.url, dialect });
  });
  afterEach(() => p.close());

  const completed = (eventId: string, pay: { id: string; providerRef: string | null; amountVnd: number }) =>
    JSON.stringify({
      id: eventId,
      object: 'event',
      type: 'checkout.session.completed',
      api_version: '2025-01-01',
      created: 1,
      data: {
        object: {
          id: pay.providerRef,
          object: 'checkout.session',
          payment_status: 'paid',
          status: 'complete',
          payment_intent: `pi_${eventId}`,
          amount_total: pay.amountVnd,
          client_reference_id: pay.id,
          metadata: { paymentId: pay.id },
        },
      },
    });
  const signed = (body: string) => p.gateways.requireStripe().stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_WEBHOOK_SECRET });

  async function expectPaidOnce(orderId: string, paymentId: string) {
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: orderId })).toMatchObject({ status: 'paid' });
    expect((await p.ds.getRepository(SubOrder).findBy({ orderId })).map((s) => s.status)).toEqual(['paid', 'paid']);
    expect(await p.ds.getRepository(Payment).findOneByOrFail({ id: paymentId })).toMatchObject({ status: 'succeeded' });
    expect(await p.ds.getRepository(LedgerEntry).countBy({ orderId })).toBe(ENTRIES_OF_ONE_SALE);
    expect(await p.sum(orderId, ['sale'])).toBe(475000);
    const paidEvents = (await p.ds.getRepository(DomainEventRecord).findBy({ type: 'OrderPaid' })).filter((e) => String(e.payload).includes(orderId));
    expect(paidEvents).toHaveLength(1);
  }

  for (const copies of [2, 20]) {
    it(`pays the order once when ${copies} identical signed Stripe webhooks arrive at the same moment`, async () => {
      const { order } = await seedOrder(p, 'stripe', PARTS);
      const view = await p.payments.startForOrder(order.id);
      const payment = await p.ds.getRepository(Payment).findOneByOrFail({ id: view.id });
      const body = completed(`evt_race_${copies}`, payment);
      const header = signed(body);

      const results = await Promise.all(Array.from({ length: copies }, () => p.payments.handleStripeWebhook(Buffer.from(body), header)));

      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'replay')).toHaveLength(copies - 1);
      expect(await p.ds.getRepository(PaymentEvent).countBy({ eventId: `evt_race_${copies}` })).toBe(1);
      await expectPaidOnce(order.id, payment.id);
    });
  }

  it('pays the order once when two bank notifications of different transfers for it arrive at the same moment, flagging the second as a duplicate transfer', async () => {
    const { order } = await seedOrder(p, 'vietqr', PARTS);
    const view = await p.payments.startForOrder(order.id);
    const notices = ['FT-RACE-A', 'FT-RACE-B'].map((transactionId) => {
      const raw = Buffer.from(JSON.stringify({ transactionId, amountVnd: order.totalVnd, description: `CK ${order.reference}`, bankAccount: '0011001234567' }));
      return { raw, signature: createHmac('sha256', BANK_SECRET).update(raw).digest('hex') };
    });

    const results = await Promise.all(notices.map((n) => p.payments.handleBankNotification(n.raw, n.signature)));

    expect(results.map((r) => r.outcome).sort()).toEqual(['applied', 'flagged']);
    expect(results.find((r) => r.outcome === 'flagged')).toMatchObject({ reason: 'duplicate_transfer', paymentId: view.id });
    const events = await p.ds.getRepository(PaymentEvent).findBy({ provider: 'vietqr' });
    expect(events.map((e) => e.outcome).sort()).toEqual(['applied', 'flagged']);
    await expectPaidOnce(order.id, view.id);
  });

  it('pays the order once when the same bank notification is delivered 20 times at once', async () => {
    const { order } = await seedOrder(p, 'vietqr', PARTS);
    const view = await p.payments.startForOrder(order.id);
    const raw = Buffer.from(JSON.stringify({ transactionId: 'FT-RACE-SAME', amountVnd: order.totalVnd, reference: order.reference }));
    const signature = createHmac('sha256', BANK_SECRET).update(raw).digest('hex');

    const results = await Promise.all(Array.from({ length: 20 }, () => p.payments.handleBankNotification(raw, signature)));

    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'replay')).toHaveLength(19);
    expect(await p.ds.getRepository(PaymentEvent).countBy({ provider: 'vietqr' })).toBe(1);
    await expectPaidOnce(order.id, view.id);
  });

  it('either pays or cancels and refunds, never both nor neither, when a transfer arrives as its order expires', async () => {
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push((await seedOrder(p, 'vietqr', PARTS)).order);
    for (const o of orders) await p.payments.startForOrder(o.id);
    p.clock.advance(31 * 60_000);
    const notify = (o: Order) => {
      const raw = Buffer.from(JSON.stringify({ transactionId: `FT-LATE-${o.reference}`, amountVnd: o.totalVnd, description: o.reference }));
      return p.payments.handleBankNotification(raw, createHmac('sha256', BANK_SECRET).update(raw).digest('hex'));
    };

    const [results] = await Promise.all([Promise.all(orders.map(notify)), ...orders.map((o) => p.orders.cancelUnpaid(o.id, 'payment_expired'))]);

    for (const [i, o] of orders.entries()) {
      const order = await p.ds.getRepository(Order).findOneByOrFail({ id: o.id });
      const payment = await p.ds.getRepository(Payment).findOneByOrFail({ subjectId: o.id });
      const entries = await p.ds.getRepository(LedgerEntry).countBy({ orderId: o.id });
      if (order.status === 'paid') {
        expect({ result: results[i], payment: payment.status, entries }).toEqual({
          result: expect.objectContaining({ outcome: 'applied', reason: null }),
          payment: 'succeeded',
          entries: ENTRIES_OF_ONE_SALE,
        });
      } else {
        // The bank cannot refund by itself: the automatic refund waits for an admin's transfer.
        expect({ status: order.status, result: results[i], entries }).toEqual({ status: 'cancelled', result: expect.objectContaining({ outcome: 'applied', reason: 'order_cancelled' }), entries: 0 });
        expect(await p.ds.getRepository(Refund).findBy({ orderId: o.id })).toMatchObject([{ reason: 'order_cancelled_before_payment', amountVnd: o.totalVnd }]);
      }
    }
  });
}

describe("payment races on SQLite (Stripe's API replaced by an offline HTTP stand-in)", () => moneyArrivingTwiceAtOnce('sqlite'));
describeMysql("payment races (Stripe's API replaced by an offline HTTP stand-in)", () => moneyArrivingTwiceAtOnce('mysql'));
