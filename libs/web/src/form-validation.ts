import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError as ConstraintError } from 'class-validator';
import { ruleOfContext, translator, type Locale, type RuleMessage, type ValidationError, numberFormat } from '@ocop/core';

/**
 * Page forms checked by the API's own DTO classes. A form posts strings; each field of a form is
 * declared once (which DTO property it fills, how its text becomes the DTO's type, which label
 * names it), the form is converted to the DTO's shape and validated as the API's ValidationPipe
 * does (whitelist, unknown fields refused, transform). Every problem comes back at once, in the
 * page's language, naming the field by its label, so a page never repeats a rule of the API.
 */

/**
 * How the text of a form field becomes a DTO value. `text` is trimmed; `int` and `number` accept
 * thousands separators and a decimal comma; `checkbox` is true when ticked; `lines` is one list
 * entry per non-blank line. Text that cannot be converted is passed on as typed, so the DTO's rule
 * names the problem.
 */
export type FormFieldKind = 'text' | 'int' | 'number' | 'checkbox' | 'lines';

export interface FormField {
  /** The translation key of the label the page shows beside the field. */
  label: string;
  kind?: FormFieldKind;
  /** The name of the form input; by default the DTO path with `_` for `.` (`title.vi` → `title_vi`). */
  name?: string;
  /** What a blank field becomes: left out (default), null (clears an optional value) or kept empty (`''`, or `[]` for lines). */
  blank?: 'absent' | 'null' | 'keep';
  /** A conversion of the trimmed text of its own (e.g. lines of `stage | place | time`). */
  parse?: (text: string) => unknown;
  /** Left out of the DTO input unless the form posted the field at all (a language a form may not show). */
  onlyIfPosted?: boolean;
}

/** The fields of one form, keyed by the dotted DTO path each fills (`priceVnd`, `title.vi`). */
export type FormSpec = Record<string, FormField>;

export interface FormFieldError {
  /** The DTO path (`title.vi`). */
  field: string;
  /** The form input it belongs to, or null when the form has no such input. */
  name: string | null;
  /** The translated label, or null when the form has no such input. */
  label: string | null;
  /** The translated message, which names the field by its label. */
  message: string;
}

/** What a page template reads: the list for a summary, and one entry per input for the message beside it. */
export interface FormErrorsView {
  errors: FormFieldError[];
  fieldErrors: Record<string, { id: string; message: string }>;
  /** The errors of fields the form has no input for, which only the summary can show. */
  unplaced: FormFieldError[];
}

export type FormResult<T> = { value: T; errors: null } | { value: null; errors: FormFieldError[] };

const TICKED = new Set(['on', 'true', '1', 'yes']);
const EMPTY = Symbol('empty');

const inputName = (path: string, f: FormField): string => f.name ?? path.replace(/\./g, '_');

