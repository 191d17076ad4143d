/**
 * A broken rule said once, for two readers: the English words the API answers with, and the key
 * of the `form.*` words (with their parameters) a page shows in its own language. A page decides
 * by the key, never by the words, so rewording an API message cannot change what a page says.
 */
export interface RuleMessage {
  /** The English words of the API (`must be at most 100 characters`), without the field's name. */
  readonly text: string;
  /** The translation key of the page's words (`form.maxLength`). */
  readonly key: FormMessageKey;
  /** The numbers the page's words name (`{ max: 100 }`). */
  readonly params: Readonly<Record<string, number>>;
}

/** A key of the page words of a broken rule (libs/core/src/i18n.ts); each names the field as `{{label}}`. */
export type FormMessageKey = `form.${string}`;

/** A rule's English words and page key, defined together. */
export function ruleMessage(key: FormMessageKey, text: string, params: Record<string, number> = {}): RuleMessage {
  return Object.freeze({ text, key, params: Object.freeze({ ...params }) });
}

/** Whether `value` is a RuleMessage (a validator's context or a caught error may hold anything). */
export function isRuleMessage(value: unknown): value is RuleMessage {
  const v = value as Partial<RuleMessage> | null;
  return typeof v === 'object' && v !== null && typeof v.text === 'string' && typeof v.key === 'string' && v.key.startsWith('form.') && typeof v.params === 'object';
}

/**
 * The rules the libraries share, each with the exact words the API has always answered. A rule
 * whose words belong to one library (a product's price range) is made there with `ruleMessage`.
 */
export const Rules = {
  required: () => ruleMessage('form.required', 'must not be empty'),
  isString: () => ruleMessage('form.isString', 'must be a string'),
  maxLength: (max: number) => ruleMessage('form.maxLength', `must be at most ${max} characters`, { max }),
  /** The same limit in the words of the product rules. */
  textMaxLength: (max: number) => ruleMessage('form.maxLength', `must be text of at most ${max} characters`, { max }),
  /** A real calendar date written YYYY-MM-DD. */
  date: () => ruleMessage('form.isDate', 'must be a real date written YYYY-MM-DD'),
  /** A date or a date-time with its zone (a certificate's expiry). */
  dateOrZonedTime: () => ruleMessage('form.isDate', 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time with its time zone'),
  /** Any ISO-8601 date or date-time. */
  isoDate: () => ruleMessage('form.isDate', 'must be an ISO-8601 date or date-time'),
  notFuture: () => ruleMessage('form.notFuture', 'must not be in the future'),
  /** Later than the start of a period, named as the API names it (`from`, `the decision date`). */
  afterStart: (start: string) => ruleMessage('form.afterStart', `must be after ${start}`),
  /** An id that names nothing the caller may choose (`no village has this id`). */
  unknownChoice: (thing: string) => ruleMessage('form.unknownChoice', `no ${thing} has this id`),
  oneOf: (values: readonly unknown[]) => ruleMessage('form.isIn', `must be one of ${values.join(', ')}`),
  betweenInt: (min: number, max: number) => ruleMessage('form.betweenInt', `must be an integer from ${min} to ${max}`, { min, max }),
  atLeastInt: (min: number) => ruleMessage('form.atLeastInt', `must be an integer of at least ${min}`, { min }),
  betweenNumber: (min: number, max: number) => ruleMessage('form.betweenNumber', `must be a number from ${min} to ${max}`, { min, max }),
  isBoolean: () => ruleMessage('form.isBoolean', 'must be true or false'),
  isEmail: () => ruleMessage('form.isEmail', 'must be a valid e-mail address'),
  imageAddress: () => ruleMessage('form.isImageAddress', 'must be an http(s) URL or a /media/ path'),
  gtin: () => ruleMessage('form.isGtin', 'must be a GTIN-8, -12, -13 or -14 with a valid check digit'),
  taxCode: () => ruleMessage('form.taxCode', 'must be a Vietnamese tax code: 10 digits, or 10 digits, "-" and 3 digits'),
} as const;

/**
 * What a class-validator rule carries in its `context` (copied to the error's
 * `contexts[constraint]`): the rule the actual value broke, so a page form names the same rule as
 * the API's words, by key. Null when the value breaks none.
 */
export interface RuleContext {
  readonly rule: (value: unknown) => RuleMessage | null;
}

/**
 * The `message` and `context` of a class-validator decorator from one RuleMessage (or one check
 * of the value), merged into `options`: `@IsIn(xs, ruleOptions(Rules.oneOf(xs)))`.
 */
export function ruleOptions<O extends object>(rule: RuleMessage, options?: O): O & { message: string; context: RuleContext } {
  return { ...(options as O), message: rule.text, context: { rule: () => rule } };
}

/** The rule a validator's context names for `value`, or null when it names none. */
export function ruleOfContext(context: unknown, value: unknown): RuleMessage | null {
  const rule = (context as Partial<RuleContext> | null | undefined)?.rule;
  if (typeof rule !== 'function') return null;
  const found = rule(value);
  return isRuleMessage(found) ? found : null;
}
