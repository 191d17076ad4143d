import type { JobQueue } from '@ocop/jobs';
import type { CertificateExpiryService, DelistedNotice } from './certificate-expiry.service';
import { EXPIRE_CERTIFICATE_JOB, NOTIFY_VENDOR_DELISTED_JOB, SCHEDULE_UPCOMING_EXPIRIES_JOB, SEND_EXPIRY_REMINDERS_JOB, SWEEP_EXPIRED_JOB } from './certification.job-names';
import type { CertificateProducts } from './certificate-products.port';

export { EXPIRE_CERTIFICATE_JOB, NOTIFY_VENDOR_DELISTED_JOB, SCHEDULE_UPCOMING_EXPIRIES_JOB, SEND_EXPIRY_REMINDERS_JOB, SWEEP_EXPIRED_JOB };

export const SWEEP_EXPIRED_EVERY_MS = 60_000;
export const SEND_EXPIRY_REMINDERS_EVERY_MS = 60 * 60_000;

/**
 * Registers the certification jobs in the process that runs jobs (the worker), before it starts
 * processing: the delayed expiry job, the expiry sweep (every minute), the reminders (hourly),
 * both also once at start-up, and the delisting notice (the relay subscriptions that feed it are
 * declared in certification.wiring.ts). `products` lets the notice say how many products were
 * taken down; without it the number is left out.
 */
export async function registerCertificationJobs(jobs: JobQueue, expiry: CertificateExpiryService, products: CertificateProducts | null = null): Promise<void> {
  jobs.register<{ certificateId: string }>(EXPIRE_CERTIFICATE_JOB, async () => {
    await expiry.expireDue();
  });
  jobs.register(SWEEP_EXPIRED_JOB, async () => {
    await expiry.expireDue();
  });
  jobs.register(SCHEDULE_UPCOMING_EXPIRIES_JOB, async () => {
    await expiry.scheduleUpcoming();
  });
  jobs.register(SEND_EXPIRY_REMINDERS_JOB, async () => {
    await expiry.sendExpiryReminders();
  });
  jobs.register<DelistedNotice>(NOTIFY_VENDOR_DELISTED_JOB, async (job) => {
    await expiry.notifyDelisted(job.payload, products);
  });
  await jobs.addRepeatable(SWEEP_EXPIRED_JOB, {}, { everyMs: SWEEP_EXPIRED_EVERY_MS });
  await jobs.addRepeatable(SEND_EXPIRY_REMINDERS_JOB, {}, { everyMs: SEND_EXPIRY_REMINDERS_EVERY_MS });
  await jobs.addRepeatable(SCHEDULE_UPCOMING_EXPIRIES_JOB, {}, { everyMs: SEND_EXPIRY_REMINDERS_EVERY_MS });
  await jobs.add(SCHEDULE_UPCOMING_EXPIRIES_JOB, {}, { jobId: `${SCHEDULE_UPCOMING_EXPIRIES_JOB}:start` });
  // Expiries and reminders that fell due while no worker ran are handled now, not a period later.
  await jobs.add(SWEEP_EXPIRED_JOB, {}, { jobId: `${SWEEP_EXPIRED_JOB}:start` });
  await jobs.add(SEND_EXPIRY_REMINDERS_JOB, {}, { jobId: `${SEND_EXPIRY_REMINDERS_JOB}:start` });
}
