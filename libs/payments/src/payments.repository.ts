import { In, LessThan, type FindOneOptions } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { Order, SubOrder } from '@ocop/orders';
import { Vendor } from '@ocop/vendors';
import { LedgerEntry, type LedgerKind } from './ledger-entry.entity';
import { Payment, type PaymentProvider, type PaymentStatus } from './payment.entity';
import { PaymentEvent } from './payment-event.entity';
import { Payout } from './payout.entity';
import { Refund, type RefundStatus } from './refund.entity';

/** A provider event already recorded under the same (provider, eventId). */
export class DuplicateEvent extends Error {}

export type VendorRow = Pick<Vendor, 'id' | 'name' | 'taxCode'>;

/** A ledger entry with the reference of the sub-order it is about (null for a payout's entry). */
export type LedgerEntryRow = LedgerEntry & { subOrderReference: string | null };

/** A flagged provider event with the order it is about, when one is known. */
export type FlaggedEventRow = PaymentEvent & { order: { id: string; reference: string } | null };

/** The words of a transfer's text that could be an order reference (upper case, 6–25 letters and digits). */
export function referenceWords(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length >= 6 && t.length <= 25);
}

/**
 * Every query of payments, refunds, the ledger and payouts; reads of orders and vendors the
 * payments need. Each method joins the caller's transaction (`Transactions.manager()`).
 */
