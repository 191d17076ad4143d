import type { CertificateOption, NotSellableReason, VendorProduct } from '@ocop/catalog';
import { lastValidDay, type EffectiveStatus } from '@ocop/certification';
import type { Locale, translator } from '@ocop/core';
import { dayText, titleIn, vnDay } from '../orders/present';
import './products.i18n';

type T = ReturnType<typeof translator>;

/** A certificate as the vendor pages name it: enough to tell it from another and its state in words. */
interface CertificateFacts {
  id: string;
  decisionNo: string;
  productName: string;
  stars: number;
  expiresAt: Date;
  publicStatus: EffectiveStatus;
}

/** A certificate's state in words with its date: "valid until 29 February 2028", "expired 3 May 2026", "revoked". */
export function certificateState(c: { publicStatus: EffectiveStatus; expiresAt: Date }, lang: Locale, t: T): string {
  if (c.publicStatus === 'active') return t('vendorProducts.certState.active', { date: dayText(lastValidDay(new Date(c.expiresAt)), lang) });
  if (c.publicStatus === 'expired') return t('vendorProducts.certState.expired', { date: vnDay(c.expiresAt, lang) });
  return t(`vendorProducts.certState.${c.publicStatus}`);
}

/** "DEMO-1125/QĐ-UBND — Gốm sứ men lam (4 stars, valid until 29 February 2028)". */
export function certificateLabel(c: CertificateFacts, lang: Locale, t: T): string {
  return `${c.decisionNo} — ${c.productName} (${t('vendorProducts.stars', { count: c.stars })}, ${certificateState(c, lang, t)})`;
}

/**
 * The certificate picker: the vendor's valid certificates to choose from (and the product's own,
 * whatever its state, so the rest of the form can still be saved), and the others listed apart,
 * disabled, with their state in words.
 */
export function certificateChoices(certs: CertificateOption[], chosen: string, lang: Locale, t: T) {
  const choosable = (c: CertificateOption) => c.publicStatus === 'active' || c.id === chosen;
  return {
    usable: certs.filter(choosable).map((c) => ({ id: c.id, label: certificateLabel(c, lang, t), selected: c.id === chosen })),
    unusable: certs.filter((c) => !choosable(c)).map((c) => ({ label: certificateLabel(c, lang, t) })),
  };
}

/** Why a product does not sell, in words: "off sale (by you)", "the OCOP certificate has expired". */
export function whyNotSelling(p: VendorProduct, t: T): string {
  if (p.sellable) return '';
  if (p.reason === 'delisted' && p.delistReason) return `${t('vendorProducts.reason.delisted')} (${t(`vendorProducts.delist.${p.delistReason}`)})`;
  return t(`vendorProducts.reason.${p.reason}`);
}

/** A link to the next thing to do. */
export interface NextStep {
  href: string;
  label: string;
}

/** What a refused publish says: why, in words, and the next steps with their links. */
export interface Refusal {
  text: string;
  steps: NextStep[];
}

/**
 * Why publishing `p` was refused and what to do next: renew the certificate (the certificates
 * page, at that certificate) or choose another one (the product's form, at its certificate
 * field); for the vendor's own state, the home page that explains it.
 */
export function publishRefusal(p: VendorProduct, reason: NotSellableReason | string | undefined, lang: Locale, t: T): Refusal {
  const c = p.certificate;
  const choose: NextStep = { href: `/products/${p.id}#certificateId`, label: t('vendorProducts.next.choose') };
  const title = titleIn(p.title, lang);
  const decision = c?.decisionNo ?? '';
  switch (reason) {
    case 'certificate_expired':
      return {
        text: t('vendorProducts.refused.certificate_expired', { title, decision, date: c ? vnDay(c.expiresAt, lang) : '' }),
        steps: [...(c ? [{ href: `/certificates#cert-${c.id}`, label: t('vendorProducts.next.renew') }] : []), choose],
      };
    case 'certificate_revoked':
      return {
        text: t('vendorProducts.refused.certificate_revoked', { title, decision }),
        steps: [choose, ...(c ? [{ href: `/certificates#cert-${c.id}`, label: t('vendorProducts.next.why') }] : [])],
      };
    case 'certificate_superseded':
      return { text: t('vendorProducts.refused.certificate_superseded', { title, decision }), steps: [choose] };
    case 'certificate_not_vendors':
      return { text: t('vendorProducts.refused.certificate_not_vendors', { title }), steps: [choose] };
    case 'vendor_pending':
    case 'vendor_suspended':
      return { text: t(`vendorProducts.refused.${reason}`, { title }), steps: [{ href: '/', label: t('vendorProducts.next.vendor') }] };
    default:
      return { text: t('vendorProducts.refused.other', { title }), steps: [{ href: `/products/${p.id}`, label: t('vendorProducts.next.open') }] };
  }
}
