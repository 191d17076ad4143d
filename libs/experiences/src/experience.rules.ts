import { LOCALES, Rules, ruleMessage, type Locale, type RuleMessage, dateTimeFormat } from '@ocop/core';

export type LocalizedText = Partial<Record<Locale, string>>;

export const TITLE_MAX = 160;
export const DESCRIPTION_MAX = 5000;
export const INCLUDED_MAX = 1000;
export const MEETING_POINT_MAX = 300;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 12 * 60;
export const MAX_PRICE_PER_PERSON_VND = 100_000_000;
export const MAX_GROUP_SIZE = 200;
export const MAX_SLOT_CAPACITY = 500;
export const MAX_FREE_CANCELLATION_HOURS = 30 * 24;
export const MAX_LANGUAGES = 12;
export const MAX_IMAGES = 12;
export const EXPERIENCE_KINDS = ['workshop', 'guided_visit'] as const;
/** Slots are offered at most this far ahead. */
export const MAX_SLOT_DAYS_AHEAD = 400;

export const MESSAGES = {
  localizedText: (max: number) => ruleMessage('form.localizedText', `must be text of at most ${max} characters, or one text per language (vi, en, de, id)`, { max }),
  titleViMissing: ruleMessage('form.titleViMissing', 'needs its Vietnamese text (vi)'),
  language: ruleMessage('form.language', 'must be a list of language codes such as vi, en, fr'),
  image: Rules.imageAddress(),
  groupSizes: ruleMessage('form.groupSizes', 'must not be larger than maxGroupSize'),
  slotInPast: ruleMessage('form.slotInPast', 'must be in the future'),
  slotTooFar: ruleMessage('form.slotTooFar', `must be within ${MAX_SLOT_DAYS_AHEAD} days`, { max: MAX_SLOT_DAYS_AHEAD }),
};

/**
 * A per-language text from what a client sent: a string is the Vietnamese text, an object gives
 * one text per language (vi, en, de, id); empty entries are dropped, text is trimmed. Null when the
 * value is neither, or a text is too long. Pure.
 */
export function localizedText(value: unknown, max: number): LocalizedText | null {
  if (typeof value === 'string') {
    const t = value.trim();
    return t.length <= max ? (t ? { vi: t } : {}) : null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: LocalizedText = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(LOCALES as readonly string[]).includes(key)) return null;
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || v.trim().length > max) return null;
    if (v.trim()) out[key as Locale] = v.trim();
  }
  return out;
}

/** Whether `value` is a list of language codes (`vi`, `en`, `fr`, `zh-TW`…), without repeats. Pure. */
export function isLanguageList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= MAX_LANGUAGES &&
    value.every((l) => typeof l === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(l)) &&
    new Set(value).size === value.length
  );
}

/** A picture: an http(s) URL or one of ours under /media/. Pure. */
export function isImageAddress(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 500 && (/^https?:\/\/[^\s]+$/i.test(value) || /^\/media\/[A-Za-z0-9._-]+$/.test(value));
}

/** Text in `locale`, else Vietnamese, else any. Pure. */
export function textIn(text: LocalizedText, locale: string): string {
  return text[locale as Locale] ?? text.vi ?? Object.values(text)[0] ?? '';
}

/**
 * What a shopper gets back when cancelling a confirmed booking: everything when at least
 * `freeCancellationHours` remain before the start, nothing later. Pure.
 */
export function cancellationRefundVnd(paidVnd: number, startsAt: Date, freeCancellationHours: number, now: Date): number {
  return startsAt.getTime() - now.getTime() >= freeCancellationHours * 3_600_000 ? paidVnd : 0;
}

/** Whether a party of `people` fits the experience's group limits. Pure. */
export function partyProblem(people: number, e: { minGroupSize: number; maxGroupSize: number }): RuleMessage | null {
  if (!Number.isInteger(people) || people < e.minGroupSize || people > e.maxGroupSize) return Rules.betweenInt(e.minGroupSize, e.maxGroupSize);
  return null;
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A booking reference `BK` + 8 letters and digits (no 0/O/1/I/L), ASCII for bank-transfer texts. Pure. */
export function bookingReference(random: Uint8Array): string {
  let out = 'BK';
  for (let i = 0; i < 8; i++) out += REFERENCE_ALPHABET[random[i] % REFERENCE_ALPHABET.length];
  return out;
}

/** A URL slug from a Vietnamese title, with a short random suffix (`lop-gom-bat-trang-k3m9`). Pure but for `suffix`. */
export function experienceSlug(title: string, suffix: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 140);
  return `${base || 'trai-nghiem'}-${suffix}`;
}

/** Date and time of `at` in Vietnam (Asia/Ho_Chi_Minh) for people in `locale`, e.g. `Thứ Bảy, 13 tháng 6, 2026 lúc 09:00`. Pure. */
export function vietnamDateTime(at: Date, locale: string): { date: string; time: string } {
  const tag = ({ vi: 'vi-VN', en: 'en-GB', de: 'de-DE', id: 'id-ID' } as Record<string, string>)[locale] ?? 'vi-VN';
  const date = dateTimeFormat(tag, { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = dateTimeFormat(tag, { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  return { date, time };
}
