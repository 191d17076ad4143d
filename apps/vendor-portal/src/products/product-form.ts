import type { VendorProduct } from '@ocop/catalog';
import { LOCALES } from '@ocop/core';
import { splitLines, type FormField, type FormSpec } from '@ocop/web';

export type Form = Record<string, unknown>;

const LABEL_SUFFIX = { vi: 'Vi', en: 'En', de: 'De', id: 'Id' } as const;

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
 * blank texts clear.
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
    images: { label: 'vendorProducts.images', kind: 'lines', blank: mode === 'update' ? 'keep' : 'absent' },
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
    images: p.images.join('\n'),
    exportEligible: p.exportEligible,
    producerAddress: t.producerAddress ?? '',
    brand: t.brand ?? '',
    shelfLife: t.shelfLife ?? '',
    standards: t.standards ?? '',
    stages: (t.productionStages ?? []).map((s) => [s.stage, s.location ?? '', s.time ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
  };
}
