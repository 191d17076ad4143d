import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ForbiddenError, hasRole, NotFoundError, ConflictError, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { LedgerEntry, type LedgerKind } from './ledger-entry.entity';
import { isCalendarDay, nextDay, refundEntries, saleEntries, serviceSaleEntries, vietnamDayStart, type EntryDraft, type SaleFacts, type ServiceSaleFacts } from './ledger.rules';
import { Payout } from './payout.entity';
import { PaymentsRepository, type LedgerEntryRow } from './payments.repository';
import { toCsv } from './payout-csv';

export interface LedgerPage {
  /** Newest first, each with its sub-order's reference (null for a payout's entry). */
  items: LedgerEntryRow[];
  total: number;
  page: number;
  limit: number;
}

export interface VendorBalance {
  vendorId: string;
  /** Owed to the vendor and in no payout yet. */
  balanceVnd: number;
  /** In payouts created and not yet marked paid. */
  payoutsDueVnd: number;
}

/** One of a vendor's payouts as the vendor sees it. */
export interface VendorPayoutView {
  id: string;
  /** YYYY-MM-DD, Vietnam calendar days, both included. */
  periodStart: string;
  periodEnd: string;
  amountVnd: number;
  /** `due` (created, not transferred yet) or `paid`. */
  status: Payout['status'];
  paidAt: Date | null;
  bankReference: string | null;
}

/** Payouts created and not yet transferred, over all vendors. */
export interface DuePayouts {
  /** Vendors owed at least one such payout. */
  vendors: number;
  totalVnd: number;
}

/** One vendor's line of the payout report: the period's entries by kind, and its payout. */
export interface PayoutReportRow {
  vendorId: string;
  vendorName: string;
  taxCode: string | null;
  salesVnd: number;
  commissionVnd: number;
  vatWithheldVnd: number;
  pitWithheldVnd: number;
  refundsVnd: number;
  /** Sum of the period's entries (payouts left out). */
  netVnd: number;
  payoutId: string | null;
  payoutVnd: number | null;
  payoutStatus: string | null;
  bankReference: string | null;
}

export interface PayoutReport {
  from: string;
  to: string;
  rows: PayoutReportRow[];
}

export type { LedgerEntryRow };

const PAGE_SIZE = 50;

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
}

function period(from: unknown, to: unknown): { from: string; to: string; start: Date; end: Date } {
  if (!isCalendarDay(from)) throw new ValidationError('from', 'must be a date written YYYY-MM-DD');
  if (!isCalendarDay(to)) throw new ValidationError('to', 'must be a date written YYYY-MM-DD');
  if (to < from) throw new ValidationError('to', 'must not be before from');
  return { from, to, start: vietnamDayStart(from), end: vietnamDayStart(nextDay(to)) };
}

/**
 * What the marketplace owes each vendor: entries written when money arrives and when it is
 * returned, never edited; each has a dedupe key, so writing the same entries twice is a no-op.
 * Payouts gather a vendor's unpaid entries up to the end of a period.
 */
