import { randomBytes } from 'node:crypto';
import { foldVietnamese, LOCALES, ruleMessage, Rules, type Locale, type RuleMessage } from '@ocop/core';
import type { ProductGroup } from '@ocop/certification';
import { isValidGtin } from './gtin';
import type { LocalizedText, Traceability } from './product.entity';

/**
 * Rules for what a vendor may write on a product. Pure: no Nest, no I/O. Community-tourism
 * services are experiences, not products, so the tourism group is not offered here.
 */
export const PRODUCT_GROUPS_FOR_SALE = ['food', 'beverages', 'herbal', 'handicrafts', 'ornamentals'] as const satisfies readonly ProductGroup[];
export type SaleProductGroup = (typeof PRODUCT_GROUPS_FOR_SALE)[number];

export const MAX_PRICE_VND = 1_000_000_000;
export const MAX_STOCK = 1_000_000_000;
export const MAX_WEIGHT_GRAMS = 10_000_000;
export const MAX_IMAGES = 20;
export const MAX_STAGES = 20;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const TRACE_TEXT_MAX = 500;

const TITLE_VI = `must be a Vietnamese title of 1–${TITLE_MAX} characters`;
const STAGE = 'must be text of 1–200 characters';

/** The product rules, each with its API words and the page words' key; the DTOs use the same. */
export const MESSAGES = {
  certificateId: ruleMessage('form.choose', 'must be the id of a certificate'),
  /** One wording for a missing and a too long Vietnamese title; a page says which. */
  titleViMissing: ruleMessage('form.required', TITLE_VI),
  titleViTooLong: ruleMessage('form.maxLength', TITLE_VI, { max: TITLE_MAX }),
  productGroup: Rules.oneOf(PRODUCT_GROUPS_FOR_SALE),
  priceVnd: ruleMessage('form.betweenInt', `must be a whole number of VND from 1 to ${MAX_PRICE_VND}`, { min: 1, max: MAX_PRICE_VND }),
  stock: ruleMessage('form.betweenInt', `must be a whole number from 0 to ${MAX_STOCK}`, { min: 0, max: MAX_STOCK }),
  weightGrams: ruleMessage('form.betweenInt', `must be a whole number of grams from 1 to ${MAX_WEIGHT_GRAMS}`, { min: 1, max: MAX_WEIGHT_GRAMS }),
  gtin: Rules.gtin(),
  image: Rules.imageAddress(),
  images: ruleMessage('form.arrayMaxSize', `must be a list of at most ${MAX_IMAGES} image addresses`, { max: MAX_IMAGES }),
  stages: ruleMessage('form.arrayMaxSize', `must be a list of at most ${MAX_STAGES} stages`, { max: MAX_STAGES }),
  stageMissing: ruleMessage('form.required', STAGE),
  stageTooLong: ruleMessage('form.maxLength', STAGE, { max: 200 }),
  villageId: ruleMessage('form.choose', 'must be the id of a village'),
  exportEligible: Rules.isBoolean(),
} as const;

/** What a vendor sends to create a product (PATCH sends any part of it). */
export interface ProductInput {
  certificateId: string;
  title: LocalizedText;
  description?: LocalizedText;
  productGroup: SaleProductGroup;
  priceVnd: number;
  stock: number;
  weightGrams?: number | null;
  gtin?: string | null;
  images?: string[];
  villageId?: string;
  exportEligible?: boolean;
  traceability?: Traceability;
}
export type ProductChanges = Partial<ProductInput>;

/**
 * A broken rule of one field: the API answers its words, a page form its key. Problems of a
 * shape no page form can send (an unknown field, a language the marketplace lacks) are words only.
 */
export interface FieldProblem {
  field: string;
  message: RuleMessage | string;
}

const FIELDS = new Set(['certificateId', 'title', 'description', 'productGroup', 'priceVnd', 'stock', 'weightGrams', 'gtin', 'images', 'villageId', 'exportEligible', 'traceability']);
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEDIA_PATH = /^\/media\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** The marketplace's own drawings, served by every app (the demo catalogue uses them). */
const PICTURE_PATH = /^\/static\/pictures\/[a-z0-9][a-z0-9-]{0,63}\.svg$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Whether `url` may be shown as a product image: an http(s) URL, a path to a stored file or one of the marketplace's drawings. */
export function isImageAddress(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 500) return false;
  if (MEDIA_PATH.test(url)) return !url.includes('..');
  if (PICTURE_PATH.test(url)) return true;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

