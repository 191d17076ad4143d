import { Events, type LibraryWiring } from '@ocop/core';
import { SYNC_CERTIFICATE_JOB, SYNC_PRODUCT_JOB, SYNC_VENDOR_JOB, SYNC_VILLAGE_JOB } from './product-indexer';

/**
 * The catalogue's events. `ListingService` registers the in-transaction handlers on module init
 * (delisting and relisting in the transaction that revokes, expires, renews, suspends or
 * approves); the index jobs follow listing changes, edits and renames after commit.
 */
export const CATALOG_WIRING: LibraryWiring = {
  lib: 'catalog',
  emits: [{ event: Events.ProductListingChanged }, { event: Events.ProductUpdated }],
  inTransaction: [
    { event: Events.CertificateRevoked, by: 'ListingService' },
    { event: Events.CertificateExpired, by: 'ListingService' },
    { event: Events.CertificateRenewed, by: 'ListingService' },
    { event: Events.VendorSuspended, by: 'ListingService' },
    { event: Events.VendorApproved, by: 'ListingService' },
  ],
  relays: [
    { event: Events.ProductListingChanged, job: SYNC_PRODUCT_JOB },
    { event: Events.ProductUpdated, job: SYNC_PRODUCT_JOB },
    { event: Events.CertificateRenewed, job: SYNC_CERTIFICATE_JOB },
    { event: Events.VendorRenamed, job: SYNC_VENDOR_JOB },
    { event: Events.VillageRenamed, job: SYNC_VILLAGE_JOB },
  ],
  jobs: [{ name: SYNC_PRODUCT_JOB }, { name: SYNC_CERTIFICATE_JOB }, { name: SYNC_VENDOR_JOB }, { name: SYNC_VILLAGE_JOB }],
};
