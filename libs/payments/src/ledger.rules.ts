import type { LedgerKind } from './ledger-entry.entity';

/** Decree 117/2025: on gross revenue from goods sold by household and individual sellers. */
export const HOUSEHOLD_VAT_BPS = 100;
export const HOUSEHOLD_PIT_BPS = 50;

/** Decree 117/2025: on gross revenue from services (a workshop or a guided visit) sold by household and individual sellers (resident PIT). */
export const HOUSEHOLD_SERVICE_VAT_BPS = 500;
export const HOUSEHOLD_SERVICE_PIT_BPS = 200;

/** A paid service (a booking) as the ledger needs it: its money and the vendor's rate and type at confirmation. */
export interface ServiceSaleFacts {
  /** The booking's id; the entries carry it in `bookingId`. */
  id: string;
  /** The order whose checkout paid for the booking; null when it was paid on its own. */
  orderId?: string | null;
  vendorId: string;
  totalVnd: number;
  commissionBps: number;
  vendorType: string;
}

/**
 * What one paid service puts in its host vendor's ledger: sale +total, commission on the total at
 * the vendor's rate at confirmation, and for a household seller VAT 5 % and PIT 2 % withheld on
 * the total (Decree 117/2025, services). Keys are prefixed `booking-` so they never meet a
 * sub-order's. Pure.
 */
export function serviceSaleEntries(s: ServiceSaleFacts): EntryDraft[] {
  const rows: EntryDraft[] = [
    { kind: 'sale', amountVnd: s.totalVnd, rateBps: null, dedupeKey: `booking-sale:${s.id}` },
    { kind: 'commission', amountVnd: -share(s.totalVnd, s.commissionBps), rateBps: s.commissionBps, dedupeKey: `booking-commission:${s.id}` },
  ];
  if (s.vendorType === 'household') {
    rows.push({ kind: 'vat_withheld', amountVnd: -share(s.totalVnd, HOUSEHOLD_SERVICE_VAT_BPS), rateBps: HOUSEHOLD_SERVICE_VAT_BPS, dedupeKey: `booking-vat:${s.id}` });
    rows.push({ kind: 'pit_withheld', amountVnd: -share(s.totalVnd, HOUSEHOLD_SERVICE_PIT_BPS), rateBps: HOUSEHOLD_SERVICE_PIT_BPS, dedupeKey: `booking-pit:${s.id}` });
  }
  return rows.filter((r) => r.kind === 'sale' || r.amountVnd !== 0);
}

/** The part of a sub-order the ledger needs: its money and what was frozen at sale. */
export interface SaleFacts {
  id: string;
  orderId: string;
  vendorId: string;
  itemsVnd: number;
  shippingVnd: number;
  totalVnd: number;
  commissionBps: number;
  vendorType: string;
}

export interface EntryDraft {
  kind: LedgerKind;
  amountVnd: number;
  rateBps: number | null;
  dedupeKey: string;
}

/** `amount × bps / 10 000`, rounded to whole VND (halves away from zero for positive amounts). */
export const share = (amountVnd: number, bps: number): number => Math.round((amountVnd * bps) / 10_000);

/**
 * What one paid sub-order puts in its vendor's ledger. The vendor is owed the whole sub-order
 * total (its items and the shipping it charged and carries out); commission is taken on the
 * items only, at the rate frozen on the sub-order; a household seller has VAT 1 % and PIT 0.5 %
 * withheld on the goods (items), as Decree 117/2025 asks. Pure.
 */
export function saleEntries(s: SaleFacts): EntryDraft[] {
  const rows: EntryDraft[] = [
    { kind: 'sale', amountVnd: s.totalVnd, rateBps: null, dedupeKey: `sale:${s.id}` },
    { kind: 'commission', amountVnd: -share(s.itemsVnd, s.commissionBps), rateBps: s.commissionBps, dedupeKey: `commission:${s.id}` },
  ];
  if (s.vendorType === 'household') {
    rows.push({ kind: 'vat_withheld', amountVnd: -share(s.itemsVnd, HOUSEHOLD_VAT_BPS), rateBps: HOUSEHOLD_VAT_BPS, dedupeKey: `vat:${s.id}` });
    rows.push({ kind: 'pit_withheld', amountVnd: -share(s.itemsVnd, HOUSEHOLD_PIT_BPS), rateBps: HOUSEHOLD_PIT_BPS, dedupeKey: `pit:${s.id}` });
  }
  return rows.filter((r) => r.kind === 'sale' || r.amountVnd !== 0);
}

const REVERSAL: Partial<Record<LedgerKind, LedgerKind>> = { commission: 'commission_reversal', vat_withheld: 'vat_reversal', pit_withheld: 'pit_reversal' };

/**
 * The entries of returning `amountVnd` of a sub-order to the shopper, when `refundedBefore` was
 * returned already: the refund itself, and each deduction reversed in proportion to the share of
 * the total refunded. Each reversal is the difference of the rounded cumulative shares, so once
 * the whole total is refunded every deduction is reversed exactly. Pure.
 */
export function refundEntries(
  s: Pick<SaleFacts, 'id' | 'totalVnd'>,
  originals: { kind: LedgerKind; amountVnd: number; rateBps: number | null }[],
  refundedBefore: number,
  amountVnd: number,
  refundId: string,
): EntryDraft[] {
  const after = refundedBefore + amountVnd;
  const rows: EntryDraft[] = [{ kind: 'refund', amountVnd: -amountVnd, rateBps: null, dedupeKey: `refund:${refundId}:${s.id}` }];
  for (const o of originals) {
    const kind = REVERSAL[o.kind];
    if (!kind || s.totalVnd <= 0) continue;
    const part = (refunded: number) => Math.round((-o.amountVnd * refunded) / s.totalVnd);
    const amount = part(after) - part(refundedBefore);
    if (amount !== 0) rows.push({ kind, amountVnd: amount, rateBps: o.rateBps, dedupeKey: `${kind}:${refundId}:${s.id}` });
  }
  return rows;
}

/** 00:00 of a calendar day in Vietnam time (UTC+7, no daylight saving), as an instant. */
export function vietnamDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - 7 * 3600_000);
}

/** Whether `day` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDay(day: unknown): day is string {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The day after `day` (YYYY-MM-DD). */
export const nextDay = (day: string): string => new Date(vietnamDayStart(day).getTime() + 31 * 3600_000).toISOString().slice(0, 10);
