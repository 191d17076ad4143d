import { Events, runsJob, type LibraryWiring } from '@ocop/core';
import { CertificateExpiryService, type DelistedNotice } from './certificate-expiry.service';
import { CertificateProducts } from './certificate-products.port';
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
    runsJob<CertificateExpiryService>(EXPIRE_CERTIFICATE_JOB, CertificateExpiryService, (e) => e.expireDue()),
    // Expiries and reminders that fell due while no worker ran are handled at start, not a period later.
    runsJob<CertificateExpiryService>(SWEEP_EXPIRED_JOB, CertificateExpiryService, (e) => e.expireDue(), { everyMs: 60_000, atStart: true }),
    runsJob<CertificateExpiryService>(SEND_EXPIRY_REMINDERS_JOB, CertificateExpiryService, (e) => e.sendExpiryReminders(), { everyMs: HOURLY, atStart: true }),
    runsJob<CertificateExpiryService>(SCHEDULE_UPCOMING_EXPIRIES_JOB, CertificateExpiryService, (e) => e.scheduleUpcoming(), { everyMs: HOURLY, atStart: true }),
    // The notice says how many products were taken down when the catalogue is in the process.
    runsJob<CertificateExpiryService, DelistedNotice>(NOTIFY_VENDOR_DELISTED_JOB, CertificateExpiryService, (e, notice, find) => e.notifyDelisted(notice, find(CertificateProducts) ?? null)),
  ],
};
