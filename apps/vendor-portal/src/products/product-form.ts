import type { Traceability, VendorProduct } from '@ocop/catalog';

export type Form = Record<string, unknown>;

const LANGS = ['vi', 'en', 'de', 'id'] as const;

const text = (form: Form, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const lines = (form: Form, key: string): string[] =>
  text(form, key)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A whole number as typed; anything else is passed on as typed so the rules can name the field. */
function whole(form: Form, key: string, blank: undefined | null): number | string | null | undefined {
  const v = text(form, key).replace(/[.,\s]/g, '');
  if (v === '') return blank;
  return /^-?\d{1,12}$/.test(v) ? Number(v) : text(form, key);
}

/**
 * The product input a page form describes (`title_vi`, `priceVnd`, `stages` lines of
 * "stage | place | time", …). On `update` a blank optional field clears it; on `create` it is left out.
 */
export function formToInput(form: Form, mode: 'create' | 'update'): Record<string, unknown> {
  const blank = mode === 'create' ? undefined : null;
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  // A language the form does not show is left as it is; one it shows blank is removed.
  const include = (key: string) => (mode === 'update' ? typeof form?.[key] === 'string' : text(form, key) !== '');
  for (const l of LANGS) {
    if (include(`title_${l}`)) title[l] = text(form, `title_${l}`);
    if (include(`description_${l}`)) description[l] = text(form, `description_${l}`);
  }
  const stages = lines(form, 'stages').map((line) => {
    const [stage = '', location = '', time = ''] = line.split('|').map((s) => s.trim());
    return { stage, ...(location ? { location } : {}), ...(time ? { time } : {}) };
  });
  const traceability: Traceability = {
    producerAddress: text(form, 'producerAddress'),
    brand: text(form, 'brand'),
    shelfLife: text(form, 'shelfLife'),
    standards: text(form, 'standards'),
    ...(stages.length ? { productionStages: stages } : {}),
  };
  const input: Record<string, unknown> = {
    certificateId: text(form, 'certificateId'),
    title,
    description,
    productGroup: text(form, 'productGroup'),
    priceVnd: whole(form, 'priceVnd', undefined),
    stock: whole(form, 'stock', undefined),
    weightGrams: whole(form, 'weightGrams', blank),
    gtin: text(form, 'gtin') || blank,
    images: lines(form, 'images'),
    exportEligible: ['on', 'true', '1'].includes(text(form, 'exportEligible')),
    traceability,
  };
  for (const [k, v] of Object.entries(input)) if (v === undefined || (mode === 'update' && v === '' && k !== 'gtin')) delete input[k];
  return input;
}

/** The form fields showing a product as it is. */
export function productToForm(p: VendorProduct): Form {
  const t = p.traceability ?? {};
  return {
    certificateId: p.certificateId,
    ...Object.fromEntries(LANGS.map((l) => [`title_${l}`, p.title[l] ?? ''])),
    ...Object.fromEntries(LANGS.map((l) => [`description_${l}`, p.description[l] ?? ''])),
    productGroup: p.productGroup,
    priceVnd: String(p.priceVnd),
    stock: String(p.stock),
    weightGrams: p.weightGrams === null ? '' : String(p.weightGrams),
    gtin: p.gtin ?? '',
    images: p.images.join('\n'),
    exportEligible: p.exportEligible,
    producerAddress: t.producerAddress ?? '',
    brand: t.brand ?? '',
    shelfLife: t.shelfLife ?? '',
    standards: t.standards ?? '',
    stages: (t.productionStages ?? []).map((s) => [s.stage, s.location ?? '', s.time ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
  };
}
