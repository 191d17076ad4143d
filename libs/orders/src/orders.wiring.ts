import type { LibraryWiring } from '@ocop/core';

/** The orders library's events and jobs (see LibraryWiring). */
export const ORDERS_WIRING: LibraryWiring = {
  lib: 'orders',
  emits: [],
  inTransaction: [],
  relays: [],
  jobs: [],
};
