import { runsJob, type LibraryWiring } from '@ocop/core';
import { EventRelay, RELAY_EVENTS_JOB } from './event-relay';

/** The outbox relay runs right after each commit; this schedule catches what a crash left behind. */
export const JOBS_WIRING: LibraryWiring = {
  lib: 'jobs',
  emits: [],
  inTransaction: [],
  relays: [],
  jobs: [
    runsJob<EventRelay>(
      RELAY_EVENTS_JOB,
      EventRelay,
      async (relay) => {
        await relay.relay();
        await relay.prune();
      },
      { everyMs: 5_000 },
    ),
  ],
};
