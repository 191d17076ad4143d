import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, ConflictError, Events, ForbiddenError, hasRole, isLocale, ValidationError, type Actor, type Locale, type OrderEvent } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import type { CartBookingQuote, CartExtras, CheckoutProblem } from './cart-extras';
import { cartKeyForUser, orderReference } from './cart-keys';
import { CartRepository, type CartRow } from './cart.repository';
import { CART_REASON_TEXT, lineProblem } from './cart.service';
import { ADDRESS_LIMITS, PAYMENT_METHODS } from './dto/checkout.dto';
import { OrderLine } from './order-line.entity';
import { Order, type PaymentMethod, type ShippingAddress } from './order.entity';
import { OrdersRepository } from './orders.repository';
import { canShipTo, DEFAULT_WEIGHT_GRAMS, isCountryCode, shippingFeeVnd, shippingZone } from './shipping';
import { SubOrder } from './sub-order.entity';

export interface CheckoutInput {
  /** Needed when the cart holds products; a cart of places on experience dates alone has nothing to ship. */
  shippingAddress?: ShippingAddress;
  paymentMethod: PaymentMethod;
}

const REFERENCE_ATTEMPTS = 5;

/**
 * The address with its text trimmed and its country upper-cased; ValidationError naming the first
 * bad field (`shippingAddress` itself when `whole` and none was given). Pure.
 */
