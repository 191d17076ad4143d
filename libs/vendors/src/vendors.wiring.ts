import { Events, type LibraryWiring } from '@ocop/core';

/** The vendors' events. A suspension must take the vendor's products down in its own transaction. */
export const VENDORS_WIRING: LibraryWiring = {
  lib: 'vendors',
  emits: [{ event: Events.VendorSuspended, critical: true }, { event: Events.VendorApproved }, { event: Events.VendorRenamed }],
  inTransaction: [],
  relays: [],
  jobs: [],
};
