import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor, type Locale } from '@ocop/core';
import { LedgerService, type LedgerEntryRow, type VendorPayoutView } from '@ocop/payments';
import { CurrentUser, intQueryParam, requestLocale, Roles } from '@ocop/web';
import { percent, vnd, vnTime } from '../orders/present';
import './payouts.i18n';

type T = ReturnType<typeof translator>;

const PAGE_SIZE = 50;

/** A calendar day `YYYY-MM-DD` as people of the page's language write it. */
const dayIn = (day: string, lang: Locale) => (lang === 'vi' ? day.split('-').reverse().join('/') : day);

/** One ledger entry in words: "Commission 8 %", "VAT withheld 1 %"… */
function entryText(e: LedgerEntryRow, lang: Locale, t: T) {
  return {
    date: vnTime(e.createdAt, lang),
    what: t(`vendorPayouts.kind.${e.kind}`, { rate: e.rateBps ? percent(e.rateBps, lang) : '' }).trim(),
    subOrderId: e.subOrderId && e.subOrderReference ? e.subOrderId : null,
    order: e.subOrderReference ?? '',
    amount: vnd(e.amountVnd, lang),
    negative: e.amountVnd < 0,
  };
}

/** One payout in words: its period, amount, state and, once transferred, when and the bank's reference. */
function payoutText(p: VendorPayoutView, lang: Locale, t: T) {
  return {
    period: `${dayIn(p.periodStart, lang)} – ${dayIn(p.periodEnd, lang)}`,
    amount: vnd(p.amountVnd, lang),
    state: t(`vendorPayouts.status.${p.status}`),
    paid: p.status === 'paid',
    paidAt: vnTime(p.paidAt, lang),
    bankReference: p.bankReference ?? '',
  };
}

/** `/payouts`: the vendor's balance, its payouts (due and transferred), and its ledger in words. */
@ApiExcludeController()
@Controller('payouts')
@Roles('vendor')
export class VendorPayoutsPages {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const page = intQueryParam((req.query as Record<string, unknown> | undefined)?.page, 'page', 100000, 1);
    const [balance, payouts, entries] = await Promise.all([this.ledger.ownBalance(actor), this.ledger.ownPayouts(actor), this.ledger.ownEntries(actor, page)]);
    return req.server.ocopViews!.send(req, reply, 'payouts', {
      title: t('vendorPayouts.title'),
      balance: vnd(balance.balanceVnd, lang),
      payouts: payouts.map((p) => payoutText(p, lang, t)),
      entries: entries.items.map((e) => entryText(e, lang, t)),
      prev: page > 1 ? `/payouts?page=${page - 1}` : null,
      next: page * PAGE_SIZE < entries.total ? `/payouts?page=${page + 1}` : null,
    });
  }
}
