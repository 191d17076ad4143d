import { Events, type LibraryWiring } from '@ocop/core';

/** The villages' events: a rename is followed by the catalogue's index after commit. */
export const VILLAGES_WIRING: LibraryWiring = {
  lib: 'villages',
  emits: [{ event: Events.VillageRenamed }],
  inTransaction: [],
  relays: [],
  jobs: [],
};
