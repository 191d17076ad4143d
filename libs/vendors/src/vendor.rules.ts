import { Rules, ValidationError } from '@ocop/core';
import type { VendorStatus, VendorType } from './vendor.entity';

export const VENDOR_TYPES: readonly VendorType[] = ['cooperative', 'enterprise', 'household'];
export const VENDOR_STATUSES: readonly VendorStatus[] = ['pending', 'approved', 'suspended'];

/** A Vietnamese tax code (mã số thuế): 10 digits, or 10 digits, '-' and a 3-digit branch number. */
export const TAX_CODE = /^\d{10}(-\d{3})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isVendorStatus(value: unknown): value is VendorStatus {
  return typeof value === 'string' && (VENDOR_STATUSES as readonly string[]).includes(value);
}

/** A required trimmed text; throws ValidationError naming the field. */
export function requiredText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new ValidationError(field, Rules.required());
  if (value.trim().length > max) throw new ValidationError(field, Rules.maxLength(max));
  return value.trim();
}

/** An optional trimmed text: empty or null is null; throws ValidationError naming the field. */
export function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ValidationError(field, Rules.isString());
  const v = value.trim();
  if (v.length > max) throw new ValidationError(field, Rules.maxLength(max));
  return v || null;
}

export function checkVendorType(value: unknown): VendorType {
  if (typeof value !== 'string' || !(VENDOR_TYPES as readonly string[]).includes(value)) throw new ValidationError('type', Rules.oneOf(VENDOR_TYPES));
  return value as VendorType;
}

/** Null when empty; throws ValidationError('taxCode') unless 10 digits or 10 digits + '-' + 3 digits. */
export function checkTaxCode(value: unknown): string | null {
  const v = optionalText('taxCode', value, 20);
  if (v !== null && !TAX_CODE.test(v)) throw new ValidationError('taxCode', Rules.taxCode());
  return v;
}

/** Null when empty; throws ValidationError(field) for a malformed address. Stored lower-case. */
export function checkEmail(field: string, value: unknown): string | null {
  const v = optionalText(field, value, 254);
  if (v !== null && !EMAIL.test(v)) throw new ValidationError(field, Rules.isEmail());
  return v?.toLowerCase() ?? null;
}
