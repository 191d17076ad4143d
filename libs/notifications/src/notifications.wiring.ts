import { runsJob, type LibraryWiring } from '@ocop/core';
import { DELIVER_MAIL_JOB, Mailer, RELAY_OUTBOX_JOB } from './mailer.service';

/** The mail outbox emits and handles no domain events; it runs delivery and its safety net. */
export const NOTIFICATIONS_WIRING: LibraryWiring = {
  lib: 'notifications',
  emits: [],
  inTransaction: [],
  relays: [],
  jobs: [runsJob<Mailer, { id: string }>(DELIVER_MAIL_JOB, Mailer, (m, p) => m.deliver(p.id)), runsJob<Mailer>(RELAY_OUTBOX_JOB, Mailer, (m) => m.relay(), { everyMs: 30_000 })],
};
