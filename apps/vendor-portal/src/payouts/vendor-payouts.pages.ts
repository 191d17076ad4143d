import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor, type Locale } from '@ocop/core';
import { OrdersService } from '@ocop/orders';
import { LedgerService, type LedgerEntry } from '@ocop/payments';
import { CurrentUser, intQueryParam, requestLocale, Roles } from '@ocop/web';
import { percent, vnd, vnTime } from '../orders/present';
import './payouts.i18n';

type T = ReturnType<typeof translator>;

const PAGE_SIZE = 50;

/** One ledger entry in words: "Commission 8 %", "VAT withheld 1 %"… */
function entryText(e: LedgerEntry, references: Map<string, string>, lang: Locale, t: T) {
  return {
    date: vnTime(e.createdAt, lang),
    what: t(`vendorPayouts.kind.${e.kind}`, { rate: e.rateBps ? percent(e.rateBps, lang) : '' }).trim(),
    subOrderId: e.subOrderId && references.has(e.subOrderId) ? e.subOrderId : null,
    order: (e.subOrderId && references.get(e.subOrderId)) ?? '',
    amount: vnd(e.amountVnd, lang),
    negative: e.amountVnd < 0,
  };
}

/** `/payouts`: the vendor's balance, what payouts still owe it, and its ledger in words. */
@ApiExcludeController()
@Controller('payouts')
@Roles('vendor')
export class VendorPayoutsPages {
  constructor(
    private readonly ledger: LedgerService,
    private readonly orders: OrdersService,
  ) {}

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const page = intQueryParam((req.query as Record<string, unknown> | undefined)?.page, 'page', 100000, 1);
    const [balance, entries] = await Promise.all([this.ledger.ownBalance(actor), this.ledger.ownEntries(actor, page)]);
    const references = new Map<string, string>();
    const subOrderIds = [...new Set(entries.items.map((e) => e.subOrderId).filter((id): id is string => !!id))];
    await Promise.all(
      subOrderIds.map(async (id) => {
        const s = await this.orders.getForVendor(actor, id).catch(() => null);
        if (s) references.set(id, s.reference);
      }),
    );
    return req.server.ocopViews!.send(req, reply, 'payouts', {
      title: t('vendorPayouts.title'),
      balance: vnd(balance.balanceVnd, lang),
      payoutsDue: balance.payoutsDueVnd > 0 ? vnd(balance.payoutsDueVnd, lang) : null,
      entries: entries.items.map((e) => entryText(e, references, lang, t)),
      prev: page > 1 ? `/payouts?page=${page - 1}` : null,
      next: page * PAGE_SIZE < entries.total ? `/payouts?page=${page + 1}` : null,
    });
  }
}
