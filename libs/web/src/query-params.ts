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
