import { ValidationError } from '@ocop/core';
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
  if (typeof value !== 'string' || !value.trim()) throw new ValidationError(field, 'must not be empty');
  if (value.trim().length > max) throw new ValidationError(field, `must be at most ${max} characters`);
  return value.trim();
}

/** An optional trimmed text: empty or null is null; throws ValidationError naming the field. */
export function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  const v = value.trim();
  if (v.length > max) throw new ValidationError(field, `must be at most ${max} characters`);
  return v || null;
}

export function checkVendorType(value: unknown): VendorType {
  if (typeof value !== 'string' || !(VENDOR_TYPES as readonly string[]).includes(value)) throw new ValidationError('type', `must be one of ${VENDOR_TYPES.join(', ')}`);
  return value as VendorType;
}

/** Null when empty; throws ValidationError('taxCode') unless 10 digits or 10 digits + '-' + 3 digits. */
export function checkTaxCode(value: unknown): string | null {
  const v = optionalText('taxCode', value, 20);
  if (v !== null && !TAX_CODE.test(v)) throw new ValidationError('taxCode', 'must be a Vietnamese tax code: 10 digits, or 10 digits, "-" and 3 digits');
  return v;
}

/** Null when empty; throws ValidationError(field) for a malformed address. Stored lower-case. */
export function checkEmail(field: string, value: unknown): string | null {
  const v = optionalText(field, value, 254);
  if (v !== null && !EMAIL.test(v)) throw new ValidationError(field, 'must be a valid e-mail address');
  return v?.toLowerCase() ?? null;
}
