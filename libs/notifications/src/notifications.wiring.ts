import type { LibraryWiring } from '@ocop/core';
import { DELIVER_MAIL_JOB, RELAY_OUTBOX_JOB } from './mailer.service';

/** The mail outbox emits and handles no domain events; it runs delivery and its safety net. */
export const NOTIFICATIONS_WIRING: LibraryWiring = {
  lib: 'notifications',
  emits: [],
  inTransaction: [],
  relays: [],
  jobs: [{ name: DELIVER_MAIL_JOB }, { name: RELAY_OUTBOX_JOB, everyMs: 30_000 }],
};