function checkText(problems: FieldProblem[], field: string, value: unknown, max: number, vi: 'required' | 'if-given' | 'optional'): void {
  if (!isObject(value)) {
    problems.push({ field, message: 'must be an object with one text per language (vi, en, de, id)' });
    return;
  }
  for (const [lang, text] of Object.entries(value)) {
    if (!(LOCALES as readonly string[]).includes(lang)) problems.push({ field: `${field}.${lang}`, message: 'is not a language of the marketplace (vi, en, de, id)' });
    else if (text !== undefined && text !== null && (typeof text !== 'string' || text.length > max)) problems.push({ field: `${field}.${lang}`, message: Rules.textMaxLength(max) });
  }
  const viGiven = value.vi !== undefined;
  if ((vi === 'required' || (vi === 'if-given' && viGiven)) && (typeof value.vi !== 'string' || value.vi.trim() === '' || value.vi.length > max)) {
    problems.push({ field: `${field}.vi`, message: typeof value.vi === 'string' && value.vi.length > max ? MESSAGES.titleViTooLong : MESSAGES.titleViMissing });
  }
}

function checkTraceability(problems: FieldProblem[], value: unknown): void {
  if (!isObject(value)) {
    problems.push({ field: 'traceability', message: 'must be an object' });
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (['producerAddress', 'brand', 'shelfLife', 'standards'].includes(key)) {
      if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > TRACE_TEXT_MAX)) problems.push({ field: `traceability.${key}`, message: Rules.textMaxLength(TRACE_TEXT_MAX) });
    } else if (key === 'productionStages') {
      if (!Array.isArray(v) || v.length > MAX_STAGES) {
        problems.push({ field: 'traceability.productionStages', message: MESSAGES.stages });
        continue;
      }
      v.forEach((s, i) => {
        const at = `traceability.productionStages.${i}`;
        if (!isObject(s)) return problems.push({ field: at, message: 'must be an object { stage, location?, time? }' });
        for (const k of Object.keys(s)) if (!['stage', 'location', 'time'].includes(k)) problems.push({ field: `${at}.${k}`, message: 'is not a stage field (stage, location, time)' });
        if (typeof s.stage !== 'string' || s.stage.trim() === '' || s.stage.length > 200)
          problems.push({ field: `${at}.stage`, message: typeof s.stage === 'string' && s.stage.length > 200 ? MESSAGES.stageTooLong : MESSAGES.stageMissing });
        for (const k of ['location', 'time'] as const) {
          if (s[k] !== undefined && s[k] !== null && (typeof s[k] !== 'string' || (s[k] as string).length > 200)) problems.push({ field: `${at}.${k}`, message: Rules.textMaxLength(200) });
        }
      });
    } else {
      problems.push({ field: `traceability.${key}`, message: 'is not a traceability field (producerAddress, brand, shelfLife, standards, productionStages)' });
    }
  }
}

/**
 * Every problem of a product input, in field order; empty when it is valid. `create` needs
 * certificateId, title.vi, productGroup, priceVnd and stock; `update` checks only what is given.
 */
