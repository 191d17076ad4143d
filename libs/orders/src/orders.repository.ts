import { Brackets, In, IsNull, LessThanOrEqual, Not, type SelectQueryBuilder } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { User } from '@ocop/accounts';
import { Product } from '@ocop/catalog';
import { Vendor } from '@ocop/vendors';
import { OrderLine } from './order-line.entity';
import { Order, type OrderStatus } from './order.entity';
import { SubOrder, type SubOrderStatus } from './sub-order.entity';

/** How an order stands with its money, derived from its columns. */
export type PaymentState = 'unpaid' | 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
export const PAYMENT_STATES: readonly PaymentState[] = ['unpaid', 'paid', 'partially_refunded', 'refunded', 'cancelled'];

export interface AdminOrderFilter {
  status?: OrderStatus;
  vendorId?: string;
  paymentState?: PaymentState;
}

/**
 * Every statement on orders, sub-orders, order lines and the stock they reserve. Writes that must
 * be atomic are single conditional statements whose rows affected decide; each method joins the
 * caller's transaction (`Transactions.manager()`).
 */
export class OrdersRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** Takes `quantity` from the product's stock only if that much is left; false when it is not. */
  async reserve(productId: string, quantity: number): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Product)
      .set({ stock: () => `stock - ${Number(quantity)}`, unitsSold: () => `unitsSold + ${Number(quantity)}` })
      .where('id = :id AND stock >= :q', { id: productId, q: quantity })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Puts `quantity` back into the product's stock. */
  async release(productId: string, quantity: number): Promise<void> {
    await this.em
      .createQueryBuilder()
      .update(Product)
      .set({ stock: () => `stock + ${Number(quantity)}`, unitsSold: () => `CASE WHEN unitsSold >= ${Number(quantity)} THEN unitsSold - ${Number(quantity)} ELSE 0 END` })
      .where('id = :id', { id: productId })
      .execute();
  }

  /** Inserts the order; false when its reference is taken (the transaction stays usable). */
  async tryInsertOrder(order: Order): Promise<boolean> {
    try {
      await this.em.insert(Order, { ...order });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return false;
    }
  }

  async insertParts(subOrders: SubOrder[], lines: OrderLine[]): Promise<void> {
    if (subOrders.length)
      await this.em.insert(
        SubOrder,
        subOrders.map((s) => ({ ...s })),
      );
    if (lines.length)
      await this.em.insert(
        OrderLine,
        lines.map((l) => ({ ...l })),
      );
  }

  order(id: string): Promise<Order | null> {
    return this.em.findOneBy(Order, { id });
  }

  /**
   * The order as last committed, locked until the transaction ends on MySQL-compatible servers. A
   * plain read there answers from the transaction's snapshot, which may predate a concurrent
   * cancellation that a conditional update has just seen.
   */
  currentOrder(id: string): Promise<Order | null> {
    // SQLite runs one transaction at a time and needs no lock.
    if (this.em.connection.options.type === 'better-sqlite3') return this.order(id);
    return this.em.findOne(Order, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  orderOfUser(userId: string, id: string): Promise<Order | null> {
    return this.em.findOneBy(Order, { id, userId });
  }

  ordersOfUser(userId: string, take: number, skip: number): Promise<[Order[], number]> {
    return this.em.findAndCount(Order, { where: { userId }, order: { createdAt: 'DESC', id: 'ASC' }, take, skip });
  }

  subOrdersOf(orderIds: string[]): Promise<SubOrder[]> {
    return orderIds.length ? this.em.find(SubOrder, { where: { orderId: In(orderIds) }, order: { reference: 'ASC' } }) : Promise.resolve([]);
  }

  linesOfOrders(orderIds: string[]): Promise<OrderLine[]> {
    return orderIds.length ? this.em.find(OrderLine, { where: { orderId: In(orderIds) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }

  linesOfSubOrders(subOrderIds: string[]): Promise<OrderLine[]> {
    return subOrderIds.length ? this.em.find(OrderLine, { where: { subOrderId: In(subOrderIds) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }

  async vendorNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.em.find(Vendor, { select: { id: true, name: true }, where: { id: In(unique) } });
    return new Map(rows.map((v) => [v.id, v.name]));
  }

  vendor(id: string): Promise<Vendor | null> {
    return this.em.findOneBy(Vendor, { id });
  }

  async users(ids: string[]): Promise<Map<string, Pick<User, 'id' | 'email' | 'name' | 'locale'>>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.em.find(User, { select: { id: true, email: true, name: true, locale: true }, where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u]));
  }

  /** Moves the order from `from` to the values of `set`; returns whether this call moved it. */
  async moveOrder(id: string, from: OrderStatus, set: Partial<Order>): Promise<boolean> {
    const res = await this.em.createQueryBuilder().update(Order).set(set).where({ id, status: from }).execute();
    return (res.affected ?? 0) === 1;
  }

  /** Moves the order's sub-orders in one of `from` to the values of `set`. */
  async moveSubOrdersOf(orderId: string, from: SubOrderStatus[], set: Partial<SubOrder>): Promise<number> {
    const res = await this.em
      .createQueryBuilder()
      .update(SubOrder)
      .set(set)
      .where({ orderId, status: In(from) })
      .execute();
    return res.affected ?? 0;
  }

  /** Moves one sub-order (of `vendorId` when given) in one of `from` to `set`; returns whether this call moved it. */
  async moveSubOrder(id: string, from: SubOrderStatus[], set: Partial<SubOrder>, vendorId?: string): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(SubOrder)
      .set(set)
      .where({ id, status: In(from), ...(vendorId ? { vendorId } : {}) })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Adds a refunded amount to the order (and the sub-order when given). */
  async addRefunded(orderId: string, subOrderId: string | null, amountVnd: number): Promise<void> {
    const amount = Number(amountVnd);
    await this.em.update(Order, { id: orderId }, { refundedVnd: () => `refundedVnd + ${amount}` });
    if (subOrderId) await this.em.update(SubOrder, { id: subOrderId, orderId }, { refundedVnd: () => `refundedVnd + ${amount}` });
  }

  /** Ids of up to `limit` unpaid orders whose payment time ran out by `now`, oldest first. */
  async dueForExpiry(now: Date, limit: number): Promise<string[]> {
    const rows = await this.em.find(Order, { select: { id: true }, where: { status: 'awaiting_payment', expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  /** Ids of the orders in `status` that hold a line under the certificate. */
  async orderIdsWithCertificate(certificateId: string, status: OrderStatus): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select('DISTINCT o.id', 'id')
      .from(Order, 'o')
      .innerJoin(OrderLine, 'l', 'l.orderId = o.id')
      .where('l.certificateId = :certificateId AND o.status = :status', { certificateId, status })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Ids of the sub-orders in one of `statuses`, not flagged yet, that hold a line under the certificate. */
  async unflaggedSubOrderIdsWithCertificate(certificateId: string, statuses: SubOrderStatus[]): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select('DISTINCT s.id', 'id')
      .from(SubOrder, 's')
      .innerJoin(OrderLine, 'l', 'l.subOrderId = s.id')
      .where('l.certificateId = :certificateId AND s.status IN (:...statuses) AND s.reviewFlaggedAt IS NULL', { certificateId, statuses })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** How many of the vendor's sub-orders are in each of `statuses` (a status without any is absent). */
  async vendorSubOrderCounts(vendorId: string, statuses: SubOrderStatus[]): Promise<Map<SubOrderStatus, number>> {
    const rows = await this.em
      .createQueryBuilder()
      .select('s.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .from(SubOrder, 's')
      .where('s.vendorId = :vendorId AND s.status IN (:...statuses)', { vendorId, statuses })
      .groupBy('s.status')
      .getRawMany<{ status: SubOrderStatus; n: string | number }>();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Flags the sub-orders not flagged yet for an admin's review; returns how many it flagged. */
  async flag(ids: string[], reason: string, at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const res = await this.em
      .createQueryBuilder()
      .update(SubOrder)
      .set({ reviewFlaggedAt: at, reviewReason: reason, reviewedAt: null, reviewNote: null })
      .where({ id: In(ids), reviewFlaggedAt: IsNull() })
      .execute();
    return res.affected ?? 0;
  }

  /** Records the admin's decision on a flagged sub-order not yet reviewed; returns whether it did. */
  async resolveReview(id: string, note: string, at: Date): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(SubOrder)
      .set({ reviewedAt: at, reviewNote: note })
      .where({ id, reviewFlaggedAt: Not(IsNull()), reviewedAt: IsNull() })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  subOrder(id: string): Promise<SubOrder | null> {
    return this.em.findOneBy(SubOrder, { id });
  }

  subOrderOfVendor(vendorId: string, id: string): Promise<SubOrder | null> {
    return this.em.findOneBy(SubOrder, { id, vendorId });
  }

  subOrdersOfVendor(vendorId: string, status: SubOrderStatus | undefined, take: number, skip: number): Promise<[SubOrder[], number]> {
    return this.em.findAndCount(SubOrder, { where: { vendorId, ...(status ? { status } : {}) }, order: { createdAt: 'DESC', id: 'ASC' }, take, skip });
  }

  /** Sub-orders flagged for review and not reviewed yet, oldest flag first. */
  flagged(limit = 500): Promise<SubOrder[]> {
    return this.em.find(SubOrder, { where: { reviewFlaggedAt: Not(IsNull()), reviewedAt: IsNull() }, order: { reviewFlaggedAt: 'ASC' }, take: limit });
  }

  orders(ids: string[]): Promise<Order[]> {
    return ids.length ? this.em.findBy(Order, { id: In(ids) }) : Promise.resolve([]);
  }

  /** A page of orders for the admin, newest first, with the total. */
  async adminOrders(f: AdminOrderFilter, take: number, skip: number): Promise<[Order[], number]> {
    const qb = this.em.createQueryBuilder(Order, 'o');
    if (f.status) qb.andWhere('o.status = :status', { status: f.status });
    if (f.vendorId) qb.andWhere('EXISTS (SELECT 1 FROM sub_orders s WHERE s.orderId = o.id AND s.vendorId = :vendorId)', { vendorId: f.vendorId });
    if (f.paymentState) paymentStateWhere(qb, f.paymentState);
    return qb.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'ASC').take(take).skip(skip).getManyAndCount();
  }
}

function paymentStateWhere(qb: SelectQueryBuilder<Order>, state: PaymentState): void {
  switch (state) {
    case 'unpaid':
      qb.andWhere("o.status = 'awaiting_payment'");
      return;
    case 'cancelled':
      qb.andWhere("o.status = 'cancelled' AND o.paidAt IS NULL");
      return;
    case 'refunded':
      qb.andWhere("o.status = 'refunded'");
      return;
    case 'partially_refunded':
      qb.andWhere("o.status <> 'refunded' AND o.refundedVnd > 0");
      return;
    case 'paid':
      qb.andWhere(new Brackets((w) => w.where('o.paidAt IS NOT NULL').andWhere('o.refundedVnd = 0').andWhere("o.status <> 'refunded'")));
      return;
  }
}

/** An order's payment state from its columns. Pure. */
export function paymentStateOf(o: Pick<Order, 'status' | 'paidAt' | 'refundedVnd'>): PaymentState {
  if (o.status === 'refunded') return 'refunded';
  if (o.refundedVnd > 0) return 'partially_refunded';
  if (o.paidAt) return 'paid';
  return o.status === 'cancelled' ? 'cancelled' : 'unpaid';
}
