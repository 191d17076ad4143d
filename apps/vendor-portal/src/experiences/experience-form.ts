import { LOCALES, type Locale } from '@ocop/core';
import type { FormField, FormSpec } from '@ocop/web';

export type Form = Record<string, unknown>;

const SUFFIX: Record<Locale, string> = { vi: 'Vi', en: 'En', de: 'De', id: 'Id' };

/** "vi, en ,FR" → ["vi", "en", "fr"]: language codes as typed, lower-cased, without repeats. Pure. */
export function languageCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\s]+/)
        .map((c) => c.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/**
 * The experience form's fields, read into the create and update DTOs. Texts come per language;
 * on `update` a blank language clears it (Vietnamese is required by the DTO), on `create` blanks
 * are left out.
 */
export function experienceFormSpec(mode: 'create' | 'update'): FormSpec {
  const blank: FormField['blank'] = mode === 'update' ? 'keep' : 'absent';
  const texts: FormSpec = {};
  for (const field of ['title', 'description', 'included'] as const) {
    for (const l of LOCALES) texts[`${field}.${l}`] = { label: `vendorExperiences.${field}${SUFFIX[l]}`, blank: field === 'title' ? 'absent' : blank, onlyIfPosted: mode === 'update' };
  }
  return {
    kind: { label: 'vendorExperiences.kind' },
    ...texts,
    durationMinutes: { label: 'vendorExperiences.duration', kind: 'int' },
    pricePerPersonVnd: { label: 'vendorExperiences.price', kind: 'int' },
    languages: { label: 'vendorExperiences.languages', parse: languageCodes },
    meetingPoint: { label: 'vendorExperiences.meetingPoint' },
    minGroupSize: { label: 'vendorExperiences.minGroupSize', kind: 'int' },
    maxGroupSize: { label: 'vendorExperiences.maxGroupSize', kind: 'int' },
    freeCancellationHours: { label: 'vendorExperiences.freeCancellationHours', kind: 'int' },
    images: { label: 'vendorExperiences.images', kind: 'lines', blank },
  };
}

/** The slot form: a date and a time in Vietnam time, and the places. */
export const SLOT_FORM: FormSpec = {
  startsAt: { label: 'vendorExperiences.date', name: 'startsAt' },
  capacity: { label: 'vendorExperiences.capacity', kind: 'int' },
};

/** A date (YYYY-MM-DD) and a time (HH:MM) typed in Vietnam time as an ISO-8601 instant with its zone; '' when either is missing. Pure. */
export function vietnamInstant(date: unknown, time: unknown): string {
  const d = typeof date === 'string' ? date.trim() : '';
  const t = typeof time === 'string' ? time.trim() : '';
  if (!d || !t) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && /^\d{2}:\d{2}$/.test(t) ? `${d}T${t}:00+07:00` : `${d} ${t}`;
}

interface ExperienceLike {
  kind: string;
  title: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  included: Partial<Record<Locale, string>>;
  durationMinutes: number;
  pricePerPersonVnd: number;
  languages: string[];
  meetingPoint: string;
  minGroupSize: number;
  maxGroupSize: number;
  freeCancellationHours: number;
  images: string[];
}

/** The form fields showing an experience as it is. */
export function experienceToForm(x: ExperienceLike): Form {
  const per = (field: 'title' | 'description' | 'included') => Object.fromEntries(LOCALES.map((l) => [`${field}_${l}`, x[field]?.[l] ?? '']));
  return {
    kind: x.kind,
    ...per('title'),
    ...per('description'),
    ...per('included'),
    durationMinutes: String(x.durationMinutes),
    pricePerPersonVnd: String(x.pricePerPersonVnd),
    languages: x.languages.join(', '),
    meetingPoint: x.meetingPoint,
    minGroupSize: String(x.minGroupSize),
    maxGroupSize: String(x.maxGroupSize),
    freeCancellationHours: String(x.freeCancellationHours),
    images: (x.images ?? []).join('\n'),
  };
}
