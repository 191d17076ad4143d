import type { DelistReason } from '@ocop/core';

/** How many products one certificate carries. */
export interface CertificateProductCount {
  total: number;
  listed: number;
  /** Delisted products by the reason they were taken down. */
  delisted: Partial<Record<DelistReason, number>>;
}

/**
 * What the registry needs to know about the products under its certificates (how many there
 * are, how many a revocation or an expiry took down). Products live in the catalogue, a layer
 * above, so the catalogue binds an implementation to this token; without one the counts are
 * simply not shown.
 */
export abstract class CertificateProducts {
  /** Counts by certificate id; a certificate without products may be missing from the map. */
  abstract count(certificateIds: string[]): Promise<Map<string, CertificateProductCount>>;
}
