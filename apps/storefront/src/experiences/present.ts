import type { Locale, translator } from '@ocop/core';
import { formatVietnamTime, formatVnd } from '../products/present';
import { titleIn } from '../shop/present';

type T = ReturnType<typeof translator>;
type Texts = Partial<Record<string, string>> | null | undefined;

/** The facts of an experience a page shows (the entity's fields, with its village and host by name). */
export interface ExperienceFacts {
  id: string;
  title: Texts;
  description: Texts;
  included: Texts;
  images: string[];
  durationMinutes: number;
  pricePerPersonVnd: number;
  languages: string[];
  meetingPoint: string;
  minGroupSize: number;
  maxGroupSize: number;
  freeCancellationHours: number;
}

export interface SlotFacts {
  id: string;
  startsAt: Date | string;
  remaining: number;
}

/** Paragraphs of a text as typed (blank lines between them). Pure. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A duration in words: "120 minutes" under three hours unless whole hours, "4 hours", "2 h 30 min". Pure. */
export function durationWords(minutes: number, t: T): string {
  if (minutes < 60) return t('exp.minutes', { count: minutes });
  if (minutes % 60 === 0) return t('exp.hours', { count: minutes / 60 });
  return t('exp.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** Language codes the host guides in, by name in the page language (the code when the runtime knows none). Pure. */
export function languageNames(codes: string[], lang: Locale): string {
  const names = codes.map((code) => {
    try {
      const name = new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
      return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
    } catch {
      return code;
    }
  });
  return names.join(', ');
}

/** The cancellation policy in words. Pure. */
export function policyWords(hours: number, t: T): string {
  return t('exp.cancellationPolicy', { hours });
}

/** An experience's facts as its page and the booking page show them. Pure. */
export function presentExperience(x: ExperienceFacts, lang: Locale, t: T) {
  return {
    id: x.id,
    title: titleIn(x.title, lang),
    description: paragraphs(titleIn(x.description, lang)),
    included: titleIn(x.included, lang)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    images: x.images ?? [],
    duration: durationWords(x.durationMinutes, t),
    perPerson: t('exp.perPerson', { price: formatVnd(x.pricePerPersonVnd, lang) }),
    languages: languageNames(x.languages ?? [], lang),
    meetingPoint: x.meetingPoint,
    groupSize: x.minGroupSize > 1 ? t('exp.groupRange', { min: x.minGroupSize, max: x.maxGroupSize }) : t('exp.groupMax', { max: x.maxGroupSize }),
    minGroupSize: x.minGroupSize,
    maxGroupSize: x.maxGroupSize,
    cancellation: policyWords(x.freeCancellationHours, t),
  };
}

/** Upcoming slots with their remaining places in words, in Vietnam time. Pure. */
export function presentSlots(slots: SlotFacts[], lang: Locale, t: T, chosen = '') {
  return slots.map((s) => ({
    id: s.id,
    when: formatVietnamTime(new Date(s.startsAt), lang),
    remaining: s.remaining,
    full: s.remaining <= 0,
    remainingText: s.remaining > 0 ? t('exp.remaining', { count: s.remaining }) : t('exp.full'),
    checked: s.id === chosen,
  }));
}
