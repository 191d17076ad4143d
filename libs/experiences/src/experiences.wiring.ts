import type { LibraryWiring } from '@ocop/core';

/** The experiences library's events and jobs (see LibraryWiring). */
export const EXPERIENCES_WIRING: LibraryWiring = {
  lib: 'experiences',
  emits: [],
  inTransaction: [],
  relays: [],
  jobs: [],
};
