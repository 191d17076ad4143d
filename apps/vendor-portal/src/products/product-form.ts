import type { FastifyRequest } from 'fastify';
import { MAX_IMAGES, type VendorProduct } from '@ocop/catalog';
import { LOCALES, translator, type Locale } from '@ocop/core';
import { detectImageType, MAX_IMAGE_BYTES } from '@ocop/storage';
import { readMultipartForm, splitLines, type FormField, type FormFieldError, type FormSpec } from '@ocop/web';
import './products.i18n';

export type Form = Record<string, unknown>;

const LABEL_SUFFIX = { vi: 'Vi', en: 'En', de: 'De', id: 'Id' } as const;

/** At most this many photos are sent with one form. */
export const MAX_PHOTOS_AT_ONCE = 10;

/** Lines of "stage | place | time" as production stages; a blank place or time is left out. */
function stages(text: string) {
  return splitLines(text).map((line) => {
    const [stage = '', location = '', time = ''] = line.split('|').map((s) => s.trim());
    return { stage, ...(location ? { location } : {}), ...(time ? { time } : {}) };
  });
}

/**
 * The product form's fields, read into `CreateProductDto` / `UpdateProductDto`. On `update` a
 * blank optional field clears it and a language the form shows blank is removed (one it does not
 * show is left as it is); on `create` blanks are left out. Traceability is sent whole, so its
 * blank texts clear. Photos are files and the choices beside them (see `arrangedImages`), not fields.
 */
export function productFormSpec(mode: 'create' | 'update'): FormSpec {
  const clear: FormField['blank'] = mode === 'update' ? 'null' : 'absent';
  const languages: FormSpec = {};
  for (const l of LOCALES) {
    languages[`title.${l}`] = { label: `vendorProducts.title${LABEL_SUFFIX[l]}`, blank: mode === 'update' ? 'keep' : 'absent', onlyIfPosted: mode === 'update' };
    // The form shows Vietnamese and English descriptions; the others are kept as they are.
    languages[`description.${l}`] = { label: `vendorProducts.description${LABEL_SUFFIX[l]}`, blank: mode === 'update' ? 'keep' : 'absent', onlyIfPosted: true };
  }
  return {
    certificateId: { label: 'vendorProducts.certificate' },
    ...languages,
    productGroup: { label: 'vendorProducts.groupLabel' },
    priceVnd: { label: 'vendorProducts.price', kind: 'int' },
    stock: { label: 'vendorProducts.stock', kind: 'int' },
    weightGrams: { label: 'vendorProducts.weight', kind: 'int', blank: clear },
    gtin: { label: 'vendorProducts.gtin', blank: clear },
    exportEligible: { label: 'vendorProducts.exportEligible', kind: 'checkbox' },
    'traceability.producerAddress': { label: 'vendorProducts.producerAddress', name: 'producerAddress', blank: 'keep' },
    'traceability.brand': { label: 'vendorProducts.brand', name: 'brand', blank: 'keep' },
    'traceability.shelfLife': { label: 'vendorProducts.shelfLife', name: 'shelfLife', blank: 'keep' },
    'traceability.standards': { label: 'vendorProducts.standards', name: 'standards', blank: 'keep' },
    'traceability.productionStages': { label: 'vendorProducts.stages', name: 'stages', parse: stages },
  };
}