/** A whole number or decimal as people type them: `350.000`, `350 000` and `1,5` all read. */
function readNumber(text: string, whole: boolean): number | string {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (whole) {
    if (/^-?\d{1,3}([.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
    return /^-?\d{1,15}$/.test(compact) ? Number(compact) : text;
  }
  return /^-?\d{1,15}([.,]\d{1,15})?$/.test(compact) ? Number(compact.replace(',', '.')) : text;
}

function convert(raw: unknown, f: FormField): unknown {
  if (f.kind === 'checkbox' && raw === undefined) return false;
  if (raw === undefined) return EMPTY;
  // Anything but one string (a repeated field, a nested value) is passed on for the DTO to refuse.
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (f.kind === 'checkbox') return TICKED.has(text.toLowerCase());
  if (text === '') return EMPTY;
  if (f.parse) return f.parse(text);
  if (f.kind === 'int') return readNumber(text, true);
  if (f.kind === 'number') return readNumber(text, false);
  if (f.kind === 'lines') return splitLines(text);
  return text;
}

/** The non-blank lines of a text area, trimmed. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
}

/**
 * The DTO-shaped input a form describes: every declared field converted to its type, dotted paths
 * nested (`title_vi`, `title_en` → `{ title: { vi, en } }`), blank fields left out or nulled as
 * declared. Fields the spec does not declare (`_csrf`, buttons) are not read. Pure.
 */
export function formToDtoInput(form: unknown, spec: FormSpec): Record<string, unknown> {
  const fields = form !== null && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
  const input: Record<string, unknown> = {};
  for (const [path, f] of Object.entries(spec)) {
    const name = inputName(path, f);
    const posted = Object.hasOwn(fields, name);
    if (f.onlyIfPosted && !posted) continue;
    const value = convert(posted ? fields[name] : undefined, f);
    if (value !== EMPTY) setPath(input, path, value);
    else if (f.blank === 'null') setPath(input, path, null);
    else if (f.blank === 'keep') setPath(input, path, f.kind === 'lines' ? [] : '');
  }
  return input;
}

/** The numeric arguments of every rule on one DTO property (`min`, `max`, `maxLength`, …) by rule name. */
function ruleArguments(target: object | undefined, property: string): Record<string, unknown[]> {
  if (!target) return {};
  const out: Record<string, unknown[]> = {};
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false)) {
    if (m.propertyName === property) out[m.name ?? m.type] = m.constraints ?? [];
  }
  return out;
}

// Preferred order when one value breaks several rules: the kind of value before its range.
const PRECEDENCE = [
  'whitelistValidation',
  'isDefined',
  'isString',
  'isObject',
  'isArray',
  'isUUID',
  'isIn',
  'isInt',
  'isNumber',
  'intRange',
  'isBoolean',
  'isEmail',
  'matches',
  'calendarDate',
  'isISO8601',
];
const rank = (code: string) => {
  const i = PRECEDENCE.indexOf(code);
  return i === -1 ? PRECEDENCE.length : i;
};

const blankValue = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

type Keyed = [key: string, params: Readonly<Record<string, unknown>>];

/**
 * The message key and parameters for the rule a value breaks: the rule the validator's context
 * names (its own validators and ambiguous built-in ones carry one), else the built-in rule's code
 * with the numbers of its declaration. Null for a rule the page has no words for.
 */
function messageFor(code: string, rule: RuleMessage | null, value: unknown, args: Record<string, unknown[]>): Keyed | null {
  if (code === 'whitelistValidation') return ['form.unknownField', {}];
  if (blankValue(value)) return ['form.required', {}];
  if (rule) return [rule.key, rule.params];
  const num = (k: string) => (typeof args[k]?.[0] === 'number' ? (args[k][0] as number) : undefined);
  const min = num('min');
  const max = num('max');
  switch (code) {
    case 'isInt':
    case 'min':
    case 'max': {
      const kind = code === 'isInt' || args.isInt ? 'Int' : 'Number';
      if (min !== undefined && max !== undefined) return [`form.between${kind}`, { min, max }];
      if (min !== undefined) return [`form.atLeast${kind}`, { min }];
      if (max !== undefined) return [`form.atMost${kind}`, { max }];
      return [`form.is${kind}`, {}];
    }
    case 'isNumber':
      return min !== undefined && max !== undefined ? ['form.betweenNumber', { min, max }] : ['form.isNumber', {}];
    case 'maxLength':
      return num('maxLength') !== undefined ? ['form.maxLength', { max: num('maxLength') }] : null;
    case 'minLength':
      return ['form.required', {}];
    case 'isIn':
      return ['form.isIn', {}];
    case 'isUUID':
      return ['form.choose', {}];
    case 'isBoolean':
      return ['form.isBoolean', {}];
    case 'isString':
      return ['form.isString', {}];
    case 'isArray':
    case 'arrayMaxSize':
      return num('arrayMaxSize') !== undefined ? ['form.arrayMaxSize', { max: num('arrayMaxSize') }] : ['form.isArray', {}];
    case 'isEmail':
      return ['form.isEmail', {}];
    case 'isISO8601':
      return ['form.isDate', {}];
    case 'matches':
      return ['form.format', {}];
  }
  return null;
}

/** Finds the form field of a DTO path: itself, or the nearest declared parent (`images.3` → `images`). */
function fieldOf(spec: FormSpec, path: string): [string, FormField] | null {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    if (Object.hasOwn(spec, p)) return [p, spec[p]];
    // A parent path (`title`) stands for its declared children when the form shows only those.
    const child = Object.keys(spec).find((k) => k.startsWith(`${p}.`));
    if (child && p === path) return [child, spec[child]];
  }
  return null;
}