export function cleanAddress(raw: unknown, whole = false): ShippingAddress {
  if (whole && (raw === undefined || raw === null)) throw new ValidationError('shippingAddress', 'is required when the cart holds products');
  const a = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (field: keyof typeof ADDRESS_LIMITS, required: boolean): string | undefined => {
    const v = a[field];
    if (v === undefined || v === null || v === '') {
      if (required) throw new ValidationError(`shippingAddress.${field}`, 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '' || v.trim().length > ADDRESS_LIMITS[field])
      throw new ValidationError(`shippingAddress.${field}`, `must be text of 1–${ADDRESS_LIMITS[field]} characters`);
    return v.trim();
  };
  const name = text('name', true)!;
  const line1 = text('line1', true)!;
  const city = text('city', true)!;
  const country = typeof a.country === 'string' ? a.country.trim().toUpperCase() : '';
  if (!isCountryCode(country)) throw new ValidationError('shippingAddress.country', 'must be a two-letter country code such as VN');
  const postalCode = text('postalCode', false);
  const phone = text('phone', true)!;
  if (!/^\+?[0-9 ().-]{6,30}$/.test(phone)) throw new ValidationError('shippingAddress.phone', 'must be a phone number');
  return { name, line1, city, country, ...(postalCode ? { postalCode } : {}), phone };
}

/**
 * What an order of places on experience dates alone keeps as its address: the shopper's name,
 * nothing to ship to (Vietnam, where the places are).
 */
function placesOnlyAddress(actor: Actor): ShippingAddress {
  return { name: (actor.name || actor.email || '').slice(0, ADDRESS_LIMITS.name), line1: '', city: '', country: 'VN', phone: '' };
}

/** The title of a cart line in the shopper's language (Vietnamese when it has none). */
function titleIn(row: CartRow, locale: string): string {
  const t = row.product.title as Record<string, string | undefined>;
  return t[locale] ?? t.vi ?? row.product.slug;
}

/** What a cart without places on experience dates quotes. */
const NO_PLACES: CartBookingQuote = { totalVnd: 0, earliestStart: null, lines: [], problems: [], count: 0 };

/**
 * Turns a shopper's cart into an order: one transaction that re-checks every line against the
 * listing gate, prices the places on experience dates the cart holds, writes the order with one
 * sub-order per vendor (commission and vendor type frozen), line snapshots, shipping and what the
 * places cost, emits `OrderPlaced`, empties the cart and, last, reserves stock and then seats with
 * conditional updates (a short line or a full date rolls all of it back).
 */
@Injectable()
export class CheckoutService {
  private readonly carts: CartRepository;
  private readonly orders: OrdersRepository;
  private extras: CartExtras | null = null;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {
    this.carts = new CartRepository(tx);
    this.orders = new OrdersRepository(tx);
  }

  /**
   * Lets a higher library (experiences) price and reserve its own cart lines in the checkout's
   * transaction. One implementation per service; registering again replaces it.
   */
  registerExtras(extras: CartExtras): void {
    this.extras = extras;
  }

  /** The payment methods this marketplace accepts now. */
  enabledPaymentMethods(): PaymentMethod[] {
    const p = this.config.payments;
    return PAYMENT_METHODS.filter((m) => (m === 'sandbox' ? p.sandbox : m === 'stripe' ? !!p.stripe : !!p.vietqr));
  }

  /**
   * Places the order of everything in the caller's cart, in one transaction, and returns it
   * (`awaiting_payment`, expiring after the payment time, and never after the start of a date it
   * books). Products are shipped, so a cart holding any needs an address; a cart of places on
   * experience dates only needs none (no sub-orders, no shipping). Throws ValidationError (400)
   * for an empty cart (`items`), a bad or missing address (`shippingAddress` or
   * `shippingAddress.<field>`), a payment method not enabled (`paymentMethod`) or, for an address
   * abroad, products that may not be exported (message names them); ConflictError (409) with
   * `errors: [{ field: 'items.<productId>' | 'bookings.<slotId>', message }]` naming every line
   * that is not sellable or short of stock and every date that is full, cancelled, started or off
   * sale, in which case nothing is reserved or written. Not idempotent: each successful call
   * places a new order (the cart is empty afterwards).
   */
  async checkout(actor: Actor, input: CheckoutInput, locale: string): Promise<Order> {
    if (!hasRole(actor, 'shopper')) throw new ForbiddenError('Only shoppers can check out');
    const method = input?.paymentMethod;
    if (!(PAYMENT_METHODS as readonly string[]).includes(method)) throw new ValidationError('paymentMethod', `must be one of ${PAYMENT_METHODS.join(', ')}`);
    if (!this.enabledPaymentMethods().includes(method)) throw new ValidationError('paymentMethod', `${method} payments are not available`);
    const orderLocale: Locale = isLocale(locale) ? locale : 'vi';
    const cartKey = cartKeyForUser(actor.id);
    const extras = this.extras;

    return this.tx.run(async () => {
      const now = this.clock.now();
      const rows = await this.carts.rows(cartKey);
      const quote = extras ? await extras.quote(cartKey, now, orderLocale) : NO_PLACES;
      if (rows.length === 0 && quote.count === 0) throw new ValidationError('items', 'the cart is empty');
      // Only products travel: a cart of places alone is checked out without an address.
      const address = rows.length ? cleanAddress(input?.shippingAddress, true) : placesOnlyAddress(actor);
      const zone = shippingZone(address.country);
      const notExportable = rows.filter((r) => !canShipTo(zone, r.product.exportEligible));
      if (notExportable.length)
        throw new ValidationError('shippingAddress.country', `these products cannot be shipped outside Vietnam: ${notExportable.map((r) => titleIn(r, orderLocale)).join(', ')}`);

      // One lock order for every checkout: products by id, then the dates' seats by slot id, so
      // two carts sharing products or dates never wait on each other in a cycle.
      const lines = [...rows].sort((a, b) => (a.product.id < b.product.id ? -1 : 1));
      const gate = lines.map((row) => {
        const reason = lineProblem(row, row.item.quantity, now);
        return reason && reason !== 'not_enough_stock' && reason !== 'out_of_stock' ? reason : null;
      });
      const minutes = method === 'vietqr' ? this.config.payments.transferPaymentHours * 60 : this.config.payments.orderPaymentMinutes;
      const expiresAt = new Date(Math.min(now.getTime() + minutes * 60_000, quote.earliestStart?.getTime() ?? Infinity));
      const orderId = randomUUID();

      // The order's rows are written before the stock is reserved, so that a reserved product row
      // stays locked only for the remaining reservations and the commit (shoppers racing for one
      // product wait on each other that long). Nothing is written when a line fails the gate.
      let order: Order | null = null;
      if (gate.every((reason) => reason === null) && quote.problems.length === 0) {
        order = await this.insertOrder({ orderId, actor, rows, address, method, zone, locale: orderLocale, now, expiresAt, bookingsVnd: quote.totalVnd });
        const event: OrderEvent = { orderId: order.id, userId: actor.id, at: now.toISOString() };
        await this.events.emit(Events.OrderPlaced, event, actor);
        await this.carts.removeLines(
          cartKey,
          rows.map((r) => r.product.id),
        );
      }

      const problems: CheckoutProblem[] = [];
      for (const [i, row] of lines.entries()) {
        const reason = gate[i];
        if (reason) {
          problems.push({ field: `items.${row.product.id}`, message: `${titleIn(row, orderLocale)}: ${CART_REASON_TEXT[reason]}` });
          continue;
        }
        if (!(await this.orders.reserve(row.product.id, row.item.quantity))) {
          const left = (await this.carts.products([row.product.id])).get(row.product.id)?.product.stock ?? 0;
          problems.push({ field: `items.${row.product.id}`, message: `${titleIn(row, orderLocale)}: ${left > 0 ? `only ${left} left in stock` : 'sold out'}` });
        }
      }
      problems.push(...quote.problems);
      // Seats after stock (the lock order above); every date is tried, so the 409 names them all.
      if (extras && quote.lines.length) problems.push(...(await extras.reserve({ cartKey, orderId, userId: actor.id, expiresAt, locale: orderLocale, now, quote })));
      // Throwing rolls the transaction back: every reservation and row written above is undone.
      if (problems.length || !order) throw new ConflictError('Some items cannot be bought: nothing was reserved', { errors: problems });
      return order;
    });
  }

  private async insertOrder(o: {
    orderId: string;
    actor: Actor;
    rows: CartRow[];
    address: ShippingAddress;
    method: PaymentMethod;
    zone: Order['shippingZone'];
    locale: Locale;
    now: Date;
    expiresAt: Date;
    bookingsVnd: number;
  }): Promise<Order> {
    const { orderId, actor, rows, address, method, zone, locale, now } = o;
    const byVendor = new Map<string, CartRow[]>();
    for (const r of rows) byVendor.set(r.product.vendorId, [...(byVendor.get(r.product.vendorId) ?? []), r]);
    const subOrders: SubOrder[] = [];
    const lines: OrderLine[] = [];
    for (const [vendorId, group] of byVendor) {
      const subOrderId = randomUUID();
      let itemsVnd = 0;
      let grams = 0;
      for (const r of group) {
        const weightGrams = r.product.weightGrams ?? DEFAULT_WEIGHT_GRAMS;
        const lineVnd = r.product.priceVnd * r.item.quantity;
        itemsVnd += lineVnd;
        grams += weightGrams * r.item.quantity;
        lines.push(
          Object.assign(new OrderLine(), {
            id: randomUUID(),
            orderId,
            subOrderId,
            productId: r.product.id,
            productSlug: r.product.slug,
            title: r.product.title,
            unitPriceVnd: r.product.priceVnd,
            quantity: r.item.quantity,
            lineVnd,
            weightGrams,
            certificateId: r.product.certificateId,
            decisionNo: (r.certificate?.decisionNo ?? '').slice(0, 60),
            certificateNo: r.certificate?.certificateNo?.slice(0, 60) ?? null,
            stars: r.certificate?.stars ?? 0,
          }),
        );
      }
      const shippingVnd = shippingFeeVnd(zone, grams);
      const vendor = group[0].vendor!;
      subOrders.push(
        Object.assign(new SubOrder(), {
          id: subOrderId,
          orderId,
          reference: '',
          vendorId,
          status: 'awaiting_payment',
          itemsVnd,
          shippingVnd,
          totalVnd: itemsVnd + shippingVnd,
          refundedVnd: 0,
          commissionBps: vendor.commissionBps,
          vendorType: vendor.type,
          carrier: null,
          trackingNumber: null,
          packedAt: null,
          shippedAt: null,
          cancelledAt: null,
          reviewFlaggedAt: null,
          reviewReason: null,
          reviewNote: null,
          reviewedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
    const itemsVnd = subOrders.reduce((s, o) => s + o.itemsVnd, 0);
    const shippingVnd = subOrders.reduce((s, o) => s + o.shippingVnd, 0);
    const order = Object.assign(new Order(), {
      id: orderId,
      reference: '',
      userId: actor.id,
      status: 'awaiting_payment',
      paymentMethod: method,
      itemsVnd,
      shippingVnd,
      bookingsVnd: o.bookingsVnd,
      totalVnd: itemsVnd + shippingVnd + o.bookingsVnd,
      refundedVnd: 0,
      shippingAddress: address,
      shippingZone: zone,
      locale,
      expiresAt: o.expiresAt,
      paidAt: null,
      cancelledAt: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    });
    for (let attempt = 1; ; attempt += 1) {
      order.reference = orderReference(randomBytes(8));
      if (await this.orders.tryInsertOrder(order)) break;
      if (attempt >= REFERENCE_ATTEMPTS) throw new Error('could not find a free order reference');
    }
    subOrders.forEach((s, i) => (s.reference = `${order.reference}-${i + 1}`));
    await this.orders.insertParts(subOrders, lines);
    return order;
  }
}
