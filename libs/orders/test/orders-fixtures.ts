import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FakeClock, loadConfig, type Actor, type AppConfig } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer } from '@ocop/notifications';
import { User } from '@ocop/accounts';
import { seedVendorWithCertificate } from '@ocop/testing';
import { CartService } from '../src/cart.service';
import { CheckoutService, type CheckoutInput } from '../src/checkout.service';
import { OrderNotices } from '../src/order-notices.service';
import { OrdersService } from '../src/orders.service';

export const HANOI: NonNullable<CheckoutInput['shippingAddress']> = { name: 'Nguyễn Thị Lan', line1: '12 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '+84 912 345 678' };

/** The orders library over a real database, as a process builds it. */
export function ordersOn(ds: DataSource, clock = new FakeClock(new Date('2026-06-01T00:00:00Z')), env: Record<string, string> = {}) {
  const tx = new Transactions(ds);
  const events = new DomainEvents();
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', ...env });
  const jobs = new InProcessJobQueue(ds, tx, clock);
  const mailer = new Mailer(tx, jobs, config, clock);
  return {
    tx,
    clock,
    events,
    config,
    jobs,
    cart: new CartService(tx, clock),
    checkout: new CheckoutService(tx, clock, config, events),
    orders: new OrdersService(tx, clock, events),
    notices: new OrderNotices(tx, mailer, config),
  };
}

/** A shopper with a users row (e-mails need one). */
export async function shopper(tx: Transactions, name = 'Lan', locale = 'vi'): Promise<Actor> {
  const id = randomUUID();
  const email = `${name.toLowerCase()}-${id.slice(0, 6)}@example.vn`;
  await tx.run((em) => em.insert(User, { id, email, name, passwordHash: 'x', roles: 'shopper', vendorId: null, vendorRole: null, locale, lastLoginAt: null }));
  return { id, email, name, roles: ['shopper'], vendorId: null, vendorRole: null, locale };
}

/** A vendor (approved, certificate active) with `products` listed products of 10 in stock at 350,000 VND. */
export function vendorWithProducts(tx: Transactions, opts: Parameters<typeof seedVendorWithCertificate>[1] = {}) {
  return tx.run((em) => seedVendorWithCertificate(em, opts));
}

export function memberOf(vendorId: string): Actor {
  return { id: randomUUID(), email: `staff-${vendorId.slice(0, 6)}@htx.vn`, name: 'Staff', roles: ['vendor'], vendorId, vendorRole: 'staff', locale: 'vi' };
}

export const ADMIN: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };
