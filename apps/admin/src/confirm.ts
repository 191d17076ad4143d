import type { ConflictError, translator } from '@ocop/core';
import type { FormErrorsView, FormFieldError } from '@ocop/web';

type T = ReturnType<typeof translator>;

/** One consequence a confirmation page announces, with its count (`data-count`) for tests and readers alike. */
export interface Consequence {
  key: string;
  count: number;
  text: string;
}

/** A field typed on the confirmation page itself (the reason), shown again with its error when refused. */
export interface ConfirmField {
  name: string;
  label: string;
  value?: string;
  required?: boolean;
  multiline?: boolean;
  maxlength: number;
  error?: string | null;
}

/** What the `confirm` view shows: what will happen, the facts, the form that does it and the way back. */
export interface ConfirmPage {
  title: string;
  consequences?: Consequence[];
  texts: string[];
  facts: { label: string; value: string }[];
  action: string;
  hidden: { name: string; value: string }[];
  fields?: ConfirmField[];
  button: string;
  back: string;
  error?: string;
  errors?: FormFieldError[];
  unplaced?: FormFieldError[];
}

/** The confirmation page's own fields, filled with what was typed and each with its error. */
export function reasonFields(_t: T, form: Record<string, string | undefined>, errors: FormErrorsView | null, fields: Omit<ConfirmField, 'value' | 'error'>[]): ConfirmField[] {
  return fields.map((f) => ({ ...f, value: form[f.name] ?? '', error: errors?.fieldErrors[f.name]?.message ?? null }));
}

/**
 * A refusal in the page's words: the words under `<prefix>.<reason>` for the refusal's reason
 * code, or the general words under `<prefix>.other`; never the code itself.
 */
export function conflictWords(t: T, prefix: string, err: ConflictError): string {
  const reason = typeof err.details?.reason === 'string' ? err.details.reason : '';
  const key = `${prefix}.${reason}`;
  const words = reason ? t(key) : key;
  return words === key ? t(`${prefix}.other`) : words;
}
