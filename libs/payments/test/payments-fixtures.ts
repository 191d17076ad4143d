import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { In } from 'typeorm';
import { FakeClock, loadConfig, type Actor } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { Order, OrdersService, SubOrder, type PaymentMethod } from '@ocop/orders';
import { openTestDatabase } from '@ocop/testing';
import { LedgerEntry } from '../src/ledger-entry.entity';
import { LedgerService } from '../src/ledger.service';
import { PaymentGateways } from '../src/payment-gateways';
import { PaymentsService } from '../src/payments.service';
import { RefundsService } from '../src/refunds.service';

export const STRIPE_WEBHOOK_SECRET = 'whsec_test_secret';
export const BANK_SECRET = 'bank-notification-secret-0123456789';

export const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };
export const buyer: Actor = { ...admin, id: randomUUID(), email: 'buyer@example.vn', name: 'Buyer', roles: ['shopper'] };

export interface StandInRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  form: URLSearchParams;
}

/**
 * An offline HTTP stand-in for the parts of Stripe's API the gateway calls: Checkout Sessions
 * (create, retrieve, expire) and refunds. It remembers each request and answers a repeated
 * idempotency key with the first answer, as Stripe does.
 */
export async function startStripeStandIn() {
  const requests: StandInRequest[] = [];
  const byKey = new Map<string, unknown>();
  const sessions = new Map<string, Record<string, unknown>>();
  let n = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer((req, res) => void respond(req, res));
  async function respond(req: IncomingMessage, res: ServerResponse) {
    const body = await read(req);
    const form = new URLSearchParams(body);
    const path = (req.url ?? '').split('?')[0];
    const key = req.headers['idempotency-key'] as string | undefined;
    requests.push({ method: req.method ?? '', path, idempotencyKey: key, form });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++n}` });
      res.end(JSON.stringify(json));
    };
    if (key && byKey.has(`${path}:${key}`)) return send(200, byKey.get(`${path}:${key}`));
    let answer: unknown;
    let m: RegExpMatchArray | null;
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${++n}`;
      const s = {
        id,
        object: 'checkout.session',
        status: 'open',
        payment_status: 'unpaid',
        url: `https://checkout.stripe.test/c/${id}`,
        amount_total: Number(form.get('line_items[0][price_data][unit_amount]')),
        currency: 'vnd',
        metadata: { paymentId: form.get('metadata[paymentId]'), orderId: form.get('metadata[orderId]') },
      };
      sessions.set(id, s);
      answer = s;
    } else if (req.method === 'GET' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      answer = sessions.get(m[1]) ?? null;
      if (!answer) return send(404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } });
    } else if (req.method === 'POST' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const s = sessions.get(m[1]);
      if (!s || s.status !== 'open') return send(400, { error: { type: 'invalid_request_error', message: 'Only open sessions can be expired' } });
      s.status = 'expired';
      answer = s;
    } else if (req.method === 'POST' && path === '/v1/refunds') {
      answer = { id: `re_test_${++n}`, object: 'refund', status: 'succeeded', amount: Number(form.get('amount')), payment_intent: form.get('payment_intent'), currency: 'vnd' };
    } else {
      return send(404, { error: { type: 'invalid_request_error', message: `stand-in does not answer ${req.method} ${path}` } });
    }
    if (key) byKey.set(`${path}:${key}`, answer);
    send(200, answer);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, sessions, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;

/** The payments services wired by hand over a fresh SQLite database, with orders' real service. */
export async function openPayments(opts: { stripeApiUrl?: string; now?: string } = {}) {
  const { dataSource: ds, cleanup } = await openTestDatabase('sqlite');
  const clock = new FakeClock(new Date(opts.now ?? '2026-06-10T03:00:00Z'));
  const tx = new Transactions(ds);
  const events = new DomainEvents();
  const config = loadConfig({
    NODE_ENV: 'test',
    STOREFRONT_URL: 'http://shop.test',
    SANDBOX_PAYMENTS: 'true',
    ...(opts.stripeApiUrl ? { STRIPE_SECRET_KEY: 'sk_test_standin', STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: opts.stripeApiUrl } : {}),
    VIETQR_BANK_BIN: '970436',
    VIETQR_ACCOUNT_NO: '0011001234567',
    VIETQR_ACCOUNT_NAME: 'CONG TY OCOP',
    VIETQR_WEBHOOK_SECRET: BANK_SECRET,
  });
  const orders = new OrdersService(tx, clock, events);
  const gateways = new PaymentGateways(config, clock);
  const ledger = new LedgerService(tx, clock);
  const refunds = new RefundsService(tx, clock, events, gateways, orders, ledger);
  const payments = new PaymentsService(tx, clock, gateways, orders, ledger, refunds);
  return {
    ds,
    tx,
    clock,
    config,
    orders,
    gateways,
    ledger,
    refunds,
    payments,
    close: cleanup,
    /** Sum of the order's ledger entries of the given kinds. */
    async sum(orderId: string, kinds: string[]): Promise<number> {
      const rows = await ds.getRepository(LedgerEntry).findBy({ orderId, kind: In(kinds) as never });
      return rows.reduce((a, e) => a + e.amountVnd, 0);
    },
  };
}

export type Payments = Awaited<ReturnType<typeof openPayments>>;

let seq = 0;

/**
 * An order awaiting payment, inserted directly: one sub-order per given vendor part
 * (`items`, `shipping`, frozen `bps` and vendor type).
 */
export async function seedOrder(p: Payments, method: PaymentMethod, parts: { vendorId?: string; items: number; shipping: number; bps?: number; type?: string }[], userId = buyer.id) {
  const id = randomUUID();
  const reference = `OCOP${String(++seq).padStart(4, '0')}${randomUUID().replace(/-/g, '').slice(0, 4).toUpperCase()}`;
  const itemsVnd = parts.reduce((a, x) => a + x.items, 0);
  const shippingVnd = parts.reduce((a, x) => a + x.shipping, 0);
  const order = Object.assign(new Order(), {
    id,
    reference,
    userId,
    status: 'awaiting_payment' as const,
    paymentMethod: method,
    itemsVnd,
    shippingVnd,
    totalVnd: itemsVnd + shippingVnd,
    refundedVnd: 0,
    shippingAddress: { name: 'Nguyễn Văn A', line1: '1 Tràng Tiền', city: 'Hà Nội', country: 'VN', phone: '0900000000' },
    shippingZone: 'domestic' as const,
    locale: 'vi' as const,
    expiresAt: new Date(p.clock.now().getTime() + 30 * 60_000),
    paidAt: null,
    cancelledAt: null,
    cancelReason: null,
  });
  const subs = parts.map((x, i) =>
    Object.assign(new SubOrder(), {
      id: randomUUID(),
      orderId: id,
      reference: `${reference}-${i + 1}`,
      vendorId: x.vendorId ?? randomUUID(),
      status: 'awaiting_payment' as const,
      itemsVnd: x.items,
      shippingVnd: x.shipping,
      totalVnd: x.items + x.shipping,
      refundedVnd: 0,
      commissionBps: x.bps ?? 800,
      vendorType: x.type ?? 'cooperative',
      carrier: null,
      trackingNumber: null,
      packedAt: null,
      shippedAt: null,
      cancelledAt: null,
      reviewFlaggedAt: null,
      reviewReason: null,
      reviewNote: null,
      reviewedAt: null,
    }),
  );
  await p.tx.run(async (em) => {
    await em.insert(Order, order);
    // One row at a time: a multi-row insert may hand the generated values back to the wrong objects.
    for (const s of subs) await em.insert(SubOrder, { ...s });
  });
  return { order, subs };
}
