import type { Transactions } from '@ocop/database';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { Order } from './order.entity';
import { SubOrder } from './sub-order.entity';

/** Paid sales of one village, one amount per period. */
export interface VillageSalesRow {
  villageId: string;
  villageName: string;
  /** VND per period, in the order of the periods asked for. */
  amountsVnd: number[];
}

/** Sub-orders that count as sales: paid and not refunded in full. */
const SOLD = ['paid', 'packed', 'shipped'];

/** The sales figures the admin's reports read; each statement joins the caller's transaction. */
export class SalesReportRepository {
  constructor(private readonly tx: Transactions) {}

  /**
   * The goods value (`itemsVnd`) of sold sub-orders per village of their vendor, summed per
   * period: `bounds` are n + 1 ascending instants and period i is [bounds[i], bounds[i+1]),
   * placed by when the order was paid. One statement with a sum per period, so no date function
   * of either dialect is needed. Villages without sales in the whole range are left out.
   */
  async paidSalesByVillage(bounds: Date[]): Promise<VillageSalesRow[]> {
    if (bounds.length < 2) return [];
    const qb = this.tx
      .manager()
      .createQueryBuilder(SubOrder, 's')
      .innerJoin(Order, 'o', 'o.id = s.orderId')
      .innerJoin(Vendor, 'v', 'v.id = s.vendorId')
      .innerJoin(Village, 'vi', 'vi.id = v.villageId')
      .select('vi.id', 'villageId')
      .addSelect('vi.name', 'villageName')
      .where('s.status IN (:...sold)', { sold: SOLD })
      .andWhere('o.paidAt >= :b0 AND o.paidAt < :bEnd', { b0: bounds[0], bEnd: bounds[bounds.length - 1] });
    for (let i = 0; i < bounds.length - 1; i++) {
      qb.addSelect(`SUM(CASE WHEN o.paidAt >= :from${i} AND o.paidAt < :to${i} THEN s.itemsVnd ELSE 0 END)`, `p${i}`);
      qb.setParameter(`from${i}`, bounds[i]).setParameter(`to${i}`, bounds[i + 1]);
    }
    const rows = await qb.groupBy('vi.id').addGroupBy('vi.name').getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      villageId: String(r.villageId),
      villageName: String(r.villageName),
      amountsVnd: bounds.slice(1).map((_, i) => Number(r[`p${i}`] ?? 0)),
    }));
  }
}
