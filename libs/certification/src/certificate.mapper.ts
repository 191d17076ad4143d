import type { Certificate } from './certificate.entity';
import type { Inspection } from './inspection.entity';
import { daysUntil, effectiveStatus, lastValidDay, type EffectiveStatus } from './certificate.rules';

/** The vendor a certificate belongs to, as shown beside it. */
export interface VendorRef {
  id: string;
  name: string;
  slug: string;
}

/**
 * A certificate as every caller sees it: `status` is the derived one (active | revoked | expired |
 * superseded), with the last valid day in Vietnam and the whole days left.
 */
export type CertificateView = Omit<Certificate, 'status'> & {
  status: EffectiveStatus;
  /** The last calendar day (Vietnam time) on which it is valid: the day before `expiresAt`. */
  validThrough: string;
  /** Whole days until `expiresAt` (0 once past); meaningful while `active`. */
  daysUntilExpiry: number;
  vendor?: VendorRef | null;
};

/** Maps a stored certificate to what the API and pages show, deriving `status` at `now`. */
export function toCertificateView(c: Certificate, now: Date, vendor?: VendorRef | null): CertificateView {
  const view: CertificateView = { ...c, status: effectiveStatus(c, now), validThrough: lastValidDay(c.expiresAt), daysUntilExpiry: daysUntil(c.expiresAt, now) };
  if (vendor !== undefined) view.vendor = vendor;
  return view;
}

/** An inspection with the certificate it was made under. */
export type InspectionView = Inspection & {
  certificate: { id: string; decisionNo: string; productName: string; vendorId: string; stars: number; status: EffectiveStatus } | null;
};

export function toInspectionView(i: Inspection, c: Certificate | undefined, now: Date): InspectionView {
  return {
    ...i,
    certificate: c ? { id: c.id, decisionNo: c.decisionNo, productName: c.productName, vendorId: c.vendorId, stars: c.stars, status: effectiveStatus(c, now) } : null,
  };
}
