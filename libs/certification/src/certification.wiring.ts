import { Events, type LibraryWiring } from '@ocop/core';
import { EXPIRE_CERTIFICATE_JOB, NOTIFY_VENDOR_DELISTED_JOB, SCHEDULE_UPCOMING_EXPIRIES_JOB, SEND_EXPIRY_REMINDERS_JOB, SWEEP_EXPIRED_JOB } from './certification.job-names';

const HOURLY = 60 * 60_000;

/**
 * The certificate registry's events. A revocation must take the products down in its own
 * transaction (the catalogue's handler), so a process that cannot do that refuses to start.
 */
export const CERTIFICATION_WIRING: LibraryWiring = {
  lib: 'certification',
  emits: [{ event: Events.CertificateRevoked, critical: true }, { event: Events.CertificateExpired }, { event: Events.CertificateRenewed }],
  inTransaction: [],
  relays: [
    { event: Events.CertificateRevoked, job: NOTIFY_VENDOR_DELISTED_JOB },
    { event: Events.CertificateExpired, job: NOTIFY_VENDOR_DELISTED_JOB },
  ],
  jobs: [
    { name: EXPIRE_CERTIFICATE_JOB },
    { name: SWEEP_EXPIRED_JOB, everyMs: 60_000 },
    { name: SEND_EXPIRY_REMINDERS_JOB, everyMs: HOURLY },
    { name: SCHEDULE_UPCOMING_EXPIRIES_JOB, everyMs: HOURLY },
    { name: NOTIFY_VENDOR_DELISTED_JOB },
  ],
};
