import { numberFormat, dateTimeFormat } from '@ocop/core';
import type { Locale } from '@ocop/core';

const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB', de: 'de-DE', id: 'id-ID' };

/** An amount in VND as people read it: `350.000 ₫`. */
export const vnd = (amount: number, lang: Locale): string => numberFormat(TAGS[lang], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);

/** A moment in Vietnam time (UTC+7), date and minutes; empty for none. */
export function vnTime(at: Date | string | null | undefined, lang: Locale): string {
  if (!at) return '';
  return dateTimeFormat(TAGS[lang], { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

/** A country's name from its ISO code, in the page's language. */
export function countryName(code: string, lang: Locale): string {
  try {
    return new Intl.DisplayNames([TAGS[lang]], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A rate in basis points as a percentage: 800 → `8 %`, 50 → `0,5 %` in Vietnamese. */
export const percent = (bps: number, lang: Locale): string => `${numberFormat(TAGS[lang], { maximumFractionDigits: 2 }).format(bps / 100)} %`;

/** A product title snapshot in the page's language, falling back to Vietnamese, then any. */
export const titleIn = (title: Partial<Record<Locale, string>>, lang: Locale): string => title[lang] ?? title.vi ?? Object.values(title)[0] ?? '';

/** A moment's calendar day in Vietnam time, written out: `3 May 2026`, `3 tháng 5, 2026`; empty for none. */
export function vnDay(at: Date | string | null | undefined, lang: Locale): string {
  if (!at) return '';
  return dateTimeFormat(TAGS[lang], { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'long' }).format(new Date(at));
}

/** A calendar day `YYYY-MM-DD` written out as `vnDay` writes it. */
export function dayText(day: string, lang: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateTimeFormat(TAGS[lang], { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(Date.UTC(y, m - 1, d)));
}
