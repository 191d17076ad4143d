import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { translator, type Locale, numberFormat } from '@ocop/core';
import { approximate, CurrencyRatesService, isDisplayCurrency, type DisplayCurrency } from '@ocop/catalog';
import { LOCALE_TAGS, requestLocale } from '@ocop/web';
import './money.i18n';

export const CURRENCY_COOKIE = 'ocop_currency';
/** `VND` in the cookie or query means "VND only, no approximate figure". */
type Choice = DisplayCurrency | 'VND';

/** The approximate currency a language shows by default: EUR in German, USD in English and Indonesian, none in Vietnamese. */
export function defaultCurrency(lang: Locale): Choice {
  return lang === 'de' ? 'EUR' : lang === 'vi' ? 'VND' : 'USD';
}

const isChoice = (v: unknown): v is Choice => v === 'VND' || isDisplayCurrency(v);

/** The shopper's currency: `?currency=` (remembered in a cookie), then the cookie, then the language's default. */
export function requestCurrency(req: FastifyRequest, lang: Locale): Choice {
  const q = (req.query as Record<string, unknown> | undefined)?.currency;
  const asked = typeof q === 'string' ? q.toUpperCase() : undefined;
  if (isChoice(asked)) return asked;
  const c = req.cookies?.[CURRENCY_COOKIE];
  return isChoice(c) ? c : defaultCurrency(lang);
}

/** An amount in `currency` in the page language's format, e.g. "13,46 €" or "US$13.46". Pure. */
export function formatForeign(amount: number, currency: DisplayCurrency, lang: Locale): string {
  return numberFormat(LOCALE_TAGS[lang], { style: 'currency', currency, minimumFractionDigits: amount >= 100 ? 0 : 2, maximumFractionDigits: amount >= 100 ? 0 : 2 }).format(amount);
}

function withParam(url: string, key: string, value: string): string {
  const at = url.indexOf('?');
  const params = new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
  params.set(key, value);
  return `${at === -1 ? url : url.slice(0, at)}?${params.toString()}`;
}

interface Fx {
  currency: DisplayCurrency;
  vndPerUnit: number;
}

/**
 * Approximate foreign prices on storefront pages: every page learns the shopper's currency and
 * rate (`fx`) and the currency links; views call `{{approx priceVnd}}` beside a VND price, which
 * shows "≈ 13,46 € · charged in VND" or nothing when the shopper sees VND only.
 */
@Injectable()
export class ApproximatePrices implements OnApplicationBootstrap {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly rates: CurrencyRatesService,
  ) {}

  onApplicationBootstrap(): void {
    const views = this.adapter.httpAdapter.getInstance<FastifyInstance>().ocopViews;
    if (!views) return;
    views.registerHelper('approx', (vnd: unknown, opts: Handlebars.HelperOptions) => {
      const root = (opts.data as { root?: { fx?: Fx | null; lang?: Locale } } | undefined)?.root;
      const fx = root?.fx;
      const lang = root?.lang ?? 'vi';
      if (!fx || typeof vnd !== 'number' || !Number.isFinite(vnd)) return '';
      const figure = formatForeign(approximate(vnd, fx.vndPerUnit), fx.currency, lang);
      const words = translator(lang)('money.approx', { amount: figure });
      return new Handlebars.SafeString(`<span class="approx muted" data-testid="approx">${Handlebars.escapeExpression(words)}</span>`);
    });
    views.addContext((req, reply) => this.context(req, reply));
  }

  private async context(req: FastifyRequest, reply: FastifyReply): Promise<Record<string, unknown>> {
    const lang = requestLocale(req);
    const q = (req.query as Record<string, unknown> | undefined)?.currency;
    const asked = typeof q === 'string' ? q.toUpperCase() : undefined;
    if (isChoice(asked) && req.cookies?.[CURRENCY_COOKIE] !== asked) void reply.setCookie(CURRENCY_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 31536000 });
    const choice = requestCurrency(req, lang);
    const t = translator(lang);
    const currencies = (['VND', 'USD', 'EUR'] as const).map((code) => ({
      code,
      label: code === 'VND' ? t('money.vndOnly') : code,
      active: code === choice,
      href: withParam(req.url, 'currency', code),
    }));
    if (choice === 'VND') return { fx: null, currencies };
    const rate = (await this.rates.rates()).find((r) => r.currency === choice);
    return { fx: rate ? { currency: choice, vndPerUnit: rate.vndPerUnit } : null, currencies };
  }
}
