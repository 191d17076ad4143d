/**
 * Pure certificate rules: expiry arithmetic in Vietnam time, the derived status, reminder
 * thresholds and the validation of a registry record. No Nest, no I/O; the API, the CSV import
 * and the jobs all call these so they cannot disagree.
 */
import { ruleMessage, Rules, type RuleMessage } from '@ocop/core';
import { PRODUCT_GROUPS, type CertificateLevel, type CertificateStatus, type ProductGroup } from './certificate.entity';

export const CERTIFICATE_LEVELS: readonly CertificateLevel[] = ['district', 'provincial', 'national'];
export const CERTIFICATE_STARS: readonly number[] = [3, 4, 5];
export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
/** What callers see: the stored status, with `expired` derived for an active certificate past its expiry. */
export type EffectiveStatus = 'active' | 'revoked' | 'expired' | 'superseded';
export const EFFECTIVE_STATUSES: readonly EffectiveStatus[] = ['active', 'expired', 'revoked', 'superseded'];
/** Decision 148/QĐ-TTg: a certificate is valid 36 months from the signing of its decision. */
export const VALIDITY_MONTHS = 36;
/** Days before expiry at which the vendor is reminded, widest first. */
export const REMINDER_DAYS: readonly number[] = [90, 30, 7];

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving time). */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time must say which zone it is in, so "2028-03-01T00:00" cannot mean two instants.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A broken rule of one field: the API answers its words, a page form its key. */
export interface FieldError {
  field: string;
  message: RuleMessage;
}

/** The rules of a registry record whose words are the registry's own. */
export const CERTIFICATE_RULES = {
  level: Rules.oneOf(CERTIFICATE_LEVELS),
  productGroup: Rules.oneOf(PRODUCT_GROUPS),
  stars: ruleMessage('form.isIn', 'must be 3, 4 or 5'),
  result: Rules.oneOf(INSPECTION_RESULTS),
  expiresAt: Rules.dateOrZonedTime(),
  afterDecision: Rules.afterStart('the decision date'),
  notBeforeRenewed: ruleMessage('form.notBeforeRenewed', 'must not be before the decision of the certificate it renews'),
} as const;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** 00:00 Asia/Ho_Chi_Minh at the start of a calendar date, as an instant. */
export function vnMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS);
}

/** The calendar date (`YYYY-MM-DD`) in Vietnam at an instant. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * When a certificate whose decision was signed on `decisionDate` stops being valid: 00:00
 * Asia/Ho_Chi_Minh on the same calendar date 36 months later, clamped to the last day of that
 * month when the date does not exist (signed 29 Feb 2024 → 28 Feb 2027).
 *
 * The rule chosen (the texts say "36 months from signing" without saying whether the last day
 * counts): the certificate is valid through the day BEFORE that date, so a decision signed on
 * 1 Mar 2025 is valid through 29 Feb 2028 and has lapsed from 00:00 on 1 Mar 2028 (Vietnam time).
 * Changing the rule means changing only this function.
 */
export function defaultExpiry(decisionDate: string): Date {
  const [y, m, d] = decisionDate.split('-').map(Number);
  const months = m - 1 + VALIDITY_MONTHS;
  const year = y + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return new Date(Date.UTC(year, month - 1, day) - VN_OFFSET_MS);
}

/** The last calendar day (Vietnam time) on which a certificate expiring at `expiresAt` is valid. */
export function lastValidDay(expiresAt: Date): string {
  return vnDate(new Date(expiresAt.getTime() - 1));
}

/** `revoked` | `superseded` as stored; an active certificate is `expired` from `expiresAt` on, else `active`. */
export function effectiveStatus(cert: { status: CertificateStatus | string; expiresAt: Date }, now: Date): EffectiveStatus {
  if (cert.status === 'revoked') return 'revoked';
  if (cert.status === 'superseded') return 'superseded';
  return now.getTime() >= cert.expiresAt.getTime() ? 'expired' : 'active';
}

/** Whole days left until `expiresAt`, rounded up (a certificate lapsing in 3 hours has 1 day left); 0 once expired. */
export function daysUntil(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

/**
 * The reminder due now for a certificate expiring at `expiresAt`: the tightest of 90, 30 and 7
 * days that has been reached, so a certificate recorded 20 days before expiry gets the 30-day
 * reminder and never the 90-day one. Null when none is due yet or it has already expired.
 */
export function reminderThreshold(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: number | null = null;
  for (const days of REMINDER_DAYS) if (left <= days * DAY_MS) due = days;
  return due;
}

/** A registry record as it arrives (JSON body or CSV cells). */
export interface RegistryRecordInput {
  decisionNo?: unknown;
  certificateNo?: unknown;
  decisionDate?: unknown;
  issuingBody?: unknown;
  level?: unknown;
  productName?: unknown;
  productGroup?: unknown;
  stars?: unknown;
  expiresAt?: unknown;
}

/** A valid registry record, trimmed, with its expiry resolved. */
export interface RegistryRecord {
  decisionNo: string;
  certificateNo: string | null;
  decisionDate: string;
  issuingBody: string;
  level: CertificateLevel;
  productName: string;
  productGroup: ProductGroup;
  stars: number;
  expiresAt: Date;
}

/**
 * The rule a registry text breaks: empty (when required), not a string, or longer than `max`
 * after trimming. Null when it is fine. The API's DTOs check the same with this function.
 */
export function textProblem(value: unknown, max: number, required: boolean): RuleMessage | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return required ? Rules.required() : null;
  if (typeof value !== 'string') return Rules.isString();
  return value.trim().length > max ? Rules.maxLength(max) : null;
}

