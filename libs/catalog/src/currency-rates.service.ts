import { Injectable } from '@nestjs/common';
import { ForbiddenError, hasRole, ruleMessage, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { CurrencyRatesRepository } from './currency-rates.repository';

/** The currencies shoppers may see approximate prices in. Charges are always in VND. */
export const DISPLAY_CURRENCIES = ['USD', 'EUR'] as const;
export type DisplayCurrency = (typeof DISPLAY_CURRENCIES)[number];

/** Rates used until an admin sets one (VND per unit, rounded). */
export const DEFAULT_RATES: Record<DisplayCurrency, number> = { USD: 26000, EUR: 30000 };

export interface DisplayRate {
  currency: DisplayCurrency;
  vndPerUnit: number;
  /** When an admin last set it; null while the default applies. */
  updatedAt: Date | null;
}

export function isDisplayCurrency(value: unknown): value is DisplayCurrency {
  return typeof value === 'string' && (DISPLAY_CURRENCIES as readonly string[]).includes(value);
}

/**
 * An approximate amount in `currency` for `vnd`, rounded to whole units from 100 up and to cents
 * below. Pure.
 */
export function approximate(vnd: number, vndPerUnit: number): number {
  const raw = vnd / vndPerUnit;
  return raw >= 100 ? Math.round(raw) : Math.round(raw * 100) / 100;
}

/** Admin-set display rates for approximate foreign prices. */
@Injectable()
export class CurrencyRatesService {
  private readonly repo: CurrencyRatesRepository;

  constructor(private readonly tx: Transactions) {
    this.repo = new CurrencyRatesRepository(tx);
  }

  /** Every display currency with its rate (the default where none has been set). */
  async rates(): Promise<DisplayRate[]> {
    const stored = new Map((await this.repo.all()).map((r) => [r.currency, r]));
    return DISPLAY_CURRENCIES.map((currency) => {
      const row = stored.get(currency);
      return { currency, vndPerUnit: row?.vndPerUnit ?? DEFAULT_RATES[currency], updatedAt: row?.updatedAt ?? null };
    });
  }

  /**
   * Sets how many VND one unit of `currency` is worth. Idempotent. Throws ForbiddenError for a
   * non-admin, ValidationError naming `currency` (USD or EUR) or `vndPerUnit` (an integer from
   * 1,000 to 1,000,000).
   */
  async set(actor: Actor, currency: string, vndPerUnit: number): Promise<DisplayRate> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    const code = typeof currency === 'string' ? currency.toUpperCase() : '';
    if (!isDisplayCurrency(code)) throw new ValidationError('currency', ruleMessage('form.isIn', `must be one of ${DISPLAY_CURRENCIES.join(', ')}`));
    if (typeof vndPerUnit !== 'number' || !Number.isInteger(vndPerUnit) || vndPerUnit < 1000 || vndPerUnit > 1_000_000) {
      throw new ValidationError('vndPerUnit', ruleMessage('form.betweenInt', 'must be a whole number from 1000 to 1000000', { min: 1000, max: 1000000 }));
    }
    await this.tx.run(() => this.repo.put(code, vndPerUnit, actor.id));
    return (await this.rates()).find((r) => r.currency === code)!;
  }
}
