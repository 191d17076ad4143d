import { foldVietnamese, translator, type Locale } from '@ocop/core';
import './pictures.i18n';

/** Where the marketplace's own drawings are served (`libs/web/static/pictures`, every app). */
export const PICTURES_PATH = '/static/pictures/';

/** The drawings the marketplace ships, each with its description in four languages (`picture.<name>`). */
export const PICTURE_NAMES = [
  'balm-tin',
  'bamboo-basket',
  'bowls',
  'dried-fruit',
  'fish-sauce',
  'golden-camellia',
  'herbal-roots',
  'honey-jar',
  'kumquat',
  'lacquer-box',
  'lotus-pot',
  'lotus-tea',
  'noodles',
  'seafood-jar',
  'silk-bolt',
  'silk-scarf',
  'tea-leaf-cup',
  'tea-set',
  'vase-blue',
  'village',
] as const;
export type PictureName = (typeof PICTURE_NAMES)[number];

/** The drawing that stands in for a product of each OCOP product group without a photo. */
export const GROUP_PICTURES: Record<string, PictureName> = {
  food: 'noodles',
  beverages: 'tea-leaf-cup',
  herbal: 'balm-tin',
  handicrafts: 'vase-blue',
  ornamentals: 'lotus-pot',
};

/** Words of a village's craft (folded: no accents, lower case) and the drawing of that craft; the first match wins. */
const CRAFT_PICTURES: [RegExp, PictureName][] = [
  [/\bgom\b|ceramic|pottery|porcelain/, 'vase-blue'],
  [/\bson mai\b|lacquer/, 'lacquer-box'],
  [/\blua\b|\bdet\b|\bto tam\b|silk|weav/, 'silk-bolt'],
  [/\bsen\b|lotus/, 'lotus-tea'],
  [/\bhoa vang\b|camellia/, 'golden-camellia'],
  [/\btra\b|\bche\b|\btea\b/, 'tea-leaf-cup'],
  [/\bmien\b|\bbun\b|\bpho\b|\bbanh da\b|noodle|vermicelli/, 'noodles'],
  [/\bmat ong\b|honey/, 'honey-jar'],
  [/\bnuoc mam\b|fish sauce/, 'fish-sauce'],
  [/\bhai san\b|\bhau\b|\bca\b|\btom\b|\bmuc\b|seafood|oyster|fish/, 'seafood-jar'],
  [/\bmay\b|\btre\b|\bcoi\b|bamboo|rattan/, 'bamboo-basket'],
  [/\bduoc lieu\b|\bthuoc\b|\bdau\b|herb|balm/, 'balm-tin'],
  [/\bsay\b|\bmut\b|dried|candied/, 'dried-fruit'],
  [/\bcay canh\b|\bhoa\b|\bquat\b|\bdao\b|ornamental|flower|bonsai/, 'kumquat'],
];

/** A picture as pages show it: its address, its description and whether it is a drawing standing in for a photo. */
export interface Picture {
  src: string;
  alt: string;
  drawn: boolean;
}

const pathOf = (name: PictureName) => `${PICTURES_PATH}${name}.svg`;

/** The drawing a picture address names when it is one of the marketplace's own, else null. Pure. */
export function pictureName(src: string): PictureName | null {
  if (!src.startsWith(PICTURES_PATH)) return null;
  const name = src.slice(PICTURES_PATH.length).replace(/\.svg$/, '');
  return (PICTURE_NAMES as readonly string[]).includes(name) ? (name as PictureName) : null;
}

/** The drawing for a product group (handicrafts for a group without its own drawing). Pure. */
export function groupPicture(group: string): string {
  return pathOf(GROUP_PICTURES[group] ?? 'vase-blue');
}

/** The drawing for a village's craft as written by the admin ("Gốm sứ", "Dệt lụa", …); a village scene when none fits. Pure. */
export function craftPicture(craft: string): string {
  const folded = foldVietnamese(craft ?? '');
  return pathOf(CRAFT_PICTURES.find(([words]) => words.test(folded))?.[1] ?? 'village');
}

function describe(src: string, subject: string, index: number, lang: Locale): string {
  const t = translator(lang);
  const name = pictureName(src);
  if (name) return `${subject} — ${t(`picture.${name}`)}`;
  return index === 0 ? subject : t('picture.photoNo', { subject, n: index + 1 });
}

/**
 * A product's pictures in order, each with a description in `lang`; a product without any gets
 * the drawing of its group, marked `drawn`, so a page never shows an empty box. Pure.
 */
export function productPictures(images: readonly string[], group: string, title: string, lang: Locale): Picture[] {
  if (images.length) return images.map((src, i) => ({ src, alt: describe(src, title, i, lang), drawn: pictureName(src) !== null }));
  const src = groupPicture(group);
  return [{ src, alt: describe(src, title, 0, lang), drawn: true }];
}

/** A village's photos, or the drawing of its craft when it has none. Pure. */
export function villagePictures(photos: readonly string[], craft: string, name: string, lang: Locale): Picture[] {
  if (photos.length) return photos.map((src, i) => ({ src, alt: describe(src, name, i, lang), drawn: pictureName(src) !== null }));
  const src = craftPicture(craft);
  return [{ src, alt: describe(src, name, 0, lang), drawn: true }];
}
