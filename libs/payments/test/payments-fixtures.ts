import { randomUUID } from 'node:crypto';
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

export { startStripeStandIn, type StripeStandIn } from '@ocop/testing';

/** The payments services wired by hand over a fresh database (SQLite unless `mysql` is asked for), with orders' real service. */
export async function openPayments(opts: { stripeApiUrl?: string; now?: string; dialect?: 'sqlite' | 'mysql' } = {}) {
  const { dataSource: ds, cleanup } = await openTestDatabase(opts.dialect ?? 'sqlite');
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
  const payments = new PaymentsService(tx, clock, gateways, orders, ledger, refunds, events);
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