export function productInputProblems(input: unknown, mode: 'create' | 'update'): FieldProblem[] {
  if (!isObject(input)) return [{ field: 'body', message: 'must be a JSON object' }];
  const problems: FieldProblem[] = [];
  const has = (k: string) => input[k] !== undefined;
  for (const k of Object.keys(input)) if (!FIELDS.has(k)) problems.push({ field: k, message: 'is not a product field' });
  if (mode === 'create' || has('certificateId'))
    if (typeof input.certificateId !== 'string' || !ID.test(input.certificateId)) problems.push({ field: 'certificateId', message: MESSAGES.certificateId });
  if (mode === 'create' || has('title')) checkText(problems, 'title', input.title, TITLE_MAX, mode === 'create' ? 'required' : 'if-given');
  if (has('description')) checkText(problems, 'description', input.description, DESCRIPTION_MAX, 'optional');
  if (mode === 'create' || has('productGroup'))
    if (!(PRODUCT_GROUPS_FOR_SALE as readonly unknown[]).includes(input.productGroup)) problems.push({ field: 'productGroup', message: MESSAGES.productGroup });
  if (mode === 'create' || has('priceVnd')) if (!isWhole(input.priceVnd, 1, MAX_PRICE_VND)) problems.push({ field: 'priceVnd', message: MESSAGES.priceVnd });
  if (mode === 'create' || has('stock')) if (!isWhole(input.stock, 0, MAX_STOCK)) problems.push({ field: 'stock', message: MESSAGES.stock });
  if (has('weightGrams') && input.weightGrams !== null && !isWhole(input.weightGrams, 1, MAX_WEIGHT_GRAMS)) problems.push({ field: 'weightGrams', message: MESSAGES.weightGrams });
  if (has('gtin') && input.gtin !== null && input.gtin !== '' && !isValidGtin(input.gtin)) problems.push({ field: 'gtin', message: MESSAGES.gtin });
  if (has('images')) {
    if (!Array.isArray(input.images) || input.images.length > MAX_IMAGES) problems.push({ field: 'images', message: MESSAGES.images });
    else input.images.forEach((u, i) => !isImageAddress(u) && problems.push({ field: `images.${i}`, message: MESSAGES.image }));
  }
  if (has('villageId') && (typeof input.villageId !== 'string' || !ID.test(input.villageId))) problems.push({ field: 'villageId', message: MESSAGES.villageId });
  if (has('exportEligible') && typeof input.exportEligible !== 'boolean') problems.push({ field: 'exportEligible', message: MESSAGES.exportEligible });
  if (has('traceability')) checkTraceability(problems, input.traceability);
  return problems;
}

/** Trimmed texts per language with empty ones dropped. */
export function cleanText(text: LocalizedText | undefined): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of LOCALES) {
    const t = text?.[lang];
    if (typeof t === 'string' && t.trim() !== '') out[lang] = t.trim();
  }
  return out;
}

/** Traceability with blank texts and blank stages dropped. */
export function cleanTraceability(t: Traceability | undefined): Traceability {
  const out: Traceability = {};
  for (const k of ['producerAddress', 'brand', 'shelfLife', 'standards'] as const) {
    const v = t?.[k]?.trim();
    if (v) out[k] = v;
  }
  const stages = (t?.productionStages ?? [])
    .map((s) => ({ stage: s.stage.trim(), ...(s.location?.trim() ? { location: s.location.trim() } : {}), ...(s.time?.trim() ? { time: s.time.trim() } : {}) }))
    .filter((s) => s.stage);
  if (stages.length) out.productionStages = stages;
  return out;
}

/**
 * The language a text is shown in for `lang`: `lang` itself when written; otherwise English for
 * shoppers abroad, then Vietnamese (English for Vietnamese shoppers), then any language present;
 * null when there is no text. Pure.
 */
export function shownLanguage(text: LocalizedText | null | undefined, lang: string): Locale | null {
  if (!text) return null;
  const order = lang === 'vi' ? ['vi', 'en'] : [lang, 'en', 'vi'];
  for (const l of [...order, ...Object.keys(text)]) if (text[l as Locale]) return l as Locale;
  return null;
}

/** The text in `lang`, with the fallbacks of `shownLanguage`. */
export function localized(text: LocalizedText | null | undefined, lang: string): string {
  const l = shownLanguage(text, lang);
  return l ? (text![l] ?? '') : '';
}

/**
 * The URL slug of a product: its Vietnamese title folded to ASCII ("Bình gốm men lam" →
 * `binh-gom-men-lam`) and a short random suffix, so two products of the same name never clash.
 */
export function productSlug(titleVi: string, suffix = randomSuffix()): string {
  const base = foldVietnamese(titleVi)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${base || 'san-pham'}-${suffix}`;
}

function randomSuffix(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from(randomBytes(5), (b) => alphabet[b & 31]).join('');
}
