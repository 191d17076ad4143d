import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertifiedCatalog1795463255032 implements MigrationInterface {
  name = 'CertifiedCatalog1795463255032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `domain_events` (`id` varchar(36) NOT NULL, `type` varchar(100) NOT NULL, `payload` text NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `dispatchedAt` datetime(3) NULL, INDEX `idx_domain_events_pending` (`dispatchedAt`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `listing_changes` (`id` varchar(36) NOT NULL, `productId` varchar(36) NOT NULL, `fromState` varchar(16) NOT NULL, `toState` varchar(16) NOT NULL, `reason` varchar(32) NOT NULL, `actorId` varchar(36) NULL, `actorEmail` varchar(254) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_listing_changes_created` (`createdAt`), INDEX `idx_listing_changes_product` (`productId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `products` (`id` varchar(36) NOT NULL, `slug` varchar(200) NOT NULL, `vendorId` varchar(36) NOT NULL, `certificateId` varchar(36) NOT NULL, `villageId` varchar(36) NOT NULL, `title` text NOT NULL, `description` text NOT NULL, `productGroup` varchar(16) NOT NULL, `priceVnd` int NOT NULL, `stock` int NOT NULL, `weightGrams` int NULL, `gtin` varchar(14) NULL, `exportEligible` tinyint NOT NULL DEFAULT 0, `images` text NOT NULL, `traceability` text NOT NULL, `state` varchar(16) NOT NULL, `delistReason` varchar(32) NULL, `traceCode` varchar(16) NOT NULL, `scanCount` int NOT NULL DEFAULT '0', `unitsSold` int NOT NULL DEFAULT '0', `listedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_products_slug` (`slug`), INDEX `idx_products_village` (`villageId`), UNIQUE INDEX `uq_products_trace_code` (`traceCode`), INDEX `idx_products_vendor` (`vendorId`, `createdAt`), INDEX `idx_products_certificate` (`certificateId`, `state`), INDEX `idx_products_listing` (`state`, `listedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `certificates` (`id` varchar(36) NOT NULL, `decisionNo` varchar(100) NOT NULL, `certificateNo` varchar(100) NULL, `decisionDate` varchar(10) NOT NULL, `issuingBody` varchar(200) NOT NULL, `level` varchar(16) NOT NULL, `vendorId` varchar(36) NOT NULL, `productName` varchar(200) NOT NULL, `productGroup` varchar(16) NOT NULL, `stars` int NOT NULL, `score` double NULL, `expiresAt` datetime(3) NOT NULL, `status` varchar(16) NOT NULL, `revokedAt` datetime(3) NULL, `revokeReason` varchar(500) NULL, `revokedByDecisionNo` varchar(100) NULL, `supersedesId` varchar(36) NULL, `supersededById` varchar(36) NULL, `expiryProcessedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_certificates_vendor` (`vendorId`), INDEX `idx_certificates_expiry` (`status`, `expiresAt`), UNIQUE INDEX `uq_certificates_decision_product` (`decisionNo`, `productName`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `inspections` (`id` varchar(36) NOT NULL, `certificateId` varchar(36) NOT NULL, `inspectedOn` varchar(10) NOT NULL, `body` varchar(200) NOT NULL, `result` varchar(8) NOT NULL, `notes` text NULL, `recordedBy` varchar(36) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_inspections_certificate` (`certificateId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `vendors` (`id` varchar(36) NOT NULL, `slug` varchar(160) NOT NULL, `name` varchar(150) NOT NULL, `type` varchar(16) NOT NULL, `villageId` varchar(36) NOT NULL, `taxCode` varchar(20) NULL, `address` varchar(300) NULL, `status` varchar(16) NOT NULL, `statusReason` varchar(500) NULL, `commissionBps` int NOT NULL DEFAULT '1000', `contactEmail` varchar(254) NULL, `approvedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_vendors_slug` (`slug`), INDEX `idx_vendors_village` (`villageId`), INDEX `idx_vendors_status` (`status`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `villages` (`id` varchar(36) NOT NULL, `slug` varchar(140) NOT NULL, `name` varchar(120) NOT NULL, `province` varchar(80) NOT NULL, `craft` varchar(120) NOT NULL, `story` text NOT NULL, `networks` text NOT NULL, `photos` text NOT NULL, `latitude` double NULL, `longitude` double NULL, `featured` tinyint NOT NULL DEFAULT 0, `featuredRank` int NULL, `featuredFrom` datetime(3) NULL, `featuredUntil` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_villages_slug` (`slug`), INDEX `idx_villages_featured` (`featured`, `featuredRank`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `idx_villages_featured` ON `villages`');
    await q.query('DROP INDEX `uq_villages_slug` ON `villages`');
    await q.query('DROP TABLE `villages`');
    await q.query('DROP INDEX `idx_vendors_status` ON `vendors`');
    await q.query('DROP INDEX `idx_vendors_village` ON `vendors`');
    await q.query('DROP INDEX `uq_vendors_slug` ON `vendors`');
    await q.query('DROP TABLE `vendors`');
    await q.query('DROP INDEX `idx_inspections_certificate` ON `inspections`');
    await q.query('DROP TABLE `inspections`');
    await q.query('DROP INDEX `uq_certificates_decision_product` ON `certificates`');
    await q.query('DROP INDEX `idx_certificates_expiry` ON `certificates`');
    await q.query('DROP INDEX `idx_certificates_vendor` ON `certificates`');
    await q.query('DROP TABLE `certificates`');
    await q.query('DROP INDEX `idx_products_listing` ON `products`');
    await q.query('DROP INDEX `idx_products_certificate` ON `products`');
    await q.query('DROP INDEX `idx_products_vendor` ON `products`');
    await q.query('DROP INDEX `uq_products_trace_code` ON `products`');
    await q.query('DROP INDEX `idx_products_village` ON `products`');
    await q.query('DROP INDEX `uq_products_slug` ON `products`');
    await q.query('DROP TABLE `products`');
    await q.query('DROP INDEX `idx_listing_changes_product` ON `listing_changes`');
    await q.query('DROP INDEX `idx_listing_changes_created` ON `listing_changes`');
    await q.query('DROP TABLE `listing_changes`');
    await q.query('DROP INDEX `idx_domain_events_pending` ON `domain_events`');
    await q.query('DROP TABLE `domain_events`');
  }
}
