import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertifiedCatalog1795463255032 implements MigrationInterface {
  name = 'CertifiedCatalog1795463255032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "domain_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(100) NOT NULL, "payload" text NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "dispatchedAt" datetime(3))',
    );
    await q.query('CREATE INDEX "idx_domain_events_pending" ON "domain_events" ("dispatchedAt", "createdAt") ');
    await q.query(
      'CREATE TABLE "listing_changes" ("id" varchar(36) PRIMARY KEY NOT NULL, "productId" varchar(36) NOT NULL, "fromState" varchar(16) NOT NULL, "toState" varchar(16) NOT NULL, "reason" varchar(32) NOT NULL, "actorId" varchar(36), "actorEmail" varchar(254), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_listing_changes_created" ON "listing_changes" ("createdAt") ');
    await q.query('CREATE INDEX "idx_listing_changes_product" ON "listing_changes" ("productId", "createdAt") ');
    await q.query(
      'CREATE TABLE "products" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(200) NOT NULL, "vendorId" varchar(36) NOT NULL, "certificateId" varchar(36) NOT NULL, "villageId" varchar(36) NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "productGroup" varchar(16) NOT NULL, "priceVnd" integer NOT NULL, "stock" integer NOT NULL, "weightGrams" integer, "gtin" varchar(14), "exportEligible" boolean NOT NULL DEFAULT (0), "images" text NOT NULL, "traceability" text NOT NULL, "state" varchar(16) NOT NULL, "delistReason" varchar(32), "traceCode" varchar(16) NOT NULL, "scanCount" integer NOT NULL DEFAULT (0), "unitsSold" integer NOT NULL DEFAULT (0), "listedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_products_slug" ON "products" ("slug") ');
    await q.query('CREATE INDEX "idx_products_village" ON "products" ("villageId") ');
    await q.query('CREATE UNIQUE INDEX "uq_products_trace_code" ON "products" ("traceCode") ');
    await q.query('CREATE INDEX "idx_products_vendor" ON "products" ("vendorId", "createdAt") ');
    await q.query('CREATE INDEX "idx_products_certificate" ON "products" ("certificateId", "state") ');
    await q.query('CREATE INDEX "idx_products_listing" ON "products" ("state", "listedAt") ');
    await q.query(
      'CREATE TABLE "certificates" ("id" varchar(36) PRIMARY KEY NOT NULL, "decisionNo" varchar(100) NOT NULL, "certificateNo" varchar(100), "decisionDate" varchar(10) NOT NULL, "issuingBody" varchar(200) NOT NULL, "level" varchar(16) NOT NULL, "vendorId" varchar(36) NOT NULL, "productName" varchar(200) NOT NULL, "productGroup" varchar(16) NOT NULL, "stars" integer NOT NULL, "score" double, "expiresAt" datetime(3) NOT NULL, "status" varchar(16) NOT NULL, "revokedAt" datetime(3), "revokeReason" varchar(500), "revokedByDecisionNo" varchar(100), "supersedesId" varchar(36), "supersededById" varchar(36), "expiryProcessedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_certificates_vendor" ON "certificates" ("vendorId") ');
    await q.query('CREATE INDEX "idx_certificates_expiry" ON "certificates" ("status", "expiresAt") ');
    await q.query('CREATE UNIQUE INDEX "uq_certificates_decision_product" ON "certificates" ("decisionNo", "productName") ');
    await q.query(
      'CREATE TABLE "inspections" ("id" varchar(36) PRIMARY KEY NOT NULL, "certificateId" varchar(36) NOT NULL, "inspectedOn" varchar(10) NOT NULL, "body" varchar(200) NOT NULL, "result" varchar(8) NOT NULL, "notes" text, "recordedBy" varchar(36), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_inspections_certificate" ON "inspections" ("certificateId") ');
    await q.query(
      'CREATE TABLE "vendors" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(150) NOT NULL, "type" varchar(16) NOT NULL, "villageId" varchar(36) NOT NULL, "taxCode" varchar(20), "address" varchar(300), "status" varchar(16) NOT NULL, "statusReason" varchar(500), "commissionBps" integer NOT NULL DEFAULT (1000), "contactEmail" varchar(254), "approvedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_vendors_slug" ON "vendors" ("slug") ');
    await q.query('CREATE INDEX "idx_vendors_village" ON "vendors" ("villageId") ');
    await q.query('CREATE INDEX "idx_vendors_status" ON "vendors" ("status", "createdAt") ');
    await q.query(
      'CREATE TABLE "villages" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(140) NOT NULL, "name" varchar(120) NOT NULL, "province" varchar(80) NOT NULL, "craft" varchar(120) NOT NULL, "story" text NOT NULL, "networks" text NOT NULL, "photos" text NOT NULL, "latitude" double, "longitude" double, "featured" boolean NOT NULL DEFAULT (0), "featuredRank" integer, "featuredFrom" datetime(3), "featuredUntil" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_villages_slug" ON "villages" ("slug") ');
    await q.query('CREATE INDEX "idx_villages_featured" ON "villages" ("featured", "featuredRank") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_villages_featured"');
    await q.query('DROP INDEX "uq_villages_slug"');
    await q.query('DROP TABLE "villages"');
    await q.query('DROP INDEX "idx_vendors_status"');
    await q.query('DROP INDEX "idx_vendors_village"');
    await q.query('DROP INDEX "uq_vendors_slug"');
    await q.query('DROP TABLE "vendors"');
    await q.query('DROP INDEX "idx_inspections_certificate"');
    await q.query('DROP TABLE "inspections"');
    await q.query('DROP INDEX "uq_certificates_decision_product"');
    await q.query('DROP INDEX "idx_certificates_expiry"');
    await q.query('DROP INDEX "idx_certificates_vendor"');
    await q.query('DROP TABLE "certificates"');
    await q.query('DROP INDEX "idx_products_listing"');
    await q.query('DROP INDEX "idx_products_certificate"');
    await q.query('DROP INDEX "idx_products_vendor"');
    await q.query('DROP INDEX "uq_products_trace_code"');
    await q.query('DROP INDEX "idx_products_village"');
    await q.query('DROP INDEX "uq_products_slug"');
    await q.query('DROP TABLE "products"');
    await q.query('DROP INDEX "idx_listing_changes_product"');
    await q.query('DROP INDEX "idx_listing_changes_created"');
    await q.query('DROP TABLE "listing_changes"');
    await q.query('DROP INDEX "idx_domain_events_pending"');
    await q.query('DROP TABLE "domain_events"');
  }
}
