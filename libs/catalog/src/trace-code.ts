import { createHash, randomBytes } from 'node:crypto';

/** Letters and digits a person cannot misread on a printed label: no 0/O and no 1/I. 32 symbols. */
export const TRACE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TRACE_CODE_LENGTH = 8;

/**
 * A new random trace code: 8 symbols of the unambiguous alphabet (40 bits). Uniqueness is the
 * database's unique index; the caller retries with a fresh code on a clash.
 */
export function newTraceCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(TRACE_CODE_LENGTH);
  let code = '';
  // 256 is a multiple of 32, so taking the low five bits keeps every symbol equally likely.
  for (let i = 0; i < TRACE_CODE_LENGTH; i++) code += TRACE_CODE_ALPHABET[bytes[i] & 31];
  return code;
}

/** A code as typed or scanned, trimmed and upper-cased; null for anything that cannot be a code. Pure. */
export function normalizeTraceCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.trim().toUpperCase();
  return /^[A-Z0-9]{4,16}$/.test(code) ? code : null;
}

/** The period a scan is counted in: its UTC calendar day, `YYYY-MM-DD`. Pure. */
export function scanPeriod(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Who scanned a product in a period, as a hex SHA-256 of the period, the product and the client
 * key: the same client counts once per product and day, and no address can be read back from it
 * (nor linked across products or days). Pure.
 */
export function scannerHash(period: string, productId: string, clientKey: string): string {
  return createHash('sha256').update(`${period}|${productId}|${clientKey}`).digest('hex');
}
