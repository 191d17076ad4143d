/** Delayed job at a certificate's `expiresAt` (jobId `expire:<id>`). */
export const EXPIRE_CERTIFICATE_JOB = 'certification.expire-certificate';
/** Repeatable safety net (every minute and at start-up) for expiries whose delayed job was lost. */
export const SWEEP_EXPIRED_JOB = 'certification.sweep-expired';
/** Repeatable (hourly and at start-up): reminders 90, 30 and 7 days before expiry. */
export const SEND_EXPIRY_REMINDERS_JOB = 'certification.send-expiry-reminders';
/** Subscribed to `CertificateRevoked` and `CertificateExpired`: tells the vendor's members. */
export const NOTIFY_VENDOR_DELISTED_JOB = 'certification.notify-vendor-delisted';
/** Repeatable (hourly and at start-up): schedules the delayed expiry jobs of the next day's expiries. */
export const SCHEDULE_UPCOMING_EXPIRIES_JOB = 'certification.schedule-upcoming-expiries';
