import { Injectable } from '@nestjs/common';
import { Clock, ForbiddenError, hasRole, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { SalesReportRepository } from './sales-report.repository';

/** Vietnam is UTC+7 all year (no daylight saving time). */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Paid sales by village over the last weeks: the periods and one row per village with sales. */
export interface WeeklyVillageSales {
  /** The Monday (Vietnam time, `YYYY-MM-DD`) each week starts on, oldest first; the last is the current week. */
  weeks: string[];
  villages: { villageId: string; villageName: string; weeksVnd: number[]; totalVnd: number }[];
  totalVnd: number;
}

/**
 * The `weeks` + 1 boundaries of the last `weeks` calendar weeks in Vietnam time (Monday 00:00
 * UTC+7), the last week being the one `now` falls in. Pure.
 */
export function weekBounds(now: Date, weeks: number): Date[] {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - sinceMonday * DAY_MS;
  const firstLocal = mondayLocal - (weeks - 1) * 7 * DAY_MS;
  return Array.from({ length: weeks + 1 }, (_, i) => new Date(firstLocal + i * 7 * DAY_MS - VN_OFFSET_MS));
}

/** Sales figures for the admin's overview. */
@Injectable()
export class SalesReportService {
  private readonly repo: SalesReportRepository;

  constructor(
    tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new SalesReportRepository(tx);
  }

  /**
   * Paid sales (goods value of sub-orders paid and not refunded in full) per village over the
   * last `weeks` weeks including the current one, villages with the most sales first. Reads only.
   * ForbiddenError for anyone but an admin.
   */
  async weeklySalesByVillage(actor: Actor, weeks = 12): Promise<WeeklyVillageSales> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    const bounds = weekBounds(this.clock.now(), weeks);
    const rows = await this.repo.paidSalesByVillage(bounds);
    const villages = rows
      .map((r) => ({ villageId: r.villageId, villageName: r.villageName, weeksVnd: r.amountsVnd, totalVnd: r.amountsVnd.reduce((a, b) => a + b, 0) }))
      .filter((v) => v.totalVnd > 0)
      .sort((a, b) => b.totalVnd - a.totalVnd || a.villageName.localeCompare(b.villageName));
    return {
      weeks: bounds.slice(0, -1).map((b) => new Date(b.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)),
      villages,
      totalVnd: villages.reduce((a, v) => a + v.totalVnd, 0),
    };
  }
}