function text(errors: FieldError[], field: string, value: unknown, max: number, required: boolean): string | null {
  const problem = textProblem(value, max, required);
  if (problem) errors.push({ field, message: problem });
  return problem || typeof value !== 'string' || value.trim() === '' ? null : value.trim();
}

/**
 * Reads an expiry: a `Date`, a calendar date `YYYY-MM-DD` (meaning 00:00 Vietnam time at the start
 * of that day, like `defaultExpiry`) or an ISO-8601 date-time with its zone. Undefined when absent,
 * null when unreadable.
 */
export function parseExpiry(value: unknown): Date | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const day = v.slice(0, 10);
  if (v === day && isCalendarDate(day)) return vnMidnight(day);
  if (!DATE_TIME.test(v) || !isCalendarDate(day)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Reads stars from a number or a cell of digits; null unless an integer 3, 4 or 5. */
export function parseStars(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && CERTIFICATE_STARS.includes(n) ? n : null;
}

/** Checks a calendar date that must not lie after today in Vietnam; pushes the error. */
function pastDate(errors: FieldError[], field: string, value: unknown, now: Date): string | null {
  const v = typeof value === 'string' ? value.trim() : value;
  if (v === undefined || v === null || v === '') {
    errors.push({ field, message: Rules.required() });
    return null;
  }
  if (!isCalendarDate(v)) {
    errors.push({ field, message: Rules.date() });
    return null;
  }
  if (v > vnDate(now)) {
    errors.push({ field, message: Rules.notFuture() });
    return null;
  }
  return v;
}

/**
 * Validates a registry record, reporting every problem at once: decisionNo (1–100 characters),
 * certificateNo (optional, ≤100), decisionDate (a real date, not in the future in Vietnam),
 * issuingBody (1–200), level, productName (1–200), productGroup, stars (3, 4 or 5) and expiresAt
 * (optional, after the start of the decision date; defaults to `defaultExpiry`).
 */
export function validateRecord(input: RegistryRecordInput, now: Date): { record: RegistryRecord | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const decisionNo = text(errors, 'decisionNo', input.decisionNo, 100, true);
  const certificateNo = text(errors, 'certificateNo', input.certificateNo, 100, false);
  const decisionDate = pastDate(errors, 'decisionDate', input.decisionDate, now);
  const issuingBody = text(errors, 'issuingBody', input.issuingBody, 200, true);
  const level = typeof input.level === 'string' ? input.level.trim().toLowerCase() : input.level;
  if (!CERTIFICATE_LEVELS.includes(level as CertificateLevel)) errors.push({ field: 'level', message: CERTIFICATE_RULES.level });
  const productName = text(errors, 'productName', input.productName, 200, true);
  const productGroup = typeof input.productGroup === 'string' ? input.productGroup.trim().toLowerCase() : input.productGroup;
  if (!PRODUCT_GROUPS.includes(productGroup as ProductGroup)) errors.push({ field: 'productGroup', message: CERTIFICATE_RULES.productGroup });
  const stars = parseStars(input.stars);
  if (stars === null) errors.push({ field: 'stars', message: CERTIFICATE_RULES.stars });
  let expiresAt = parseExpiry(input.expiresAt);
  if (expiresAt === null) errors.push({ field: 'expiresAt', message: CERTIFICATE_RULES.expiresAt });
  else if (expiresAt !== undefined && decisionDate && expiresAt.getTime() <= vnMidnight(decisionDate).getTime()) {
    errors.push({ field: 'expiresAt', message: CERTIFICATE_RULES.afterDecision });
    expiresAt = null;
  }
  if (errors.length > 0) return { record: null, errors };
  return {
    record: {
      decisionNo: decisionNo!,
      certificateNo,
      decisionDate: decisionDate!,
      issuingBody: issuingBody!,
      level: level as CertificateLevel,
      productName: productName!,
      productGroup: productGroup as ProductGroup,
      stars: stars!,
      expiresAt: expiresAt ?? defaultExpiry(decisionDate!),
    },
    errors,
  };
}

/** Validates a revocation: reason 1–500 characters, the revoking decision's number optional (≤100). */
export function validateRevocation(input: { reason?: unknown; decisionNo?: unknown }): { reason: string; decisionNo: string | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const reason = text(errors, 'reason', input.reason, 500, true);
  const decisionNo = text(errors, 'decisionNo', input.decisionNo, 100, false);
  return { reason: reason ?? '', decisionNo, errors };
}

/** Validates a post-inspection: inspectedOn (a real date, not in the future), body (1–200), result, notes (≤2000). */
export function validateInspection(
  input: { inspectedOn?: unknown; body?: unknown; result?: unknown; notes?: unknown },
  now: Date,
): { value: { inspectedOn: string; body: string; result: InspectionResult; notes: string | null } | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const inspectedOn = pastDate(errors, 'inspectedOn', input.inspectedOn, now);
  const body = text(errors, 'body', input.body, 200, true);
  if (!INSPECTION_RESULTS.includes(input.result as InspectionResult)) errors.push({ field: 'result', message: CERTIFICATE_RULES.result });
  const notes = text(errors, 'notes', input.notes, 2000, false);
  if (errors.length > 0) return { value: null, errors };
  return { value: { inspectedOn: inspectedOn!, body: body!, result: input.result as InspectionResult, notes }, errors };
}

/** The reason offered when revoking after a failed inspection. */
export function failedInspectionReason(inspectedOn: string, body: string): string {
  return `Failed post-inspection on ${inspectedOn} by ${body}`.slice(0, 500);
}
