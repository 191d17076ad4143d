import type { Transactions } from '@ocop/database';
import { CurrencyRate } from './currency-rate.entity';

/** Every statement on display rates; each joins the caller's transaction. */
export class CurrencyRatesRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  all(): Promise<CurrencyRate[]> {
    return this.em.find(CurrencyRate);
  }

  /** Inserts or replaces the rate of one currency. */
  async put(currency: string, vndPerUnit: number, updatedBy: string | null): Promise<void> {
    const res = await this.em.update(CurrencyRate, { currency }, { vndPerUnit, updatedBy });
    if (!res.affected) await this.em.insert(CurrencyRate, { currency, vndPerUnit, updatedBy });
  }
}
