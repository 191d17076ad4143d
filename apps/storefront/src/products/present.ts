import { numberFormat, dateTimeFormat } from '@ocop/core';
/** How catalogue values are shown on storefront pages: prices, stars, dates. Pure. */

const LOCALE_TAGS: Record<string, string> = { vi: 'vi-VN', en: 'en-GB', de: 'de-DE', id: 'id-ID' };
const tag = (lang: string) => LOCALE_TAGS[lang] ?? 'vi-VN';

/** A VND price in the page language's number format, e.g. "350.000 ₫" or "₫350,000". */
export function formatVnd(amount: number, lang: string): string {
  return numberFormat(tag(lang), { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/**
 * An instant in Vietnam time, where certificates are signed and expire, e.g. "1 Mar 2028, 00:00
 * (UTC+7)". Every certificate expires at 00:00 of a day in that zone.
 */
export function formatVietnamTime(d: Date, lang: string): string {
  const text = dateTimeFormat(tag(lang), { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));
  return `${text} (UTC+7)`;
}

const escapeAttr = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
const STAR = 'M8 .9l2.1 4.5 4.9.6-3.6 3.4.9 4.9L8 11.9l-4.3 2.4.9-4.9L1 6l4.9-.6z';

/** Server-built inline SVG of `stars` gold stars out of five (built from numbers and an escaped label only). */
export function starsSvg(stars: number, label: string): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  const paths = Array.from({ length: 5 }, (_, i) => `<path transform="translate(${i * 17} 0)" d="${STAR}" fill="${i < n ? '#d99a00' : '#d8dee4'}"/>`).join('');
  return `<svg class="stars" role="img" aria-label="${escapeAttr(label)}" viewBox="0 0 84 16" width="84" height="16"><title>${escapeAttr(label)}</title>${paths}</svg>`;
}