export class PaymentsRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  private lockIn<T>(opts: FindOneOptions<T>): FindOneOptions<T> {
    // SQLite runs one transaction at a time and needs no lock.
    return this.em.connection.options.type === 'better-sqlite3' ? opts : { ...opts, lock: { mode: 'pessimistic_write' } };
  }

  // Orders (read only: orders changes them through OrdersService).

  /** The order, locked until the transaction ends on MySQL-compatible servers. */
  lockOrder(orderId: string): Promise<Order | null> {
    return this.em.getRepository(Order).findOne(this.lockIn<Order>({ where: { id: orderId } }));
  }

  order(orderId: string): Promise<Order | null> {
    return this.em.getRepository(Order).findOneBy({ id: orderId });
  }

  subOrders(orderId: string): Promise<SubOrder[]> {
    return this.em.getRepository(SubOrder).find({ where: { orderId }, order: { reference: 'ASC' } });
  }

  vendors(ids: string[]): Promise<VendorRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.getRepository(Vendor).find({ where: { id: In(ids) }, select: { id: true, name: true, taxCode: true } });
  }

  // Payments.

  /** The order's payment (the latest when several exist), locked on MySQL-compatible servers. */
  paymentForOrder(orderId: string, lock = false): Promise<Payment | null> {
    const opts: FindOneOptions<Payment> = { where: { purpose: 'order', subjectId: orderId }, order: { createdAt: 'DESC' } };
    return this.em.getRepository(Payment).findOne(lock ? this.lockIn(opts) : opts);
  }

  /** The latest payment of a non-order subject (a booking). */
  paymentForSubject(purpose: Payment['purpose'], subjectId: string): Promise<Payment | null> {
    return this.em.getRepository(Payment).findOne({ where: { purpose, subjectId }, order: { createdAt: 'DESC' } });
  }

  payment(id: string, lock = false): Promise<Payment | null> {
    const opts: FindOneOptions<Payment> = { where: { id } };
    return this.em.getRepository(Payment).findOne(lock ? this.lockIn(opts) : opts);
  }

  paymentByProviderRef(provider: PaymentProvider, providerRef: string): Promise<Payment | null> {
    return this.em.getRepository(Payment).findOneBy({ provider, providerRef });
  }

  paymentsByReference(provider: PaymentProvider, references: string[]): Promise<Payment[]> {
    if (references.length === 0) return Promise.resolve([]);
    return this.em.getRepository(Payment).find({ where: { provider, reference: In(references) }, order: { createdAt: 'DESC' } });
  }

  async insertPayment(p: Payment): Promise<void> {
    await this.em.getRepository(Payment).insert(p);
  }

  /** Sets the provider's id once. */
  async setProviderRef(id: string, providerRef: string): Promise<void> {
    await this.em.createQueryBuilder().update(Payment).set({ providerRef }).where('id = :id AND providerRef IS NULL', { id }).execute();
  }

  /** Moves a payment from one of `from` to `to` in one conditional update; returns whether it moved. */
  async moveStatus(id: string, from: PaymentStatus[], to: PaymentStatus, set: Partial<Payment> = {}): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Payment)
      .set({ ...set, status: to })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return res.affected === 1;
  }

  /** Adds a refunded amount while it stays within what was paid; returns whether it did. */
  async addRefunded(id: string, amountVnd: number): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Payment)
      // Status first: MySQL-compatible servers assign left to right, so a later assignment would
      // read the refunded amount this statement has already raised (SQLite reads the old row).
      .set({
        status: () => "CASE WHEN refundedVnd + :amount >= amountVnd THEN 'refunded' ELSE 'partially_refunded' END",
        refundedVnd: () => 'refundedVnd + :amount',
      })
      .where("id = :id AND status IN ('succeeded', 'partially_refunded') AND refundedVnd + :amount <= amountVnd")
      .setParameters({ id, amount: amountVnd })
      .execute();
    return res.affected === 1;
  }

  // Provider events.

  /** Records a provider event; throws DuplicateEvent when (provider, eventId) is already recorded. */
  async insertEvent(e: PaymentEvent): Promise<void> {
    try {
      await this.em.createQueryBuilder().insert().into(PaymentEvent).values(e).updateEntity(false).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateEvent();
      throw err;
    }
  }

  async setEventOutcome(id: string, set: Pick<PaymentEvent, 'outcome' | 'reason'> & Partial<Pick<PaymentEvent, 'paymentId'>>): Promise<void> {
    await this.em.getRepository(PaymentEvent).update({ id }, set);
  }

  events(where: { provider?: string; outcome?: string; paymentId?: string }): Promise<PaymentEvent[]> {
    return this.em.getRepository(PaymentEvent).find({ where: { ...where }, order: { receivedAt: 'DESC' }, take: 500 });
  }

  /**
   * Flagged provider events, newest first, each with the order its payment pays (joined), or,
   * for an event that matched no payment, the order whose reference its transfer text names.
   */
  async flaggedEvents(): Promise<FlaggedEventRow[]> {
    const { entities, raw } = await this.em
      .getRepository(PaymentEvent)
      .createQueryBuilder('e')
      .leftJoin(Payment, 'p', "p.id = e.paymentId AND p.purpose = 'order'")
      .leftJoin(Order, 'o', 'o.id = p.subjectId')
      .addSelect('o.id', 'orderId')
      .addSelect('o.reference', 'orderReference')
      .where("e.outcome = 'flagged'")
      .orderBy('e.receivedAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .limit(500)
      .getRawAndEntities<{ orderId: string | null; orderReference: string | null }>();
    const rows = entities.map((e, i): FlaggedEventRow => ({ ...e, order: raw[i]?.orderId ? { id: raw[i].orderId!, reference: raw[i].orderReference! } : null }));
    const words = (r: FlaggedEventRow) => (r.order || !r.reference ? [] : referenceWords(r.reference));
    const wanted = [...new Set(rows.flatMap(words))];
    if (wanted.length === 0) return rows;
    const named = new Map((await this.em.getRepository(Order).find({ where: { reference: In(wanted) }, select: { id: true, reference: true } })).map((o) => [o.reference, o]));
    for (const r of rows) {
      const hit = words(r).find((w) => named.has(w));
      if (hit) r.order = { id: named.get(hit)!.id, reference: hit };
    }
    return rows;
  }

  // Refunds.

  async insertRefund(r: Refund): Promise<void> {
    await this.em.getRepository(Refund).insert(r);
  }

  refund(id: string): Promise<Refund | null> {
    return this.em.getRepository(Refund).findOneBy({ id });
  }

  /** A refund of the payment still waiting for the provider, if any. */
  pendingRefundOfPayment(paymentId: string): Promise<Refund | null> {
    return this.em.getRepository(Refund).findOne({ where: { paymentId, status: 'pending' }, order: { createdAt: 'DESC' } });
  }

  refundsOfPayment(paymentId: string): Promise<Refund[]> {
    return this.em.getRepository(Refund).find({ where: { paymentId }, order: { createdAt: 'ASC' } });
  }

  refundsOfOrder(orderId: string): Promise<Refund[]> {
    return this.em.getRepository(Refund).find({ where: { orderId }, order: { createdAt: 'ASC' } });
  }

  /** Refunds still waiting for the provider, created before `before`. */
  pendingRefunds(before: Date): Promise<Refund[]> {
    return this.em.getRepository(Refund).find({ where: { status: 'pending', createdAt: LessThan(before) }, order: { createdAt: 'ASC' }, take: 100 });
  }

  /** Settles a pending refund in one conditional update; returns whether this call settled it. */
  async settleRefund(id: string, status: RefundStatus, providerRef: string | null, at: Date): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Refund)
      .set({ status, providerRef, completedAt: status === 'failed' ? null : at })
      .where("id = :id AND status = 'pending'", { id })
      .execute();
    return res.affected === 1;
  }

  // Ledger.

  /** Inserts entries; one whose dedupeKey is already written is skipped, so writing twice is a no-op. */
  async insertEntries(rows: LedgerEntry[]): Promise<void> {
    if (rows.length === 0) return;
    await this.em.createQueryBuilder().insert().into(LedgerEntry).values(rows).orIgnore().updateEntity(false).execute();
  }

  entriesOfSubOrder(subOrderId: string): Promise<LedgerEntry[]> {
    return this.em.getRepository(LedgerEntry).find({ where: { subOrderId }, order: { createdAt: 'ASC' } });
  }

  entriesOfBooking(bookingId: string): Promise<LedgerEntry[]> {
    return this.em.getRepository(LedgerEntry).find({ where: { bookingId }, order: { createdAt: 'ASC' } });
  }

  async balance(vendorId: string): Promise<number> {
    const row = await this.em
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .select('COALESCE(SUM(e.amountVnd), 0)', 'total')
      .where('e.vendorId = :vendorId', { vendorId })
      .getRawOne<{ total: string | number }>();
    return Number(row?.total ?? 0);
  }

  /** The vendor's entries, newest first, each with its sub-order's reference (one joined query), and their count. */
  async entries(vendorId: string, page: number, limit: number): Promise<[LedgerEntryRow[], number]> {
    const repo = this.em.getRepository(LedgerEntry);
    const { entities, raw } = await repo
      .createQueryBuilder('e')
      .leftJoin(SubOrder, 's', 's.id = e.subOrderId AND s.vendorId = e.vendorId')
      .addSelect('s.reference', 'subOrderReference')
      .where('e.vendorId = :vendorId', { vendorId })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .offset((page - 1) * limit)
      .limit(limit)
      .getRawAndEntities<{ subOrderReference: string | null }>();
    // One sub-order per entry at most, so raw rows and entities come in the same order.
    const rows = entities.map((e, i): LedgerEntryRow => Object.assign(e, { subOrderReference: raw[i]?.subOrderReference ?? null }));
    return [rows, await repo.countBy({ vendorId })];
  }

  /** Sums per vendor and kind of the entries written in [from, to). */
  async sumsByVendorKind(from: Date, to: Date): Promise<{ vendorId: string; kind: LedgerKind; total: number }[]> {
    const rows = await this.em
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .select('e.vendorId', 'vendorId')
      .addSelect('e.kind', 'kind')
      .addSelect('SUM(e.amountVnd)', 'total')
      .where('e.createdAt >= :from AND e.createdAt < :to', { from, to })
      .groupBy('e.vendorId')
      .addGroupBy('e.kind')
      .getRawMany<{ vendorId: string; kind: LedgerKind; total: string | number }>();
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  }

  /** Per vendor, the sum of the entries written before `before` that no payout holds yet. */
  async unpaidTotals(before: Date): Promise<{ vendorId: string; total: number }[]> {
    const rows = await this.em
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .select('e.vendorId', 'vendorId')
      .addSelect('SUM(e.amountVnd)', 'total')
      .where('e.createdAt < :before AND e.payoutId IS NULL', { before })
      .groupBy('e.vendorId')
      .getRawMany<{ vendorId: string; total: string | number }>();
    return rows.map((r) => ({ vendorId: r.vendorId, total: Number(r.total) }));
  }

  /** Links the vendor's entries written before `before` and held by no payout to `payoutId`. */
  async linkEntries(vendorId: string, before: Date, payoutId: string): Promise<void> {
    await this.em.createQueryBuilder().update(LedgerEntry).set({ payoutId }).where('vendorId = :vendorId AND createdAt < :before AND payoutId IS NULL', { vendorId, before }).execute();
  }

  // Payouts.

  payouts(periodStart: string, periodEnd: string): Promise<Payout[]> {
    return this.em.getRepository(Payout).find({ where: { periodStart, periodEnd }, order: { vendorId: 'ASC' } });
  }

  payout(id: string): Promise<Payout | null> {
    return this.em.getRepository(Payout).findOneBy({ id });
  }

  payoutsOfVendor(vendorId: string, status?: Payout['status']): Promise<Payout[]> {
    return this.em.getRepository(Payout).find({ where: { vendorId, ...(status ? { status } : {}) }, order: { periodEnd: 'DESC', periodStart: 'DESC' } });
  }

  /** Payouts created and not yet transferred: how many vendors are owed one, and how much in all. */
  async duePayoutTotals(): Promise<{ vendors: number; totalVnd: number }> {
    const row = await this.em
      .getRepository(Payout)
      .createQueryBuilder('p')
      .select('COUNT(DISTINCT p.vendorId)', 'vendors')
      .addSelect('COALESCE(SUM(p.amountVnd), 0)', 'total')
      .where("p.status = 'due' AND p.amountVnd > 0")
      .getRawOne<{ vendors: string | number; total: string | number }>();
    return { vendors: Number(row?.vendors ?? 0), totalVnd: Number(row?.total ?? 0) };
  }

  /** Inserts a payout; returns false when the vendor already has one for the period. */
  async insertPayout(p: Payout): Promise<boolean> {
    try {
      await this.em.createQueryBuilder().insert().into(Payout).values(p).updateEntity(false).execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** due → paid in one conditional update; returns whether this call did it. */
  async markPayoutPaid(id: string, bankReference: string, at: Date): Promise<boolean> {
    const res = await this.em.createQueryBuilder().update(Payout).set({ status: 'paid', bankReference, paidAt: at }).where("id = :id AND status = 'due'", { id }).execute();
    return res.affected === 1;
  }
}
