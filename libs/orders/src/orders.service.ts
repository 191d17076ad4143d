import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, Events, ForbiddenError, hasRole, NotFoundError, ValidationError, type Actor, type OrderEvent, type SubOrderShippedEvent } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { CartRepository } from './cart.repository';
import { lineProblem } from './cart.service';
import { OrderLine } from './order-line.entity';
import { Order, type OrderStatus, type ShippingAddress } from './order.entity';
import { OrdersRepository, paymentStateOf, PAYMENT_STATES, type PaymentState } from './orders.repository';
import { SubOrder, type SubOrderStatus } from './sub-order.entity';

export type SubOrderView = SubOrder & { vendorName: string; lines: OrderLine[] };
/** An order with its money state and its per-vendor sub-orders and lines. */
export type OrderView = Order & { paymentState: PaymentState; subOrders: SubOrderView[] };
/** An order as the admin sees it: with its shopper and the names of its vendors. */
export type AdminOrderView = OrderView & { shopper: { id: string; email: string; name: string } | null; vendorNames: string[] };
/** A sub-order as its vendor sees it: the address only once it is paid. */
export type VendorSubOrderView = SubOrderView & { orderReference: string; orderStatus: OrderStatus; shippingAddress: ShippingAddress | null };
export type FlaggedSubOrderView = SubOrderView & { orderReference: string; orderStatus: OrderStatus; paymentState: PaymentState };
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export type MarkPaidResult = 'paid' | 'already_paid' | 'cancelled';
export type CancelReason = 'payment_expired' | 'payment_failed' | 'certificate_revoked' | 'admin' | 'shopper';

const ORDER_STATUSES: readonly OrderStatus[] = ['awaiting_payment', 'paid', 'cancelled', 'refunded'];
const SUB_ORDER_STATUSES: readonly SubOrderStatus[] = ['awaiting_payment', 'paid', 'packed', 'shipped', 'cancelled', 'refunded'];
const PAGE_SIZE = 20;
const ADMIN_PAGE_SIZE = 50;
const BATCH = 200;
/** Sub-orders that took money and are not on their way yet: a revoked certificate puts them before an admin. */
const AWAITING_SHIPMENT: SubOrderStatus[] = ['paid', 'packed'];

/** The caller's vendor id; NotFoundError when the caller works for no vendor (nothing to show). */
function vendorOf(actor: Actor): string {
  if (!actor.vendorId) throw new NotFoundError('You do not work for a vendor');
  return actor.vendorId;
}

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
}

function page(raw: number | undefined): number {
  return Number.isInteger(raw) && raw! >= 1 ? raw! : 1;
}

const noSuchOrder = () => new NotFoundError('No such order');
const noSuchSubOrder = () => new NotFoundError('No such order');

/**
 * Orders after checkout: what shoppers, vendors and admins see, payment, cancellation with stock
 * release, refunds, expiry, fulfilment (pack, ship) and the review of sub-orders whose product lost
 * its certificate. Every state change is one conditional update; only the call that made it emits
 * the event or releases stock, so retries and races change nothing twice.
 */
@Injectable()
export class OrdersService {
  private readonly repo: OrdersRepository;
  private readonly products: CartRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {
    this.repo = new OrdersRepository(tx);
    this.products = new CartRepository(tx);
  }

  // ---- Shopper -------------------------------------------------------------------------------

  /** One of the caller's orders with its sub-orders and lines; NotFoundError for anyone else's. */
  async get(actor: Actor, orderId: string): Promise<OrderView> {
    const order = await this.repo.orderOfUser(actor.id, orderId);
    if (!order) throw noSuchOrder();
    return (await this.views([order]))[0];
  }

  /** The caller's orders, newest first, 20 a page. */
  async listForShopper(actor: Actor, opts: { page?: number } = {}): Promise<Page<OrderView>> {
    const p = page(opts.page);
    const [orders, total] = await this.repo.ordersOfUser(actor.id, PAGE_SIZE, (p - 1) * PAGE_SIZE);
    return { items: await this.views(orders), total, page: p, limit: PAGE_SIZE };
  }

