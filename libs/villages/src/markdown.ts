import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Locale } from '@ocop/core';
import type { LocalizedText } from './village.entity';

/** Tags a story may use: paragraphs, emphasis, lists, quotes, headings and links. Nothing else survives. */
const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'a', 'hr', 'code'];

/**
 * Story Markdown as safe HTML: rendered by marked, then sanitised to basic formatting and links
 * (http, https, mailto or site paths; each opens with `rel="nofollow noopener"`). Scripts, event
 * handlers, images, styles and `javascript:` addresses are removed. Pure.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown ?? '', { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'title', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }) },
  });
}

/** A text picked for a page language, with the language it is actually written in. */
export interface PickedText {
  text: string;
  /** The language of `text`; null when there is no text at all. */
  lang: Locale | null;
  /** Whether `text` is in another language than the one asked for. */
  fallback: boolean;
}

/**
 * The text in `lang`; when missing, Vietnamese shoppers get English, and everyone else gets
 * English, then Vietnamese, then any language written. Pure.
 */
export function pickText(text: LocalizedText | null | undefined, lang: Locale): PickedText {
  const order: Locale[] = lang === 'vi' ? ['vi', 'en'] : [lang, 'en', 'vi'];
  const all = text ?? {};
  for (const l of [...order, ...(Object.keys(all) as Locale[])]) {
    const value = all[l]?.trim();
    if (value) return { text: value, lang: l, fallback: l !== lang };
  }
  return { text: '', lang: null, fallback: false };
}

/** A plain-text teaser of Markdown: formatting dropped, cut at a word near `max` characters. Pure. */
export function teaser(markdown: string, max = 220): string {
  const plain = sanitizeHtml(marked.parse(markdown ?? '', { async: false }), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.lastIndexOf(' ', max);
  return `${plain.slice(0, cut > 0 ? cut : max)}…`;
}
