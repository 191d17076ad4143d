import {
  Events,
  handledInTransaction,
  runsJob,
  type CertificateExpiredEvent,
  type CertificateRenewedEvent,
  type CertificateRevokedEvent,
  type LibraryWiring,
  type VendorStatusEvent,
} from '@ocop/core';
import { ListingService } from './listing.service';
import { ProductIndexer, SYNC_CERTIFICATE_JOB, SYNC_PRODUCT_JOB, SYNC_VENDOR_JOB, SYNC_VILLAGE_JOB } from './product-indexer';

/**
 * The catalogue's events. `ListingService` delists and relists in the transaction that revokes,
 * expires, renews, suspends or approves (the composition root registers these handlers); the
 * index jobs follow listing changes, edits and renames after commit.
 */
export const CATALOG_WIRING: LibraryWiring = {
  lib: 'catalog',
  emits: [{ event: Events.ProductListingChanged }, { event: Events.ProductUpdated }],
  inTransaction: [
    handledInTransaction<ListingService, CertificateRevokedEvent>(Events.CertificateRevoked, ListingService, (l, e, actor) =>
      l.delistWhere({ certificateId: e.certificateId }, 'certificate_revoked', actor),
    ),
    handledInTransaction<ListingService, CertificateExpiredEvent>(Events.CertificateExpired, ListingService, (l, e) => l.delistWhere({ certificateId: e.certificateId }, 'certificate_expired', null)),
    handledInTransaction<ListingService, CertificateRenewedEvent>(Events.CertificateRenewed, ListingService, (l, e, actor) => l.moveToRenewed(e, actor)),
    handledInTransaction<ListingService, VendorStatusEvent>(Events.VendorSuspended, ListingService, (l, e, actor) => l.delistWhere({ vendorId: e.vendorId }, 'vendor_suspended', actor)),
    handledInTransaction<ListingService, VendorStatusEvent>(Events.VendorApproved, ListingService, (l, e, actor) => l.relistAfterReapproval(e.vendorId, actor)),
  ],
  relays: [
    { event: Events.ProductListingChanged, job: SYNC_PRODUCT_JOB },
    { event: Events.ProductUpdated, job: SYNC_PRODUCT_JOB },
    { event: Events.CertificateRenewed, job: SYNC_CERTIFICATE_JOB },
    { event: Events.VendorRenamed, job: SYNC_VENDOR_JOB },
    { event: Events.VillageRenamed, job: SYNC_VILLAGE_JOB },
  ],
  jobs: [
    runsJob<ProductIndexer, { productId: string }>(SYNC_PRODUCT_JOB, ProductIndexer, (i, p) => i.sync([p.productId])),
    runsJob<ProductIndexer, { newCertificateId: string }>(SYNC_CERTIFICATE_JOB, ProductIndexer, (i, p) => i.syncCertificate(p.newCertificateId)),
    runsJob<ProductIndexer, { vendorId: string }>(SYNC_VENDOR_JOB, ProductIndexer, (i, p) => i.syncVendor(p.vendorId)),
    runsJob<ProductIndexer, { villageId: string }>(SYNC_VILLAGE_JOB, ProductIndexer, (i, p) => i.syncVillage(p.villageId)),
  ],
};
