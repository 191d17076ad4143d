import type { LibraryWiring } from '@ocop/core';

/** The payments library's events and jobs (see LibraryWiring). */
export const PAYMENTS_WIRING: LibraryWiring = {
  lib: 'payments',
  emits: [],
  inTransaction: [],
  relays: [],
  jobs: [],
};