@Injectable()
export class LedgerService {
  private readonly repo: PaymentsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new PaymentsRepository(tx);
  }

  /**
   * Writes the sale of each paid sub-order (see `saleEntries`: sale +total, commission − at the
   * frozen rate on items, household VAT 1 % and PIT 0.5 % withheld on items). Joins the caller's
   * transaction. Idempotent per sub-order.
   */
  async recordSale(subOrders: SaleFacts[]): Promise<void> {
    const at = this.clock.now();
    await this.tx.run(() => this.repo.insertEntries(subOrders.flatMap((s) => this.rows(s, saleEntries(s), at))));
  }

  /**
   * Writes the reversal of returning `amountVnd` of a sub-order (refund −amount, deductions
   * reversed in proportion). Joins the caller's transaction. Idempotent per (refund, sub-order).
   */
  async recordRefund(sub: SaleFacts, amountVnd: number, refundId: string): Promise<void> {
    await this.tx.run(async () => {
      const existing = await this.repo.entriesOfSubOrder(sub.id);
      if (existing.some((e) => e.dedupeKey === `refund:${refundId}:${sub.id}`)) return;
      const refundedBefore = -existing.filter((e) => e.kind === 'refund').reduce((a, e) => a + e.amountVnd, 0);
      const originals = existing.filter((e) => (['commission', 'vat_withheld', 'pit_withheld'] as LedgerKind[]).includes(e.kind));
      await this.repo.insertEntries(this.rows(sub, refundEntries(sub, originals, refundedBefore, amountVnd, refundId), this.clock.now()));
    });
  }

  /**
   * Writes the sale of a paid service (a confirmed booking; see `serviceSaleEntries`). The entries
   * carry the booking's id in `bookingId` (and the paying order's, if any). Joins the caller's transaction.
   * Idempotent per booking.
   */
  async recordServiceSale(sale: ServiceSaleFacts): Promise<void> {
    const at = this.clock.now();
    await this.tx.run(() => this.repo.insertEntries(this.bookingRows(sale.id, sale.vendorId, sale.orderId ?? null, serviceSaleEntries(sale), at)));
  }

  /**
   * Writes the reversal of returning `amountVnd` of a paid service (a booking): refund −amount,
   * commission and taxes reversed in proportion. Nothing when the service's sale was never
   * written (money returned before the booking was confirmed). Joins the caller's transaction.
   * Idempotent per (refund, booking).
   */
  async recordBookingRefund(bookingId: string, amountVnd: number, refundId: string): Promise<void> {
    await this.tx.run(async () => {
      const existing = await this.repo.entriesOfBooking(bookingId);
      const sale = existing.find((e) => e.kind === 'sale');
      if (!sale || existing.some((e) => e.dedupeKey === `refund:${refundId}:${bookingId}`)) return;
      const facts = { id: bookingId, orderId: sale.orderId, vendorId: sale.vendorId, totalVnd: sale.amountVnd };
      const refundedBefore = -existing.filter((e) => e.kind === 'refund').reduce((a, e) => a + e.amountVnd, 0);
      const originals = existing.filter((e) => (['commission', 'vat_withheld', 'pit_withheld'] as LedgerKind[]).includes(e.kind));
      await this.repo.insertEntries(this.bookingRows(bookingId, sale.vendorId, sale.orderId, refundEntries(facts, originals, refundedBefore, amountVnd, refundId), this.clock.now()));
    });
  }

  private rows(s: Pick<SaleFacts, 'id' | 'vendorId'> & { orderId: string | null }, drafts: EntryDraft[], at: Date): LedgerEntry[] {
    return drafts.map((d) => Object.assign(new LedgerEntry(), { id: randomUUID(), vendorId: s.vendorId, orderId: s.orderId, subOrderId: s.id, bookingId: null, payoutId: null, createdAt: at, ...d }));
  }

  private bookingRows(bookingId: string, vendorId: string, orderId: string | null, drafts: EntryDraft[], at: Date): LedgerEntry[] {
    return drafts.map((d) => Object.assign(new LedgerEntry(), { id: randomUUID(), vendorId, orderId, subOrderId: null, bookingId, payoutId: null, createdAt: at, ...d }));
  }

  /** The vendor's balance: what is owed and in no payout, and what payouts still owe. */
  async balance(vendorId: string): Promise<VendorBalance> {
    const due = await this.repo.payoutsOfVendor(vendorId, 'due');
    return { vendorId, balanceVnd: await this.repo.balance(vendorId), payoutsDueVnd: due.reduce((a, p) => a + p.amountVnd, 0) };
  }

  /** The vendor's entries, newest first, 50 a page, each with its sub-order's reference. */
  async entries(vendorId: string, page = 1): Promise<LedgerPage> {
    const p = Number.isInteger(page) && page >= 1 ? page : 1;
    const [items, total] = await this.repo.entries(vendorId, p, PAGE_SIZE);
    return { items, total, page: p, limit: PAGE_SIZE };
  }

  /** The caller's vendor's balance; NotFoundError for a caller who works for no vendor. */
  async ownBalance(actor: Actor): Promise<VendorBalance> {
    return this.balance(this.vendorOf(actor));
  }

  /** The caller's vendor's entries; NotFoundError for a caller who works for no vendor. */
  async ownEntries(actor: Actor, page?: number): Promise<LedgerPage> {
    return this.entries(this.vendorOf(actor), page);
  }

  /**
   * The caller's vendor's payouts, the latest period first: period, amount, state, when it was
   * transferred and the bank's reference. NotFoundError for a caller who works for no vendor.
   */
  async ownPayouts(actor: Actor): Promise<VendorPayoutView[]> {
    const payouts = await this.repo.payoutsOfVendor(this.vendorOf(actor));
    return payouts.map((p) => ({ id: p.id, periodStart: p.periodStart, periodEnd: p.periodEnd, amountVnd: p.amountVnd, status: p.status, paidAt: p.paidAt, bankReference: p.bankReference }));
  }

  /**
   * How many vendors have payouts created and not yet transferred, and their total, in one query
   * (admin). ForbiddenError for anyone else.
   */
  async duePayouts(actor: Actor): Promise<DuePayouts> {
    requireAdmin(actor);
    return this.repo.duePayoutTotals();
  }

  private vendorOf(actor: Actor): string {
    if (!actor.vendorId) throw new NotFoundError('You do not work for a vendor');
    return actor.vendorId;
  }

  /**
   * Per vendor, the entries written in the period (calendar days in Vietnam time, inclusive) by
   * kind, with the vendor's payout for exactly that period when one was created (admin).
   * ValidationError naming `from`/`to`.
   */
  async payoutReport(actor: Actor, from: unknown, to: unknown): Promise<PayoutReport> {
    requireAdmin(actor);
    const p = period(from, to);
    const sums = (await this.repo.sumsByVendorKind(p.start, p.end)).filter((s) => s.kind !== 'payout');
    const payouts = await this.repo.payouts(p.from, p.to);
    const ids = [...new Set([...sums.map((s) => s.vendorId), ...payouts.map((x) => x.vendorId)])];
    const vendors = new Map((await this.repo.vendors(ids)).map((v) => [v.id, v]));
    const sum = (vendorId: string, kinds: LedgerKind[]) => sums.filter((s) => s.vendorId === vendorId && kinds.includes(s.kind)).reduce((a, s) => a + s.total, 0);
    const rows = ids.map((vendorId): PayoutReportRow => {
      const payout = payouts.find((x) => x.vendorId === vendorId) ?? null;
      return {
        vendorId,
        vendorName: vendors.get(vendorId)?.name ?? '',
        taxCode: vendors.get(vendorId)?.taxCode ?? null,
        salesVnd: sum(vendorId, ['sale']),
        commissionVnd: sum(vendorId, ['commission', 'commission_reversal']),
        vatWithheldVnd: sum(vendorId, ['vat_withheld', 'vat_reversal']),
        pitWithheldVnd: sum(vendorId, ['pit_withheld', 'pit_reversal']),
        refundsVnd: sum(vendorId, ['refund']),
        netVnd: sum(vendorId, ['sale', 'commission', 'commission_reversal', 'vat_withheld', 'vat_reversal', 'pit_withheld', 'pit_reversal', 'refund']),
        payoutId: payout?.id ?? null,
        payoutVnd: payout?.amountVnd ?? null,
        payoutStatus: payout?.status ?? null,
        bankReference: payout?.bankReference ?? null,
      };
    });
    rows.sort((a, b) => a.vendorName.localeCompare(b.vendorName, 'vi') || a.vendorId.localeCompare(b.vendorId));
    return { from: p.from, to: p.to, rows };
  }

  /** The payout report as CSV (RFC 4180, CRLF, UTF-8). */
  payoutCsv(report: PayoutReport): string {
    const header = [
      'period_start',
      'period_end',
      'vendor_id',
      'vendor_name',
      'tax_code',
      'sales_vnd',
      'commission_vnd',
      'vat_withheld_vnd',
      'pit_withheld_vnd',
      'refunds_vnd',
      'net_vnd',
      'payout_vnd',
      'payout_status',
      'bank_reference',
    ];
    return toCsv(
      header,
      report.rows.map((r) => [
        report.from,
        report.to,
        r.vendorId,
        r.vendorName,
        r.taxCode,
        r.salesVnd,
        r.commissionVnd,
        r.vatWithheldVnd,
        r.pitWithheldVnd,
        r.refundsVnd,
        r.netVnd,
        r.payoutVnd,
        r.payoutStatus,
        r.bankReference,
      ]),
    );
  }

  /**
   * Creates, for each vendor whose entries up to the end of the period that no payout holds sum
   * to more than zero, one payout of that sum, links those entries to it and writes the payout's
   * own entry (−amount), in one transaction (admin). A vendor whose sum is zero or negative gets
   * none; the entries carry over to a later period. Idempotent: a vendor that already has a
   * payout for the period gets no second one. Returns the period's payouts.
   */
  async createPayouts(actor: Actor, from: unknown, to: unknown): Promise<Payout[]> {
    requireAdmin(actor);
    const p = period(from, to);
    if (p.end.getTime() > this.clock.now().getTime()) throw new ValidationError('to', 'the period must have ended');
    return this.tx.run(async () => {
      const existing = new Set((await this.repo.payouts(p.from, p.to)).map((x) => x.vendorId));
      for (const { vendorId, total } of await this.repo.unpaidTotals(p.end)) {
        if (total <= 0 || existing.has(vendorId)) continue;
        const payout = Object.assign(new Payout(), { id: randomUUID(), vendorId, periodStart: p.from, periodEnd: p.to, amountVnd: total, status: 'due' as const, bankReference: null, paidAt: null });
        if (!(await this.repo.insertPayout(payout))) continue;
        await this.repo.linkEntries(vendorId, p.end, payout.id);
        const entry = Object.assign(new LedgerEntry(), {
          id: randomUUID(),
          vendorId,
          orderId: null,
          subOrderId: null,
          bookingId: null,
          kind: 'payout' as const,
          amountVnd: -total,
          rateBps: null,
          payoutId: payout.id,
          dedupeKey: `payout:${payout.id}`,
          createdAt: this.clock.now(),
        });
        await this.repo.insertEntries([entry]);
      }
      return this.repo.payouts(p.from, p.to);
    });
  }

  /**
   * Marks a due payout paid with the bank transfer's reference (admin). NotFoundError; ConflictError
   * (reason `already_paid`) when it was marked before; ValidationError naming `bankReference`.
   */
  async markPayoutPaid(actor: Actor, payoutId: string, bankReference: unknown): Promise<Payout> {
    requireAdmin(actor);
    const ref = typeof bankReference === 'string' ? bankReference.trim() : '';
    if (!ref || ref.length > 100) throw new ValidationError('bankReference', 'must be 1 to 100 characters');
    return this.tx.run(async () => {
      const payout = await this.repo.payout(payoutId);
      if (!payout) throw new NotFoundError('No such payout');
      if (!(await this.repo.markPayoutPaid(payoutId, ref, this.clock.now()))) throw new ConflictError('This payout is already marked paid', { reason: 'already_paid' });
      return (await this.repo.payout(payoutId))!;
    });
  }
}
