import { ValidationError } from '@ocop/core';

/**
 * An optional integer query parameter from 1 to `max`; `fallback` when absent or empty.
 * Throws ValidationError naming the parameter otherwise (a 400, never a 500).
 */
export function intQueryParam(raw: unknown, name: string, max: number, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ValidationError(name, `must be an integer from 1 to ${max}`);
  return n;
}

/**
 * An optional text query parameter given at most once; undefined when absent or empty. Throws
 * ValidationError naming the parameter when it is repeated (`?q=a&q=b`) or longer than `maxLength`.
 */
export function textQueryParam(raw: unknown, name: string, maxLength = 200): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new ValidationError(name, 'must be given once');
  if (raw.length > maxLength) throw new ValidationError(name, `must be at most ${maxLength} characters`);
  return raw;
}
