/** How villages and stories are shown on storefront pages. Pure. */
import { LOCALE_NAMES, translator, type Locale } from '@ocop/core';
import { pickText, teaser, type PublicVillage, type Story } from '@ocop/villages';
import './villages.i18n';

type T = ReturnType<typeof translator>;

/** The note a page shows when a text is in another language than the page's. */
export function fallbackNote(t: T, shown: Locale | null, lang: Locale): string | null {
  return shown && shown !== lang ? t('villages.fallbackNote', { language: LOCALE_NAMES[shown] }) : null;
}

/** A story as a card: title and teaser in the page language (with its fallbacks). */
export function storyCard(s: Story, lang: Locale) {
  const body = pickText(s.body, lang);
  return { slug: s.slug, kind: s.kind, title: pickText(s.title, lang).text, teaser: teaser(body.text), photo: s.photos[0] ?? null, publishedAt: s.publishedAt };
}

/** A village as a card: its first photo and a plain teaser of its story in the page language. */
export function villageCard(v: PublicVillage, lang: Locale) {
  return { ...v, photo: v.photos[0] ?? null, excerpt: teaser(pickText(v.story, lang).text) };
}
