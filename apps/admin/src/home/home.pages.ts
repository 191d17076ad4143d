import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor } from '@ocop/core';
import { CertificationService } from '@ocop/certification';
import { OrdersService, SalesReportService } from '@ocop/orders';
import { LedgerService } from '@ocop/payments';
import { VendorsService } from '@ocop/vendors';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { vnd } from '../orders/present';
import { salesChart } from './sales-chart';
import './home.i18n';

/** `/`: what needs the admin today, each a count with a link, and paid sales by village over 12 weeks. */
@ApiExcludeController()
@Controller()
@Roles('admin')
export class HomePages {
  constructor(
    private readonly vendors: VendorsService,
    private readonly certification: CertificationService,
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
    private readonly sales: SalesReportService,
  ) {}

  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const [pending, flagged, expiring, due, sales] = await Promise.all([
      this.vendors.list(actor, 'pending'),
      this.orders.flagged(actor),
      this.certification.list(actor, { status: 'active', expiringWithinDays: 30, limit: 1 }),
      this.ledger.duePayouts(actor),
      this.sales.weeklySalesByVillage(actor, 12),
    ]);
    return req.server.ocopViews!.send(req, reply, 'home', {
      attention: [
        { key: 'pending-vendors', label: t('adminHome.pendingVendors'), count: pending.length, href: '/vendors?status=pending' },
        { key: 'flagged', label: t('adminHome.flagged'), count: flagged.length, href: '/orders/review' },
        { key: 'expiring', label: t('adminHome.expiring'), count: expiring.total, href: '/certificates?status=active&expiringWithinDays=30' },
        {
          key: 'payouts-due',
          label: t('adminHome.payoutsDue'),
          count: due.vendors,
          href: '/payouts',
          extra: due.totalVnd > 0 ? t('adminHome.payoutsDueAmount', { amount: vnd(due.totalVnd, lang) }) : null,
        },
      ].map((a) => ({ ...a, urgent: a.count > 0 })),
      chart: sales.villages.length ? salesChart(sales, lang, t('adminHome.others')) : null,
    });
  }
}
