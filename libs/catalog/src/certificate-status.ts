/** A certificate's status as shoppers see it; `expired` is derived from `expiresAt`, never stored. */
export type PublicCertificateStatus = 'active' | 'revoked' | 'expired' | 'superseded';

/** The status of a certificate now: revoked and superseded as stored, active past its expiry is expired. Pure. */
export function publicCertificateStatus(c: { status: string; expiresAt: Date }, now: Date): PublicCertificateStatus {
  if (c.status === 'revoked') return 'revoked';
  if (c.status === 'superseded') return 'superseded';
  return now.getTime() >= c.expiresAt.getTime() ? 'expired' : 'active';
}
