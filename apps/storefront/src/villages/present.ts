/** How villages and stories are shown on storefront pages. Pure. */
import { LOCALE_NAMES, translator, type Locale } from '@ocop/core';
import { pickText, teaser, type PublicVillage, type Story } from '@ocop/villages';
import { pictureName, villagePictures, type Picture } from '@ocop/web';
import './villages.i18n';

type T = ReturnType<typeof translator>;

/** The note a page shows when a text is in another language than the page's. */
export function fallbackNote(t: T, shown: Locale | null, lang: Locale): string | null {
  return shown && shown !== lang ? t('villages.fallbackNote', { language: LOCALE_NAMES[shown] }) : null;
}

/**
 * A story as a card: title and teaser in the page language (with its fallbacks) and its first
 * photo; without one, the drawing of its village's craft when the village is given, else none.
 */
export function storyCard(s: Story, lang: Locale, village?: Pick<PublicVillage, 'craft'>) {
  const body = pickText(s.body, lang);
  const title = pickText(s.title, lang).text;
  const picture: Picture | null = s.photos.length ? { src: s.photos[0], alt: title, drawn: pictureName(s.photos[0]) !== null } : village ? villagePictures([], village.craft, title, lang)[0] : null;
  return { slug: s.slug, kind: s.kind, title, teaser: teaser(body.text), photo: s.photos[0] ?? null, picture, publishedAt: s.publishedAt };
}

/** A story's photos, each described in the page language by the story's title. */
export function storyPhotos(s: Story, lang: Locale): Picture[] {
  const t = translator(lang);
  const title = pickText(s.title, lang).text;
  return s.photos.map((src, i) => ({ src, alt: i === 0 ? title : t('picture.photoNo', { subject: title, n: i + 1 }), drawn: pictureName(src) !== null }));
}

/** A village as a card: its first photo (or the drawing of its craft when it has none) and a plain teaser of its story in the page language. */
export function villageCard(v: PublicVillage, lang: Locale) {
  return { ...v, photo: v.photos[0] ?? null, picture: villagePictures(v.photos, v.craft, v.name, lang)[0], excerpt: teaser(pickText(v.story, lang).text) };
}