/** The form fields showing a product as it is. */
export function productToForm(p: VendorProduct): Form {
  const t = p.traceability ?? {};
  return {
    certificateId: p.certificateId,
    ...Object.fromEntries(LOCALES.map((l) => [`title_${l}`, p.title[l] ?? ''])),
    ...Object.fromEntries(LOCALES.map((l) => [`description_${l}`, p.description[l] ?? ''])),
    productGroup: p.productGroup,
    priceVnd: String(p.priceVnd),
    stock: String(p.stock),
    weightGrams: p.weightGrams === null ? '' : String(p.weightGrams),
    gtin: p.gtin ?? '',
    exportEligible: p.exportEligible,
    producerAddress: t.producerAddress ?? '',
    brand: t.brand ?? '',
    shelfLife: t.shelfLife ?? '',
    standards: t.standards ?? '',
    stages: (t.productionStages ?? []).map((s) => [s.stage, s.location ?? '', s.time ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
  };
}

/** A product form as posted: its fields, its new photos, and what is wrong with them in the page's words. */
export interface PostedProduct {
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
 * Reads the product form: multipart with its new photos (as the page sends it), or url-encoded
 * without any. Each photo is checked by its bytes here, so the page can name the file at fault
 * in its own language. Never throws for the body (a wrong CSRF token in a multipart form is a 403).
 */
export async function readProductForm(req: FastifyRequest, body: unknown, locale: Locale): Promise<PostedProduct> {
  const t = translator(locale);
  if (!req.isMultipart()) {
    const form = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Form) } : {};
    return { form, files: [], problems: [] };
  }
  const read = await readMultipartForm(req, {
    field: 'photos',
    maxFileBytes: MAX_IMAGE_BYTES,
    maxFiles: MAX_PHOTOS_AT_ONCE,
    maxFields: 300,
    maxFieldBytes: 100_000,
    notMultipart: t('vendorProducts.photoMalformed'),
    tooLarge: t('vendorProducts.photoTooLarge'),
    tooMany: t('vendorProducts.photoTooManyAtOnce', { count: MAX_PHOTOS_AT_ONCE }),
    malformed: t('vendorProducts.photoMalformed'),
    fieldTooLong: t('vendorProducts.tooLong'),
  });
  const problems: FormFieldError[] = [];
  if (read.problem) {
    const field = read.problem.field;
    if (field === 'photos') problems.push(photoProblem(read.problem.message.slice('photos: '.length)));
    else problems.push({ field, name: null, label: null, message: t('vendorProducts.tooLong') });
  }
  for (const f of read.files) {
    const name = (f.filename ?? '').slice(0, 80) || t('vendorProducts.photos');
    if (f.data.length === 0) problems.push(photoProblem(t('vendorProducts.photoEmpty', { name })));
    else if (!detectImageType(f.data)) problems.push(photoProblem(t('vendorProducts.photoType', { name })));
  }
  return { form: { ...read.fields }, files: read.files.map((f) => f.data), problems };
}

/**
 * The product's current images in the order the form asks for: each `image_<n>` (one of the
 * product's own images; anything else is ignored) at the place its `position_<n>` gives, ties and
 * blank or unreadable positions keeping their current order; those ticked in `removeImages` left
 * out; the one chosen as `cover` first.
 */
export function arrangedImages(current: string[], form: Form): string[] {
  const place = new Map<string, number>();
  for (const [key, value] of Object.entries(form)) {
    const n = /^image_(\d{1,3})$/.exec(key)?.[1];
    if (!n || typeof value !== 'string' || !current.includes(value)) continue;
    const raw = form[`position_${n}`];
    const position = typeof raw === 'string' && /^\s*\d{1,3}\s*$/.test(raw) ? Number(raw) : NaN;
    if (Number.isFinite(position)) place.set(value, position);
  }
  const removed = new Set(postedList(form.removeImages));
  const ordered = current
    .map((src, i) => ({ src, i, at: place.get(src) ?? i + 1 }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.src)
    .filter((src) => !removed.has(src));
  const cover = typeof form.cover === 'string' ? form.cover : '';
  return ordered.includes(cover) ? [cover, ...ordered.filter((src) => src !== cover)] : ordered;
}

/** The problem of a form that would leave the product with more images than it may have, if so. */
export function tooManyImages(kept: number, added: number, locale: Locale): FormFieldError | null {
  return kept + added > MAX_IMAGES ? photoProblem(translator(locale)('vendorProducts.photoTooMany', { count: MAX_IMAGES })) : null;
}
