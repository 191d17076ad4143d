import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '@ocop/core';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate };
const cache = new Map<string, Compiled | null>();
const hbs = Handlebars.create();

function load(template: string, locale: string): Compiled | null {
  const key = `${template}.${locale}`;
  if (!cache.has(key)) {
    const file = join(projectRoot(), 'libs/notifications/templates', `${key}.hbs`);
    if (!existsSync(file)) cache.set(key, null);
    else {
      // First line is the subject, the rest the HTML body.
      const [subject, ...body] = readFileSync(file, 'utf8').split('\n');
      cache.set(key, { subject: hbs.compile(subject, { noEscape: true }), body: hbs.compile(body.join('\n')) });
    }
  }
  return cache.get(key) ?? null;
}

function toText(html: string): string {
  return html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g, '$2 ($1)')
    .replace(/<\/p>|<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Renders `templates/<template>.<locale>.hbs` (falling back to English); values are HTML-escaped
 * in the body. Throws when the template does not exist in either language.
 */
export function renderMail(template: string, locale: string, data: Record<string, unknown>): RenderedMail & { locale: string } {
  const usedLocale = load(template, locale) ? locale : 'en';
  const t = load(template, usedLocale);
  if (!t) throw new Error(`mail template "${template}" does not exist`);
  const html = t.body(data).trim();
  return { subject: t.subject(data).trim(), html, text: toText(html), locale: usedLocale };
}