  // ---- Payment, cancellation, refunds --------------------------------------------------------

  /**
   * Records that the order's money arrived (payments calls it inside its own transaction): moves
   * the order and its sub-orders from `awaiting_payment` to `paid` with conditional updates, emits
   * `OrderPaid`, and flags for review each sub-order holding a product that is no longer sellable.
   * Idempotent: `already_paid` when it was paid before (nothing changes), `cancelled` when the order
   * was cancelled first (the caller refunds). NotFoundError for an unknown order.
   */
  async markPaid(orderId: string, at: Date = this.clock.now()): Promise<MarkPaidResult> {
    return this.tx.run(async () => {
      if (!(await this.repo.moveOrder(orderId, 'awaiting_payment', { status: 'paid', paidAt: at }))) {
        const order = await this.repo.currentOrder(orderId);
        if (!order) throw noSuchOrder();
        return order.status === 'cancelled' && !order.paidAt ? 'cancelled' : 'already_paid';
      }
      const order = (await this.repo.order(orderId))!;
      await this.repo.moveSubOrdersOf(orderId, ['awaiting_payment'], { status: 'paid' });
      const lines = await this.repo.linesOfOrders([orderId]);
      const products = await this.products.products(lines.map((l) => l.productId));
      const now = this.clock.now();
      const flagged = new Map<string, string>();
      for (const line of lines) {
        const p = products.get(line.productId);
        // Stock was reserved at checkout: only the listing gate matters here.
        const reason = p ? lineProblem({ ...p, product: { ...p.product, stock: Math.max(p.product.stock, line.quantity) } }, line.quantity, now) : 'delisted';
        if (reason && !flagged.has(line.subOrderId)) flagged.set(line.subOrderId, reason);
      }
      for (const [subOrderId, reason] of flagged) await this.repo.flag([subOrderId], reason, now);
      const event: OrderEvent = { orderId, userId: order.userId, at: at.toISOString() };
      await this.events.emit(Events.OrderPaid, event, null);
      return 'paid';
    });
  }

