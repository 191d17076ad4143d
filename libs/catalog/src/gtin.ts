/**
 * GTIN check digits (GS1 General Specifications §7.9.1): starting from the rightmost data digit,
 * weights 3, 1, 3, 1, …; the check digit is `(10 − sum mod 10) mod 10`. The same code serves
 * GTIN-8, -12 (UPC-A), -13 (EAN-13) and -14. Pure.
 */
export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

/** The check digit for the data digits of a GTIN (everything but the last digit). */
export function gtinCheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new RangeError('GTIN data must be digits');
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is 8, 12, 13 or 14 digits ending in the right check digit. */
export function isValidGtin(code: unknown): code is string {
  if (typeof code !== 'string' || !/^\d+$/.test(code) || !(GTIN_LENGTHS as readonly number[]).includes(code.length)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}
