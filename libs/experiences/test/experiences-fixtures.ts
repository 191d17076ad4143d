import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { User } from '@ocop/accounts';
import { FakeClock, loadConfig, registerInTransactionHandlers, type Actor } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer } from '@ocop/notifications';
import { CartService, CheckoutService, OrdersService } from '@ocop/orders';
import { LedgerService, PaymentGateways, PaymentsService, RefundsService } from '@ocop/payments';
import { openTestDatabase, seedVendorWithCertificate } from '@ocop/testing';
import { Vendor } from '@ocop/vendors';
import { BookingNotices } from '../src/booking-notices.service';
import { BookingsService } from '../src/bookings.service';
import { CartBookingsService } from '../src/cart-bookings.service';
import { EXPERIENCES_WIRING } from '../src/experiences.wiring';
import { ExperiencesService } from '../src/experiences.service';

/**
 * The experiences library with payments, orders (cart and checkout holding places on dates) and
 * the mailer over a fresh database, wired as a process wires them.
 */
export async function openExperiences(dialect: 'sqlite' | 'mysql' = 'sqlite', now = '2026-06-10T03:00:00Z') {
  const { dataSource: ds, cleanup } = await openTestDatabase(dialect);
  const clock = new FakeClock(new Date(now));
  const tx = new Transactions(ds);
  const events = new DomainEvents();
  const config = loadConfig({ NODE_ENV: 'test', STOREFRONT_URL: 'http://shop.test', SANDBOX_PAYMENTS: 'true', ORDER_PAYMENT_MINUTES: '30' });
  const jobs = new InProcessJobQueue(ds, tx, clock);
  const mailer = new Mailer(tx, jobs, config, clock);
  const orders = new OrdersService(tx, clock, events);
  const gateways = new PaymentGateways(config, clock);
  const ledger = new LedgerService(tx, clock);
  const refunds = new RefundsService(tx, clock, events, gateways, orders, ledger);
  const payments = new PaymentsService(tx, clock, gateways, orders, ledger, refunds, events);
  const experiences = new ExperiencesService(tx, clock);
  const bookings = new BookingsService(tx, clock, config, events, payments, refunds, ledger, mailer);
  const notices = new BookingNotices(tx, mailer, config, clock);
  const cart = new CartService(tx, clock);
  const checkout = new CheckoutService(tx, clock, config, events);
  const cartBookings = new CartBookingsService(tx, clock, cart, checkout);
  registerInTransactionHandlers([EXPERIENCES_WIRING], (p) => (p === BookingsService ? bookings : undefined), events);
  return {
    ds,
    tx,
    clock,
    config,
    events,
    jobs,
    mailer,
    payments,
    refunds,
    ledger,
    orders,
    cart,
    checkout,
    cartBookings,
    experiences,
    bookings,
    notices,
    async close() {
      await jobs.close();
      await cleanup();
    },
  };
}

export type Lib = Awaited<ReturnType<typeof openExperiences>>;

/** A shopper with a users row (e-mails need one). */
export async function shopper(tx: Transactions, name = 'Lan', locale = 'vi'): Promise<Actor> {
  const id = randomUUID();
  const email = `${name.toLowerCase()}-${id.slice(0, 6)}@example.vn`;
  await tx.run((em) => em.insert(User, { id, email, name, passwordHash: 'x', roles: 'shopper', vendorId: null, vendorRole: null, locale, lastLoginAt: null }));
  return { id, email, name, roles: ['shopper'], vendorId: null, vendorRole: null, locale };
}

export function memberOf(vendorId: string): Actor {
  return { id: randomUUID(), email: `staff-${vendorId.slice(0, 6)}@htx.vn`, name: 'Staff', roles: ['vendor'], vendorId, vendorRole: 'owner', locale: 'vi' };
}

/**
 * An approved host vendor (`type`, commission 800 bps) with one listed product in its village, a
 * published pottery class (250,000 VND a person, parties of 1–4, free cancellation 48 h) and one
 * slot of `capacity` seats `startsInHours` from the clock's now.
 */
export async function hostWithSlot(lib: Lib, opts: { capacity?: number; startsInHours?: number; type?: 'cooperative' | 'household'; maxGroupSize?: number } = {}) {
  const seed = await lib.tx.run((em) => seedVendorWithCertificate(em, { products: 1, vendorName: 'Hộ gốm Bát Tràng' }));
  if (opts.type) await lib.tx.run((em) => em.update(Vendor, { id: seed.vendor.id }, { type: opts.type }));
  const host = memberOf(seed.vendor.id);
  const experience = await lib.experiences.create(host, {
    title: { vi: 'Lớp làm gốm Bát Tràng', en: 'Bát Tràng pottery class' },
    durationMinutes: 120,
    pricePerPersonVnd: 250_000,
    languages: ['vi', 'en'],
    maxGroupSize: opts.maxGroupSize ?? 4,
    meetingPoint: 'Xưởng gốm, Xóm 3, Bát Tràng',
    included: { en: 'Firing and shipping the piece you made', vi: 'Nung và gửi sản phẩm bạn làm' },
  });
  await lib.experiences.setPublished(host, experience.id, true);
  const startsAt = new Date(lib.clock.now().getTime() + (opts.startsInHours ?? 7 * 24) * 3_600_000);
  const slot = await lib.experiences.addSlot(host, experience.id, { startsAt: startsAt.toISOString(), capacity: opts.capacity ?? 10 });
  return { ...seed, host, experience, slot };
}

export { openTestDatabase };
export type { DataSource };
