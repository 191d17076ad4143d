import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { LedgerService, PaymentsService, PayoutPaidDto, type PayoutReport } from '@ocop/payments';
import { CurrentUser, requestLocale, Roles, textQueryParam, validateForm, type FormSpec } from '@ocop/web';
import { idParam } from '../certificates/admin-certificates.controller';
import { conflictWords } from '../confirm';
import { vnd, vnTime, wordsFor } from '../orders/present';
import './payments.i18n';

type Form = Record<string, unknown>;
type T = ReturnType<typeof translator>;

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const PAID_FORM: FormSpec = { bankReference: { label: 'adminPayouts.bankReference' } };
const text = (form: Form | undefined, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const dayIn = (day: string, lang: Locale) => (lang === 'vi' ? day.split('-').reverse().join('/') : day);

/** The last full calendar month in Vietnam time, as `YYYY-MM-DD` days. */
function lastMonth(now: Date): { from: string; to: string } {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const firstOfThis = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  const lastOfPrevious = new Date(firstOfThis - 24 * 60 * 60 * 1000);
  const firstOfPrevious = new Date(Date.UTC(lastOfPrevious.getUTCFullYear(), lastOfPrevious.getUTCMonth(), 1));
  return { from: firstOfPrevious.toISOString().slice(0, 10), to: lastOfPrevious.toISOString().slice(0, 10) };
}

function reportRows(report: PayoutReport, lang: Locale, t: T) {
  return report.rows.map((r) => ({
    vendorName: r.vendorName,
    taxCode: r.taxCode,
    sales: vnd(r.salesVnd, lang),
    commission: vnd(r.commissionVnd, lang),
    vat: vnd(r.vatWithheldVnd, lang),
    pit: vnd(r.pitWithheldVnd, lang),
    refunds: vnd(r.refundsVnd, lang),
    net: vnd(r.netVnd, lang),
    payoutId: r.payoutId,
    payout: r.payoutVnd !== null ? vnd(r.payoutVnd, lang) : null,
    payoutStatus: r.payoutStatus,
    payoutStatusText: r.payoutStatus ? t(`adminPayouts.status.${r.payoutStatus}`) : t('adminPayouts.noPayout'),
    bankReference: r.bankReference,
    due: r.payoutStatus === 'due',
  }));
}

/**
 * The admin's money pages: `/payments/flagged` (bank transfers to check) and `/payouts` (period
 * report, CSV download, creating payouts and marking them paid, each through a confirmation page).
 */
@ApiExcludeController()
@Controller()
@Roles('admin')
export class AdminPaymentsPages {
  constructor(
    private readonly payments: PaymentsService,
    private readonly ledger: LedgerService,
  ) {}

  @Get('payments/flagged')
  async flagged(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const items = await this.payments.flaggedTransfers(actor);
    return req.server.ocopViews!.send(req, reply, 'payments-flagged', {
      title: t('adminPayments.flagged.title'),
      items: items.map((e) => ({
        at: vnTime(e.receivedAt, lang),
        reference: e.reference ?? '',
        amount: e.amountVnd !== null ? vnd(e.amountVnd, lang) : '',
        reason: wordsFor(t, 'adminPayments.reason', e.reason ?? 'other'),
        orderId: e.order?.id ?? null,
        orderReference: e.order?.reference ?? '',
      })),
    });
  }

  @Get('payouts')
  async payouts(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    const notice = done === 'created' ? t('adminPayouts.created') : done === 'paid' ? t('adminPayouts.paid') : null;
    return this.renderPayouts(req, reply, actor, this.period(req), { notice });
  }

  /** The period's report as a CSV file (the same columns as the API's). */
  @Get('payouts/report.csv')
  async csv(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const { from, to } = this.period(req);
    const report = await this.ledger.payoutReport(actor, from, to);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="payouts-${report.from}-${report.to}.csv"`).send(this.ledger.payoutCsv(report));
  }

  /** Without `confirm=1` answers the confirmation page; with it creates the period's payouts. */
  @Post('payouts')
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const period = { from: text(form, 'from'), to: text(form, 'to') };
    try {
      if (text(form, 'confirm') !== '1') {
        const report = await this.ledger.payoutReport(actor, period.from, period.to);
        return req.server.ocopViews!.send(req, reply, 'confirm', {
          title: t('adminPayouts.createConfirm', { from: dayIn(report.from, lang), to: dayIn(report.to, lang) }),
          texts: [t('adminPayouts.createText', { to: dayIn(report.to, lang) })],
          facts: [],
          action: '/payouts',
          hidden: [
            { name: 'from', value: report.from },
            { name: 'to', value: report.to },
          ],
          button: t('adminPayouts.create'),
          back: `/payouts?${new URLSearchParams(period)}`,
        });
      }
      await this.ledger.createPayouts(actor, period.from, period.to);
      return reply.redirect(`/payouts?${new URLSearchParams({ ...period, done: 'created' })}`, 303);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof ConflictError)
        return this.renderPayouts(
          req,
          reply,
          actor,
          period,
          { error: err instanceof ConflictError ? conflictWords(translator(requestLocale(req)), 'adminOrders.conflict', err) : err.message },
          err.status,
        );
      throw err;
    }
  }

  /** Without `confirm=1` answers the confirmation page; with it marks the payout paid. */
  @Post('payouts/:id/paid')
  async markPaid(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const period = { from: text(form, 'from'), to: text(form, 'to') };
    const bankReference = text(form, 'bankReference');
    try {
      const checked = await validateForm(PayoutPaidDto, { bankReference }, PAID_FORM, lang);
      if (checked.errors) return this.renderPayouts(req, reply, actor, period, { error: checked.errors.map((e) => e.message).join(' ') }, 400);
      if (text(form, 'confirm') !== '1') {
        const report = await this.ledger.payoutReport(actor, period.from, period.to);
        const row = report.rows.find((r) => r.payoutId === id);
        return req.server.ocopViews!.send(req, reply, 'confirm', {
          title: t('adminPayouts.paidConfirm', { amount: vnd(row?.payoutVnd ?? 0, lang), vendor: row?.vendorName ?? '' }),
          texts: [t('adminPayouts.paidText')],
          facts: [{ label: t('adminPayouts.bankReference'), value: bankReference }],
          action: `/payouts/${id}/paid`,
          hidden: [
            { name: 'from', value: period.from },
            { name: 'to', value: period.to },
            { name: 'bankReference', value: bankReference },
          ],
          button: t('adminPayouts.markPaid'),
          back: `/payouts?${new URLSearchParams(period)}`,
        });
      }
      await this.ledger.markPayoutPaid(actor, id, bankReference);
      return reply.redirect(`/payouts?${new URLSearchParams({ ...period, done: 'paid' })}`, 303);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof ConflictError)
        return this.renderPayouts(
          req,
          reply,
          actor,
          period,
          { error: err instanceof ConflictError ? conflictWords(translator(requestLocale(req)), 'adminOrders.conflict', err) : err.message },
          err.status,
        );
      throw err;
    }
  }

  /** The period asked for in the query, or the last full month. */
  private period(req: FastifyRequest): { from: string; to: string } {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const from = textQueryParam(q.from, 'from', 10);
    const to = textQueryParam(q.to, 'to', 10);
    const fallback = lastMonth(new Date());
    return { from: from ?? fallback.from, to: to ?? fallback.to };
  }

  private async renderPayouts(req: FastifyRequest, reply: FastifyReply, actor: Actor, period: { from: string; to: string }, data: { notice?: string | null; error?: string }, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    let report: PayoutReport | null = null;
    let error = data.error;
    try {
      report = await this.ledger.payoutReport(actor, period.from, period.to);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      error ??= err.message;
      status = status === 200 ? 400 : status;
    }
    return req.server.ocopViews!.send(
      req,
      reply,
      'payouts',
      {
        title: t('adminPayouts.title'),
        period,
        notice: data.notice ?? null,
        error,
        rows: report ? reportRows(report, lang, t) : [],
        csvUrl: `/payouts/report.csv?${new URLSearchParams(period)}`,
        canCreate: !!report?.rows.some((r) => !r.payoutId && r.netVnd > 0),
      },
      status,
    );
  }
}
