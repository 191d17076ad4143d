import { LOCALES, ruleMessage, Rules, ValidationError, type Locale } from '@ocop/core';
import type { LocalizedText, Village } from './village.entity';

export interface VillageInput {
  name: string;
  province: string;
  craft: string;
  /** Text per language; on update a language given as null or empty is removed. */
  story?: Partial<Record<Locale, string | null>>;
  networks?: string[];
  photos?: string[];
  latitude?: number | null;
  longitude?: number | null;
}

export type VillageChanges = Partial<VillageInput>;

export interface FeaturedInput {
  featured: boolean;
  /** 1 is shown first; villages without a rank follow the ranked ones. */
  rank?: number | null;
  /** The featured window [from, until); either end may be open. ISO-8601 or a Date. */
  from?: string | Date | null;
  until?: string | Date | null;
}

const STORY_MAX = 20000;
const PHOTO = /^(https?:\/\/|\/)\S+$/;

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new ValidationError(field, Rules.required());
  if (value.trim().length > max) throw new ValidationError(field, Rules.maxLength(max));
  return value.trim();
}

function list(field: string, value: unknown, maxItems: number, maxLength: number, pattern?: RegExp): string[] {
  if (!Array.isArray(value)) throw new ValidationError(field, ruleMessage('form.isArray', 'must be a list of strings'));
  if (value.length > maxItems) throw new ValidationError(field, ruleMessage('form.arrayMaxSize', `must have at most ${maxItems} entries`, { max: maxItems }));
  const out = (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v));
  const entries = `must hold non-empty strings of at most ${maxLength} characters`;
  for (const v of out) {
    if (typeof v !== 'string') throw new ValidationError(field, ruleMessage('form.isString', entries));
    if (!v) throw new ValidationError(field, ruleMessage('form.required', entries));
    if (v.length > maxLength) throw new ValidationError(field, ruleMessage('form.maxLength', entries, { max: maxLength }));
    if (pattern && !pattern.test(v)) throw new ValidationError(field, ruleMessage('form.isImageAddress', 'must hold http(s) addresses or site paths starting with /'));
  }
  return out as string[];
}

function coordinate(field: string, value: unknown, limit: number): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) throw new ValidationError(field, Rules.betweenNumber(-limit, limit));
  return value;
}

/**
 * Merges a story change into the current story: a language given with text replaces that
 * language, one given as empty or null removes it, languages not mentioned (or undefined) stay.
 */
export function mergeStory(current: LocalizedText, change: unknown): LocalizedText {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) throw new ValidationError('story', 'must be an object of texts per language (vi, en, de, id)');
  const out: LocalizedText = { ...current };
  for (const [lang, value] of Object.entries(change)) {
    // A language not given (also an unset DTO field) leaves that language as it is.
    if (value === undefined) continue;
    if (!(LOCALES as readonly string[]).includes(lang)) throw new ValidationError(`story.${lang}`, `is not a supported language (${LOCALES.join(', ')})`);
    if (value === null || (typeof value === 'string' && !value.trim())) delete out[lang as Locale];
    else if (typeof value !== 'string') throw new ValidationError(`story.${lang}`, Rules.isString());
    else if (value.length > STORY_MAX) throw new ValidationError(`story.${lang}`, Rules.maxLength(STORY_MAX));
    else out[lang as Locale] = value.trim();
  }
  return out;
}

/** Checks and normalises the fields present in `input`; `complete` requires name, province and craft. Throws ValidationError naming the field. */
export function checkVillageInput(input: VillageChanges, current: LocalizedText, complete: boolean): Partial<Village> {
  const out: Partial<Village> = {};
  for (const key of ['name', 'province', 'craft'] as const) {
    if (input[key] !== undefined || complete) out[key] = text(key, input[key], key === 'province' ? 80 : 120);
  }
  if (input.story !== undefined) out.story = mergeStory(current, input.story);
  if (input.networks !== undefined) out.networks = list('networks', input.networks, 20, 200);
  if (input.photos !== undefined) out.photos = list('photos', input.photos, 30, 500, PHOTO);
  if (input.latitude !== undefined) out.latitude = coordinate('latitude', input.latitude, 90);
  if (input.longitude !== undefined) out.longitude = coordinate('longitude', input.longitude, 180);
  return out;
}

function instant(field: string, value: string | Date | null | undefined): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new ValidationError(field, Rules.isoDate());
  return d;
}

/**
 * The featured columns for `input`. Un-featuring clears rank and window. Throws ValidationError
 * naming `featured`, `rank` (an integer ≥ 1) or `until` (must be after `from`).
 */
export function featuredColumns(input: FeaturedInput): Pick<Village, 'featured' | 'featuredRank' | 'featuredFrom' | 'featuredUntil'> {
  if (typeof input.featured !== 'boolean') throw new ValidationError('featured', Rules.isBoolean());
  if (!input.featured) return { featured: false, featuredRank: null, featuredFrom: null, featuredUntil: null };
  const rank = input.rank ?? null;
  if (rank !== null && (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1 || rank > 100000)) throw new ValidationError('rank', Rules.atLeastInt(1));
  const from = instant('from', input.from);
  const until = instant('until', input.until);
  if (from && until && from.getTime() >= until.getTime()) throw new ValidationError('until', Rules.afterStart('from'));
  return { featured: true, featuredRank: rank, featuredFrom: from, featuredUntil: until };
}

/** Whether a village is featured at `now`: flagged, and inside its window where one is set. */
export function isFeaturedNow(v: Pick<Village, 'featured' | 'featuredFrom' | 'featuredUntil'>, now: Date): boolean {
  if (!v.featured) return false;
  const t = now.getTime();
  if (v.featuredFrom && t < new Date(v.featuredFrom).getTime()) return false;
  if (v.featuredUntil && t >= new Date(v.featuredUntil).getTime()) return false;
  return true;
}

const byName = (a: Pick<Village, 'name'>, b: Pick<Village, 'name'>) => a.name.localeCompare(b.name, 'vi');

/**
 * The storefront order: villages featured at `now` first, by rank (unranked after ranked, then
 * by name), then every other village by name. Pure; returns a new array.
 */
export function storefrontOrder<V extends Pick<Village, 'name' | 'featured' | 'featuredRank' | 'featuredFrom' | 'featuredUntil'>>(villages: V[], now: Date): V[] {
  const featured = villages.filter((v) => isFeaturedNow(v, now));
  const rest = villages.filter((v) => !isFeaturedNow(v, now));
  const rank = (v: V) => v.featuredRank ?? Number.MAX_SAFE_INTEGER;
  featured.sort((a, b) => rank(a) - rank(b) || byName(a, b));
  rest.sort(byName);
  return [...featured, ...rest];
}

/** The story in `lang`; else English for shoppers abroad, then Vietnamese; else any language written; empty when there is none. */
export function storyIn(story: LocalizedText, lang: Locale): string {
  const order: Locale[] = lang === 'vi' ? ['vi', 'en'] : [lang, 'en', 'vi'];
  for (const l of [...order, ...(Object.keys(story) as Locale[])]) if (story[l]) return story[l];
  return '';
}

/**
 * The villages the home page shows at `at`: featured and inside their window, by rank (unranked
 * after ranked, then by name). Pure; returns a new array.
 */
export function featuredAt<V extends Pick<Village, 'name' | 'featured' | 'featuredRank' | 'featuredFrom' | 'featuredUntil'>>(villages: V[], at: Date): V[] {
  return storefrontOrder(
    villages.filter((v) => isFeaturedNow(v, at)),
    at,
  );
}
