import type { FastifyRequest } from 'fastify';
import { LOCALES, translator, type Actor, type Locale } from '@ocop/core';
import { ProductsService } from '@ocop/catalog';
import { detectImageType, MAX_IMAGE_BYTES } from '@ocop/storage';
import { MAX_STORY_PHOTOS } from '@ocop/villages';
import { readMultipartForm, type FormFieldError, type FormSpec } from '@ocop/web';
import './stories.i18n';

export type Form = Record<string, unknown>;

const SUFFIX: Record<Locale, string> = { vi: 'Vi', en: 'En', de: 'De', id: 'Id' };

/** The story form's fields, read into the API's CreateStoryDto (photos come as files, not fields). */
export const STORY_FORM: FormSpec = {
  villageId: { label: 'vendorStories.village' },
  kind: { label: 'vendorStories.kind' },
  ...Object.fromEntries(LOCALES.flatMap((l) => [[`title.${l}`, { label: `vendorStories.title${SUFFIX[l]}` }]])),
  ...Object.fromEntries(LOCALES.flatMap((l) => [[`body.${l}`, { label: `vendorStories.body${SUFFIX[l]}` }]])),
  productIds: { label: 'vendorStories.products', kind: 'lines' },
};

/** A story form as posted: its fields, its photos, and what is wrong with the upload in the page's words. */
export interface PostedStory {
  form: Form;
  files: Buffer[];
  problems: FormFieldError[];
}

/** Every value of a field posted once or repeatedly (ticked boxes), as strings. */
export function postedList(value: unknown): string[] {
  const all = Array.isArray(value) ? (value as unknown[]) : value === undefined || value === null ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

const photoProblem = (message: string): FormFieldError => ({ field: 'photos', name: 'photos', label: null, message });

/**
 * Reads the story form: multipart with its photos (as the page sends it), or url-encoded without
 * any. Each photo is checked by its bytes here too, so the page can name the file at fault in its
 * own language. Never throws for the body.
 */
export async function readStoryForm(req: FastifyRequest, body: unknown, locale: Locale): Promise<PostedStory> {
  const t = translator(locale);
  if (!req.isMultipart()) {
    const form = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Form) } : {};
    return { form: normalised(form), files: [], problems: [] };
  }
  const read = await readMultipartForm(req, {
    field: 'photos',
    maxFileBytes: MAX_IMAGE_BYTES,
    maxFiles: MAX_STORY_PHOTOS,
    maxFields: 300,
    // A text of 20,000 characters in any script, with room for line ends.
    maxFieldBytes: 100_000,
    notMultipart: t('vendorStories.photoMalformed'),
    tooLarge: t('vendorStories.photoTooLarge'),
    tooMany: t('vendorStories.photoTooMany'),
    malformed: t('vendorStories.photoMalformed'),
    fieldTooLong: t('vendorStories.tooLong'),
  });
  const problems: FormFieldError[] = [];
  if (read.problem) {
    const field = read.problem.field;
    const shown = Object.keys(STORY_FORM).map((path) => path.replace('.', '_'));
    if (field === 'photos') problems.push(photoProblem(read.problem.message.slice('photos: '.length)));
    else problems.push({ field, name: shown.includes(field) ? field : null, label: null, message: t('vendorStories.tooLong') });
  }
  for (const f of read.files) {
    const name = (f.filename ?? '').slice(0, 80) || t('vendorStories.photos');
    if (f.data.length === 0) problems.push(photoProblem(t('vendorStories.photoEmpty', { name })));
    else if (!detectImageType(f.data)) problems.push(photoProblem(t('vendorStories.photoType', { name })));
  }
  return { form: normalised({ ...read.fields }), files: read.files.map((f) => f.data), problems };
}

/** The form with its ticked products as one line each, as the `lines` field reads them. */
function normalised(form: Form): Form {
  return { ...form, productIds: postedList(form.productIds).join('\n') };
}

/** The ids of every product of the caller's vendor, with its title in `lang` (falling back to Vietnamese). */
export async function ownProducts(products: ProductsService, actor: Actor, lang: Locale): Promise<{ id: string; title: string }[]> {
  const out: { id: string; title: string }[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await products.list(actor, { page, limit: 200 });
    out.push(...items.map((p) => ({ id: p.id, title: p.title[lang] ?? p.title.vi ?? Object.values(p.title)[0] ?? '' })));
    if (items.length === 0 || out.length >= total) return out;
  }
}
