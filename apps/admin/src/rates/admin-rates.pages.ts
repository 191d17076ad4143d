import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, ValidationError, type Actor } from '@ocop/core';
import { CurrencyRatesService, isDisplayCurrency, SetCurrencyRateDto } from '@ocop/catalog';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import './rates.i18n';

const RATE_FORM: FormSpec = { vndPerUnit: { label: 'adminRates.vndPerUnit', kind: 'int' } };

/** `/rates`: the admin sets VND per USD and per EUR for shoppers' approximate prices. */
@ApiExcludeController()
@Controller('rates')
@Roles('admin')
export class AdminRatesPages {
  constructor(private readonly rates: CurrencyRatesService) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('saved') saved?: string) {
    return this.render(req, reply, { notice: isDisplayCurrency(saved) ? translator(requestLocale(req))('adminRates.saved', { currency: saved }) : null });
  }

  @Post(':currency')
  async set(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('currency') currency: string, @Body() form: Record<string, unknown>) {
    const locale = requestLocale(req);
    const checked = await validateForm(SetCurrencyRateDto, form, RATE_FORM, locale);
    if (checked.errors) return this.render(req, reply, { failed: { currency, ...formErrorsView(checked.errors) } }, 400);
    try {
      const r = await this.rates.set(actor, currency, checked.value.vndPerUnit);
      return reply.redirect(`/rates?saved=${r.currency}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, { failed: { currency, ...formErrorsView([domainFormError(err, RATE_FORM, locale)]) } }, 400);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, data: { notice?: string | null; failed?: FormErrorsView & { currency: string } }, status = 200) {
    const t = translator(requestLocale(req));
    const items = (await this.rates.rates()).map((r) => ({ ...r, errors: data.failed?.currency?.toUpperCase() === r.currency ? data.failed : null }));
    return req.server.ocopViews!.send(req, reply, 'rates', { title: t('adminRates.title'), items, notice: data.notice ?? null }, status);
  }
}