function describe(spec: FormSpec, locale: Locale, field: string, keyed: Keyed | null, english: string): FormFieldError {
  const t = translator(locale);
  const found = fieldOf(spec, field);
  const label = found ? t(found[1].label) : null;
  const numbers = numberFormat(locale);
  const params = Object.fromEntries(Object.entries(keyed?.[1] ?? {}).map(([k, v]) => [k, typeof v === 'number' ? numbers.format(v) : v]));
  const named = label ?? t('form.thisField');
  // A rule this page has no words for still shows, in English only where the page is English.
  const message = keyed ? t(keyed[0], { ...params, label: named }) : locale === 'en' ? `${named} ${english}` : t('form.invalid', { label: named });
  return { field, name: found ? inputName(found[0], found[1]) : null, label, message };
}

interface Problem {
  path: string;
  code: string;
  english: string;
  /** The rule the validator's context names for the value, if any. */
  rule: RuleMessage | null;
  value: unknown;
  target?: object;
  property: string;
}

function flatten(errors: ConstraintError[], parent = ''): Problem[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const [code] = Object.keys(e.constraints ?? {}).sort((a, b) => rank(a) - rank(b));
    const value = e.value as unknown;
    const own = code
      ? [{ path, code, english: e.constraints![code].replace(`${e.property} `, ''), rule: ruleOfContext(e.contexts?.[code], value), value, target: e.target, property: e.property }]
      : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Converts a form to the DTO's shape and validates it with the DTO class, as the API does
 * (whitelist, unknown fields refused, transform). Answers the DTO instance, or every problem at
 * once (one per field), translated into `locale` and naming fields by their labels. Never throws
 * for any form content.
 */
export async function validateForm<T extends object>(dto: new () => T, form: unknown, spec: FormSpec, locale: Locale): Promise<FormResult<T>> {
  const value = plainToInstance(dto, formToDtoInput(form, spec));
  const problems = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: true, value: true } });
  if (problems.length === 0) return { value, errors: null };
  const seen = new Set<string>();
  const errors: FormFieldError[] = [];
  for (const p of flatten(problems)) {
    const e = describe(spec, locale, p.path, messageFor(p.code, p.rule, p.value, ruleArguments(p.target, p.property)), p.english);
    const key = e.name ?? e.field;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(e);
  }
  return { value: null, errors };
}

/**
 * A domain rule a service refused (`ValidationError(field, message)`) as a form error: beside its
 * field when the form has it, in the page's language by the key of the rule the error carries.
 * An error with words only shows the generic `form.invalid` (its words on English pages).
 */
export function domainFormError(err: ValidationError, spec: FormSpec, locale: Locale): FormFieldError {
  const english = err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message;
  return describe(spec, locale, err.field, err.rule ? [err.rule.key, err.rule.params] : null, english);
}

/** The field errors of a form as its template reads them: a summary list and a message per input (`<name>-error`). */
export function formErrorsView(errors: FormFieldError[]): FormErrorsView {
  const fieldErrors: FormErrorsView['fieldErrors'] = {};
  for (const e of errors) if (e.name && !fieldErrors[e.name]) fieldErrors[e.name] = { id: `${e.name}-error`, message: e.message };
  return { errors, fieldErrors, unplaced: errors.filter((e) => !e.name) };
}