  /**
   * Cancels an order still awaiting payment: order and sub-orders `cancelled` with the reason,
   * each line's stock put back, `OrderCancelled` emitted. Exactly once: of concurrent or repeated
   * calls only the one whose conditional update moved the order releases stock and emits; the
   * others (and calls on paid, cancelled or unknown orders) return false.
   */
  async cancelUnpaid(orderId: string, reason: CancelReason | string, note?: string): Promise<boolean> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      if (!(await this.repo.moveOrder(orderId, 'awaiting_payment', { status: 'cancelled', cancelledAt: now, cancelReason: reason.slice(0, 32) }))) return false;
      const order = (await this.repo.order(orderId))!;
      await this.repo.moveSubOrdersOf(orderId, ['awaiting_payment'], { status: 'cancelled', cancelledAt: now });
      const lines = await this.repo.linesOfOrders([orderId]);
      for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) await this.repo.release(line.productId, line.quantity);
      const event: OrderEvent & { note?: string } = { orderId, userId: order.userId, reason, at: now.toISOString(), ...(note ? { note } : {}) };
      await this.events.emit(Events.OrderCancelled, event, null);
      return true;
    });
  }

  /**
   * Records money returned to the shopper (payments calls it once per refund, in its transaction):
   * adds `amountVnd` to the order's and the sub-order's `refundedVnd`; the sub-order becomes
   * `refunded` when its whole total is returned (all of them when `subOrderId` is null), the order
   * when all of its total is. ValidationError for a non-positive amount or more than is left to
   * refund; NotFoundError for an unknown order or a sub-order of another order; ConflictError when
   * the order was never paid. Not idempotent by itself: the caller's refund row is the guard.
   */
  async markRefunded(orderId: string, subOrderId: string | null, amountVnd: number): Promise<OrderView> {
    if (!Number.isInteger(amountVnd) || amountVnd <= 0) throw new ValidationError('amountVnd', 'must be a positive whole number of VND');
    await this.tx.run(async () => {
      const order = await this.repo.order(orderId);
      if (!order) throw noSuchOrder();
      if (!order.paidAt) throw new ConflictError('This order was never paid');
      if (order.refundedVnd + amountVnd > order.totalVnd) throw new ValidationError('amountVnd', `at most ${order.totalVnd - order.refundedVnd} VND is left to refund`);
      const subs = await this.repo.subOrdersOf([orderId]);
      const sub = subOrderId ? subs.find((s) => s.id === subOrderId) : null;
      if (subOrderId && !sub) throw new NotFoundError('No such sub-order in this order');
      if (sub && sub.refundedVnd + amountVnd > sub.totalVnd) throw new ValidationError('amountVnd', `at most ${sub.totalVnd - sub.refundedVnd} VND is left to refund on this sub-order`);
      await this.repo.addRefunded(orderId, subOrderId, amountVnd);
      const open: SubOrderStatus[] = ['paid', 'packed', 'shipped', 'awaiting_payment', 'cancelled'];
      if (sub && sub.refundedVnd + amountVnd >= sub.totalVnd) await this.repo.moveSubOrder(sub.id, open, { status: 'refunded' });
      const fully = order.refundedVnd + amountVnd >= order.totalVnd;
      if (!subOrderId || fully) await this.repo.moveSubOrdersOf(orderId, open, { status: 'refunded' });
      if (fully) await this.repo.moveOrder(orderId, order.status, { status: 'refunded' });
    });
    return (await this.views([(await this.repo.order(orderId))!]))[0];
  }

  /**
   * Records money returned for one of the order's places on an experience date (payments calls it
   * once per refund, in its transaction): adds `amountVnd` to the order's `refundedVnd` (its
   * sub-orders are not touched); the order becomes `refunded` once all of its total is returned.
   * ValidationError for a non-positive amount or more than is left; NotFoundError for an unknown
   * order; ConflictError when it was never paid. Not idempotent by itself: the refund row is the guard.
   */
  async markBookingRefunded(orderId: string, amountVnd: number): Promise<void> {
    if (!Number.isInteger(amountVnd) || amountVnd <= 0) throw new ValidationError('amountVnd', 'must be a positive whole number of VND');
    await this.tx.run(async () => {
      const order = await this.repo.order(orderId);
      if (!order) throw noSuchOrder();
      if (!order.paidAt) throw new ConflictError('This order was never paid');
      if (order.refundedVnd + amountVnd > order.totalVnd) throw new ValidationError('amountVnd', `at most ${order.totalVnd - order.refundedVnd} VND is left to refund`);
      await this.repo.addRefunded(orderId, null, amountVnd);
      if (order.refundedVnd + amountVnd >= order.totalVnd) await this.repo.moveOrder(orderId, order.status, { status: 'refunded' });
    });
  }

  /**
   * Cancels every order still unpaid at `now` past its `expiresAt` (reason `payment_expired`),
   * releasing its stock; runs every minute and at start-up. Idempotent across processes (see
   * `cancelUnpaid`). Returns how many orders this call cancelled.
   */
  async expireUnpaid(now: Date = this.clock.now()): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const due = await this.repo.dueForExpiry(now, BATCH);
      let won = 0;
      for (const id of due) if (await this.cancelUnpaid(id, 'payment_expired')) won += 1;
      cancelled += won;
      if (due.length < BATCH || won === 0) return cancelled;
    }
  }

  /**
   * After a certificate's revocation: cancels unpaid orders holding a line under it (stock back,
   * reason `certificate_revoked`) and flags paid or packed sub-orders holding one for an admin's
   * review (`certificate_revoked`). Idempotent: a second run finds nothing left to do.
   */
  async handleCertificateRevoked(certificateId: string): Promise<{ cancelled: number; flagged: number }> {
    let cancelled = 0;
    for (const id of await this.repo.orderIdsWithCertificate(certificateId, 'awaiting_payment')) if (await this.cancelUnpaid(id, 'certificate_revoked')) cancelled += 1;
    const flagged = await this.tx.run(async () => this.repo.flag(await this.repo.unflaggedSubOrderIdsWithCertificate(certificateId, AWAITING_SHIPMENT), 'certificate_revoked', this.clock.now()));
    return { cancelled, flagged };
  }

  // ---- Vendor --------------------------------------------------------------------------------

  /** The caller's vendor's sub-orders (optionally in one status), newest first, 20 a page. NotFoundError for a caller with no vendor. */
  async listForVendor(actor: Actor, opts: { status?: string; page?: number } = {}): Promise<Page<VendorSubOrderView>> {
    const vendorId = vendorOf(actor);
    if (opts.status !== undefined && !(SUB_ORDER_STATUSES as readonly string[]).includes(opts.status)) throw new ValidationError('status', `must be one of ${SUB_ORDER_STATUSES.join(', ')}`);
    const p = page(opts.page);
    const [subs, total] = await this.repo.subOrdersOfVendor(vendorId, opts.status as SubOrderStatus | undefined, PAGE_SIZE, (p - 1) * PAGE_SIZE);
    return { items: await this.vendorViews(subs), total, page: p, limit: PAGE_SIZE };
  }

  /** One of the caller's vendor's sub-orders; NotFoundError for another vendor's. */
  async getForVendor(actor: Actor, subOrderId: string): Promise<VendorSubOrderView> {
    const sub = await this.repo.subOrderOfVendor(vendorOf(actor), subOrderId);
    if (!sub) throw noSuchSubOrder();
    return (await this.vendorViews([sub]))[0];
  }

  /**
   * Marks a paid sub-order of the caller's vendor as packed. Idempotent on a packed one.
   * NotFoundError for another vendor's; ConflictError when it is not paid (or shipped, cancelled,
   * refunded) or is waiting for an admin's review.
   */
  async markPacked(actor: Actor, subOrderId: string): Promise<VendorSubOrderView> {
    const vendorId = vendorOf(actor);
    await this.tx.run(async () => {
      const sub = await this.repo.subOrderOfVendor(vendorId, subOrderId);
      if (!sub) throw noSuchSubOrder();
      if (sub.status === 'packed') return;
      assertNotUnderReview(sub);
      if (!(await this.repo.moveSubOrder(sub.id, ['paid'], { status: 'packed', packedAt: this.clock.now() }, vendorId)))
        throw new ConflictError(`Only a paid order can be packed; this one is ${sub.status.replace('_', ' ')}`);
    });
    return this.getForVendor(actor, subOrderId);
  }

  /**
   * Ships a paid or packed sub-order of the caller's vendor with its carrier and tracking number,
   * emitting `SubOrderShipped` (the shopper is e-mailed). Idempotent on a shipped one (nothing
   * changes). ValidationError for an empty carrier or tracking number; NotFoundError for another
   * vendor's; ConflictError when it is not paid yet, cancelled, refunded or under review.
   */
  async ship(actor: Actor, subOrderId: string, input: { carrier: string; trackingNumber: string }): Promise<VendorSubOrderView> {
    const vendorId = vendorOf(actor);
    const carrier = typeof input?.carrier === 'string' ? input.carrier.trim() : '';
    const trackingNumber = typeof input?.trackingNumber === 'string' ? input.trackingNumber.trim() : '';
    if (!carrier || carrier.length > 60) throw new ValidationError('carrier', 'must be text of 1–60 characters');
    if (!trackingNumber || trackingNumber.length > 60) throw new ValidationError('trackingNumber', 'must be text of 1–60 characters');
    await this.tx.run(async () => {
      const sub = await this.repo.subOrderOfVendor(vendorId, subOrderId);
      if (!sub) throw noSuchSubOrder();
      if (sub.status === 'shipped') return;
      assertNotUnderReview(sub);
      const now = this.clock.now();
      if (!(await this.repo.moveSubOrder(sub.id, ['paid', 'packed'], { status: 'shipped', carrier, trackingNumber, shippedAt: now, packedAt: sub.packedAt ?? now }, vendorId)))
        throw new ConflictError(`Only a paid order can be shipped; this one is ${sub.status.replace('_', ' ')}`);
      const event: SubOrderShippedEvent = { orderId: sub.orderId, subOrderId: sub.id, vendorId, carrier, trackingNumber, at: now.toISOString() };
      await this.events.emit(Events.SubOrderShipped, event, actor);
    });
    return this.getForVendor(actor, subOrderId);
  }

  // ---- Admin ---------------------------------------------------------------------------------

  /**
   * Orders filtered by status, vendor and payment state, newest first, 50 a page, for the admin
   * (ForbiddenError for anyone else). ValidationError naming a bad filter.
   */
  async list(actor: Actor, filter: { status?: string; vendorId?: string; paymentState?: string; page?: number } = {}): Promise<Page<AdminOrderView>> {
    requireAdmin(actor);
    if (filter.status !== undefined && !(ORDER_STATUSES as readonly string[]).includes(filter.status)) throw new ValidationError('status', `must be one of ${ORDER_STATUSES.join(', ')}`);
    if (filter.paymentState !== undefined && !(PAYMENT_STATES as readonly string[]).includes(filter.paymentState))
      throw new ValidationError('paymentState', `must be one of ${PAYMENT_STATES.join(', ')}`);
    if (filter.vendorId !== undefined && !/^[0-9a-f-]{36}$/i.test(filter.vendorId)) throw new ValidationError('vendorId', 'must be a vendor id');
    const p = page(filter.page);
    const [orders, total] = await this.repo.adminOrders(
      { status: filter.status as OrderStatus | undefined, vendorId: filter.vendorId, paymentState: filter.paymentState as PaymentState | undefined },
      ADMIN_PAGE_SIZE,
      (p - 1) * ADMIN_PAGE_SIZE,
    );
    return { items: await this.adminViews(orders), total, page: p, limit: ADMIN_PAGE_SIZE };
  }

  /** Any order with its shopper, for the admin; NotFoundError when unknown. */
  async getForAdmin(actor: Actor, orderId: string): Promise<AdminOrderView> {
    requireAdmin(actor);
    const order = await this.repo.order(orderId);
    if (!order) throw noSuchOrder();
    return (await this.adminViews([order]))[0];
  }

  /**
   * What revoking the certificate would do to orders now, for the admin's confirmation (read-only;
   * ForbiddenError for anyone else): the unpaid orders it would cancel and the paid sub-orders not
   * shipped yet it would flag for review (see `handleCertificateRevoked`).
   */
  async revocationImpact(actor: Actor, certificateId: string): Promise<{ ordersToCancel: number; subOrdersToReview: number }> {
    requireAdmin(actor);
    const [unpaid, toReview] = await Promise.all([
      this.repo.orderIdsWithCertificate(certificateId, 'awaiting_payment'),
      this.repo.unflaggedSubOrderIdsWithCertificate(certificateId, AWAITING_SHIPMENT),
    ]);
    return { ordersToCancel: unpaid.length, subOrdersToReview: toReview.length };
  }

  /** A vendor's open orders, for the admin (read-only; ForbiddenError for anyone else): sub-orders waiting for payment, and paid ones not shipped yet. */
  async openOrdersOfVendor(actor: Actor, vendorId: string): Promise<{ awaitingPayment: number; toShip: number }> {
    requireAdmin(actor);
    const counts = await this.repo.vendorSubOrderCounts(vendorId, ['awaiting_payment', ...AWAITING_SHIPMENT]);
    return { awaitingPayment: counts.get('awaiting_payment') ?? 0, toShip: AWAITING_SHIPMENT.reduce((n, s) => n + (counts.get(s) ?? 0), 0) };
  }

  /** Sub-orders flagged for review and not resolved yet, oldest flag first, for an admin (ForbiddenError for anyone else). */
  async flagged(actor: Actor): Promise<FlaggedSubOrderView[]> {
    requireAdmin(actor);
    const subs = await this.repo.flagged();
    const orders = new Map((await this.repo.orders([...new Set(subs.map((s) => s.orderId))])).map((o) => [o.id, o]));
    return (await this.subViews(subs)).map((s) => {
      const o = orders.get(s.orderId)!;
      return { ...s, orderReference: o.reference, orderStatus: o.status, paymentState: paymentStateOf(o) };
    });
  }

  /**
   * Records an admin's decision on a flagged sub-order (`reviewedAt`, `reviewNote`); the vendor may
   * then ship it. NotFoundError when unknown; ConflictError when it is not waiting for review.
   */
  async resolveReview(actor: Actor, subOrderId: string, note: string): Promise<SubOrderView> {
    requireAdmin(actor);
    const text = typeof note === 'string' ? note.trim() : '';
    if (!text || text.length > 500) throw new ValidationError('note', 'must be text of 1–500 characters');
    const sub = await this.repo.subOrder(subOrderId);
    if (!sub) throw noSuchSubOrder();
    if (!(await this.tx.run(() => this.repo.resolveReview(subOrderId, text, this.clock.now())))) throw new ConflictError('This order is not waiting for review');
    return (await this.subViews([(await this.repo.subOrder(subOrderId))!]))[0];
  }

  /**
   * Cancels an unpaid order for an admin (reason `admin`, the admin's words in the event's note),
   * releasing its stock. NotFoundError when unknown; ConflictError when it is paid (refund it
   * through payments instead) or already cancelled or refunded.
   */
  async cancelByAdmin(actor: Actor, orderId: string, reason: string): Promise<AdminOrderView> {
    requireAdmin(actor);
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text || text.length > 500) throw new ValidationError('reason', 'must be text of 1–500 characters');
    const order = await this.repo.order(orderId);
    if (!order) throw noSuchOrder();
    if (!(await this.cancelUnpaid(orderId, 'admin', text))) {
      const now = await this.repo.order(orderId);
      throw new ConflictError(now?.status === 'paid' ? 'This order is paid: refund it instead of cancelling it' : `This order is ${now?.status.replace('_', ' ')} and cannot be cancelled`);
    }
    return this.getForAdmin(actor, orderId);
  }

  // ---- Views ---------------------------------------------------------------------------------

  private async subViews(subs: SubOrder[]): Promise<SubOrderView[]> {
    const [lines, names] = await Promise.all([this.repo.linesOfSubOrders(subs.map((s) => s.id)), this.repo.vendorNames(subs.map((s) => s.vendorId))]);
    return subs.map((s) => ({ ...s, vendorName: names.get(s.vendorId) ?? '', lines: lines.filter((l) => l.subOrderId === s.id) }));
  }

  /** Orders with their sub-orders and lines, in the given order. */
  async views(orders: Order[]): Promise<OrderView[]> {
    const subs = await this.subViews(await this.repo.subOrdersOf(orders.map((o) => o.id)));
    return orders.map((o) => ({ ...o, paymentState: paymentStateOf(o), subOrders: subs.filter((s) => s.orderId === o.id) }));
  }

  private async adminViews(orders: Order[]): Promise<AdminOrderView[]> {
    const [views, users] = await Promise.all([this.views(orders), this.repo.users(orders.map((o) => o.userId))]);
    return views.map((v) => {
      const u = users.get(v.userId);
      return { ...v, shopper: u ? { id: u.id, email: u.email, name: u.name } : null, vendorNames: v.subOrders.map((s) => s.vendorName) };
    });
  }

  private async vendorViews(subs: SubOrder[]): Promise<VendorSubOrderView[]> {
    const [views, orders] = await Promise.all([this.subViews(subs), this.repo.orders([...new Set(subs.map((s) => s.orderId))])]);
    const byId = new Map(orders.map((o) => [o.id, o]));
    return views.map((s) => {
      const o = byId.get(s.orderId)!;
      const visible = s.status !== 'awaiting_payment' && s.status !== 'cancelled';
      return { ...s, orderReference: o.reference, orderStatus: o.status, shippingAddress: visible ? o.shippingAddress : null };
    });
  }
}

function assertNotUnderReview(sub: SubOrder): void {
  if (sub.reviewFlaggedAt && !sub.reviewedAt) throw new ConflictError('This order is waiting for the marketplace to review it', { reason: sub.reviewReason ?? 'review' });
}
