/**
 * The listing gate: the one definition of "sellable". A product is sellable iff, now,
 * (1) its certificate is active and not yet expired, (2) the certificate belongs to the product's
 * vendor, (3) the vendor is approved, and (4) the product is listed. Pure: no Nest, no I/O.
 */
export type NotSellableReason =
  'certificate_revoked' | 'certificate_superseded' | 'certificate_expired' | 'certificate_not_vendors' | 'vendor_pending' | 'vendor_suspended' | 'not_published' | 'delisted';

export interface GateProduct {
  vendorId: string;
  state: string;
}
export interface GateCertificate {
  vendorId: string;
  status: string;
  expiresAt: Date;
}
export interface GateVendor {
  status: string;
}

/** Why a product under this certificate and vendor may not be offered, ignoring its own state; null when it may. */
export function publishBlocker(productVendorId: string, c: GateCertificate, v: GateVendor, now: Date): NotSellableReason | null {
  if (c.vendorId !== productVendorId) return 'certificate_not_vendors';
  if (c.status === 'revoked') return 'certificate_revoked';
  if (c.status === 'superseded') return 'certificate_superseded';
  if (c.status !== 'active' || now.getTime() >= c.expiresAt.getTime()) return 'certificate_expired';
  if (v.status === 'suspended') return 'vendor_suspended';
  if (v.status !== 'approved') return 'vendor_pending';
  return null;
}

/** Whether the product is sellable now, and if not, the first reason. */
export function sellability(p: GateProduct, c: GateCertificate, v: GateVendor, now: Date): { sellable: true } | { sellable: false; reason: NotSellableReason } {
  const blocker = publishBlocker(p.vendorId, c, v, now);
  if (blocker) return { sellable: false, reason: blocker };
  if (p.state === 'draft') return { sellable: false, reason: 'not_published' };
  if (p.state !== 'listed') return { sellable: false, reason: 'delisted' };
  return { sellable: true };
}

/**
 * The same rule as a SQL condition over `products p JOIN certificates c ON c.id = p.certificateId
 * JOIN vendors v ON v.id = p.vendorId`, with the parameter `:now`. Every storefront query uses it
 * or, for rows fetched by id, `sellability`, so a product whose certificate lapsed a moment ago
 * is hidden even before any job has run.
 */
export const SELLABLE_SQL = `p.state = 'listed' AND c.status = 'active' AND c.expiresAt > :now AND c.vendorId = p.vendorId AND v.status = 'approved'`;

/** Human words for each reason, for pages and 409 messages. */
export const REASON_TEXT: Record<NotSellableReason, string> = {
  certificate_revoked: 'its OCOP certificate was revoked',
  certificate_superseded: 'its OCOP certificate was replaced by a newer one',
  certificate_expired: 'its OCOP certificate has expired',
  certificate_not_vendors: 'the certificate belongs to another vendor',
  vendor_pending: 'the vendor is not approved yet',
  vendor_suspended: 'the vendor is suspended',
  not_published: 'it has not been published',
  delisted: 'the vendor or the marketplace took it off sale',
};
