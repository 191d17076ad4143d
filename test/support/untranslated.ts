import { translationsOf, type Locale } from '@ocop/core';

/** What a person reads: text between tags plus the attributes a browser shows or reads aloud. */
export function shownText(html: string): string {
  const attrs = [...html.matchAll(/\s(?:placeholder|aria-label|title|alt)="([^"]*)"/g)].map((x) => x[1]);
  const body = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [body, ...attrs]
    .join(' \n ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/\s+/g, ' ');
}

/** Labels that read the same in English and the checked language. */
const SAME_ON_PURPOSE = new Set<string>([]);

/**
 * English words of every label that `lang` does not have in the same words: each label's longest
 * fixed part (placeholders dropped), at least two words long so single shared words ("Status") do
 * not count.
 */
export function englishOnly(lang: Locale): Map<string, string> {
  const en = translationsOf('en');
  const other = translationsOf(lang);
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(en)) {
    // A label written the same in both languages only counts when the language has it on purpose.
    if (other[key] === value && SAME_ON_PURPOSE.has(value)) continue;
    const part = value
      .split(/\{\{[^}]+\}\}/)
      .map((s) => s.trim())
      .sort((a, b) => b.length - a.length)[0];
    if (part && part.split(/\s+/).length >= 2 && part.length >= 8) out.set(part, key);
  }
  return out;
}

/** The English labels `html` shows on a page in `lang`, each as `path: "words" (key)`. */
export function untranslatedOn(path: string, html: string, lang: Locale): string[] {
  const text = shownText(html);
  return [...englishOnly(lang)].filter(([words]) => text.includes(words)).map(([words, key]) => `${path}: "${words}" (${key})`);
}
