import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796080682326 implements MigrationInterface {
  name = 'Orders1796080682326';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "cart_items" ("id" varchar(36) PRIMARY KEY NOT NULL, "cartKey" varchar(80) NOT NULL, "productId" varchar(36) NOT NULL, "quantity" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_cart_items_product" ON "cart_items" ("productId") ');
    await q.query('CREATE UNIQUE INDEX "uq_cart_items_line" ON "cart_items" ("cartKey", "productId") ');
    await q.query(
      'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "userId" varchar(36) NOT NULL, "status" varchar(24) NOT NULL, "paymentMethod" varchar(16) NOT NULL, "itemsVnd" integer NOT NULL, "shippingVnd" integer NOT NULL, "totalVnd" integer NOT NULL, "refundedVnd" integer NOT NULL DEFAULT (0), "shippingAddress" text NOT NULL, "shippingZone" varchar(16) NOT NULL, "locale" varchar(2) NOT NULL, "expiresAt" datetime(3) NOT NULL, "paidAt" datetime(3), "cancelledAt" datetime(3), "cancelReason" varchar(32), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_orders_reference" ON "orders" ("reference") ');
    await q.query('CREATE INDEX "idx_orders_status_expiry" ON "orders" ("status", "expiresAt") ');
    await q.query('CREATE INDEX "idx_orders_user" ON "orders" ("userId", "createdAt") ');
    await q.query(
      'CREATE TABLE "order_lines" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "subOrderId" varchar(36) NOT NULL, "productId" varchar(36) NOT NULL, "productSlug" varchar(200) NOT NULL, "title" text NOT NULL, "unitPriceVnd" integer NOT NULL, "quantity" integer NOT NULL, "lineVnd" integer NOT NULL, "weightGrams" integer NOT NULL, "certificateId" varchar(36) NOT NULL, "decisionNo" varchar(60) NOT NULL, "certificateNo" varchar(60), "stars" integer NOT NULL)',
    );
    await q.query('CREATE INDEX "idx_order_lines_certificate" ON "order_lines" ("certificateId") ');
    await q.query('CREATE INDEX "idx_order_lines_product" ON "order_lines" ("productId") ');
    await q.query('CREATE INDEX "idx_order_lines_sub_order" ON "order_lines" ("subOrderId") ');
    await q.query(
      'CREATE TABLE "sub_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "reference" varchar(24) NOT NULL, "vendorId" varchar(36) NOT NULL, "status" varchar(24) NOT NULL, "itemsVnd" integer NOT NULL, "shippingVnd" integer NOT NULL, "totalVnd" integer NOT NULL, "refundedVnd" integer NOT NULL DEFAULT (0), "commissionBps" integer NOT NULL, "vendorType" varchar(16) NOT NULL, "carrier" varchar(60), "trackingNumber" varchar(60), "packedAt" datetime(3), "shippedAt" datetime(3), "cancelledAt" datetime(3), "reviewFlaggedAt" datetime(3), "reviewReason" varchar(32), "reviewNote" varchar(500), "reviewedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_sub_orders_review" ON "sub_orders" ("reviewFlaggedAt") ');
    await q.query('CREATE INDEX "idx_sub_orders_order" ON "sub_orders" ("orderId") ');
    await q.query('CREATE INDEX "idx_sub_orders_vendor" ON "sub_orders" ("vendorId", "createdAt") ');
    await q.query(
      'CREATE TABLE "ledger_entries" ("id" varchar(36) PRIMARY KEY NOT NULL, "vendorId" varchar(36) NOT NULL, "orderId" varchar(36), "subOrderId" varchar(36), "kind" varchar(24) NOT NULL, "amountVnd" integer NOT NULL, "rateBps" integer, "payoutId" varchar(36), "dedupeKey" varchar(120) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_ledger_dedupe" ON "ledger_entries" ("dedupeKey") ');
    await q.query('CREATE INDEX "idx_ledger_payout" ON "ledger_entries" ("payoutId") ');
    await q.query('CREATE INDEX "idx_ledger_vendor" ON "ledger_entries" ("vendorId", "createdAt") ');
    await q.query(
      'CREATE TABLE "payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "purpose" varchar(16) NOT NULL, "subjectId" varchar(36) NOT NULL, "provider" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "amountVnd" integer NOT NULL, "refundedVnd" integer NOT NULL DEFAULT (0), "reference" varchar(25) NOT NULL, "providerRef" varchar(255), "succeededAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_payments_reference" ON "payments" ("reference") ');
    await q.query('CREATE UNIQUE INDEX "uq_payments_provider_ref" ON "payments" ("provider", "providerRef") ');
    await q.query('CREATE INDEX "idx_payments_subject" ON "payments" ("purpose", "subjectId") ');
    await q.query(
      'CREATE TABLE "payment_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "provider" varchar(16) NOT NULL, "eventId" varchar(255) NOT NULL, "type" varchar(64) NOT NULL, "paymentId" varchar(36), "outcome" varchar(16) NOT NULL, "reason" varchar(64), "amountVnd" integer, "reference" varchar(100), "receivedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_payment_events_outcome" ON "payment_events" ("outcome", "receivedAt") ');
    await q.query('CREATE UNIQUE INDEX "uq_payment_events_id" ON "payment_events" ("provider", "eventId") ');
    await q.query(
      'CREATE TABLE "payouts" ("id" varchar(36) PRIMARY KEY NOT NULL, "vendorId" varchar(36) NOT NULL, "periodStart" varchar(10) NOT NULL, "periodEnd" varchar(10) NOT NULL, "amountVnd" integer NOT NULL, "status" varchar(8) NOT NULL, "bankReference" varchar(100), "paidAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_payouts_period" ON "payouts" ("vendorId", "periodStart", "periodEnd") ');
    await q.query(
      'CREATE TABLE "refunds" ("id" varchar(36) PRIMARY KEY NOT NULL, "paymentId" varchar(36) NOT NULL, "orderId" varchar(36) NOT NULL, "subOrderId" varchar(36), "amountVnd" integer NOT NULL, "status" varchar(16) NOT NULL, "reason" varchar(48) NOT NULL, "providerRef" varchar(255), "actorId" varchar(36), "completedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_refunds_payment" ON "refunds" ("paymentId") ');
    await q.query('DROP INDEX "idx_vendors_status"');
    await q.query('DROP INDEX "idx_vendors_village"');
    await q.query('DROP INDEX "uq_vendors_slug"');
    await q.query(
      'CREATE TABLE "temporary_vendors" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(150) NOT NULL, "type" varchar(16) NOT NULL, "villageId" varchar(36) NOT NULL, "taxCode" varchar(20), "address" varchar(300), "status" varchar(16) NOT NULL, "statusReason" varchar(500), "commissionBps" integer NOT NULL DEFAULT (800), "contactEmail" varchar(254), "approvedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query(
      'INSERT INTO "temporary_vendors"("id", "slug", "name", "type", "villageId", "taxCode", "address", "status", "statusReason", "commissionBps", "contactEmail", "approvedAt", "createdAt", "updatedAt") SELECT "id", "slug", "name", "type", "villageId", "taxCode", "address", "status", "statusReason", "commissionBps", "contactEmail", "approvedAt", "createdAt", "updatedAt" FROM "vendors"',
    );
    await q.query('DROP TABLE "vendors"');
    await q.query('ALTER TABLE "temporary_vendors" RENAME TO "vendors"');
    await q.query('CREATE INDEX "idx_vendors_status" ON "vendors" ("status", "createdAt") ');
    await q.query('CREATE INDEX "idx_vendors_village" ON "vendors" ("villageId") ');
    await q.query('CREATE UNIQUE INDEX "uq_vendors_slug" ON "vendors" ("slug") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "uq_vendors_slug"');
    await q.query('DROP INDEX "idx_vendors_village"');
    await q.query('DROP INDEX "idx_vendors_status"');
    await q.query('ALTER TABLE "vendors" RENAME TO "temporary_vendors"');
    await q.query(
      'CREATE TABLE "vendors" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(160) NOT NULL, "name" varchar(150) NOT NULL, "type" varchar(16) NOT NULL, "villageId" varchar(36) NOT NULL, "taxCode" varchar(20), "address" varchar(300), "status" varchar(16) NOT NULL, "statusReason" varchar(500), "commissionBps" integer NOT NULL DEFAULT (1000), "contactEmail" varchar(254), "approvedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query(
      'INSERT INTO "vendors"("id", "slug", "name", "type", "villageId", "taxCode", "address", "status", "statusReason", "commissionBps", "contactEmail", "approvedAt", "createdAt", "updatedAt") SELECT "id", "slug", "name", "type", "villageId", "taxCode", "address", "status", "statusReason", "commissionBps", "contactEmail", "approvedAt", "createdAt", "updatedAt" FROM "temporary_vendors"',
    );
    await q.query('DROP TABLE "temporary_vendors"');
    await q.query('CREATE UNIQUE INDEX "uq_vendors_slug" ON "vendors" ("slug") ');
    await q.query('CREATE INDEX "idx_vendors_village" ON "vendors" ("villageId") ');
    await q.query('CREATE INDEX "idx_vendors_status" ON "vendors" ("status", "createdAt") ');
    await q.query('DROP INDEX "idx_refunds_payment"');
    await q.query('DROP TABLE "refunds"');
    await q.query('DROP INDEX "uq_payouts_period"');
    await q.query('DROP TABLE "payouts"');
    await q.query('DROP INDEX "uq_payment_events_id"');
    await q.query('DROP INDEX "idx_payment_events_outcome"');
    await q.query('DROP TABLE "payment_events"');
    await q.query('DROP INDEX "idx_payments_subject"');
    await q.query('DROP INDEX "uq_payments_provider_ref"');
    await q.query('DROP INDEX "idx_payments_reference"');
    await q.query('DROP TABLE "payments"');
    await q.query('DROP INDEX "idx_ledger_vendor"');
    await q.query('DROP INDEX "idx_ledger_payout"');
    await q.query('DROP INDEX "uq_ledger_dedupe"');
    await q.query('DROP TABLE "ledger_entries"');
    await q.query('DROP INDEX "idx_sub_orders_vendor"');
    await q.query('DROP INDEX "idx_sub_orders_order"');
    await q.query('DROP INDEX "idx_sub_orders_review"');
    await q.query('DROP TABLE "sub_orders"');
    await q.query('DROP INDEX "idx_order_lines_sub_order"');
    await q.query('DROP INDEX "idx_order_lines_product"');
    await q.query('DROP INDEX "idx_order_lines_certificate"');
    await q.query('DROP TABLE "order_lines"');
    await q.query('DROP INDEX "idx_orders_user"');
    await q.query('DROP INDEX "idx_orders_status_expiry"');
    await q.query('DROP INDEX "uq_orders_reference"');
    await q.query('DROP TABLE "orders"');
    await q.query('DROP INDEX "uq_cart_items_line"');
    await q.query('DROP INDEX "idx_cart_items_product"');
    await q.query('DROP TABLE "cart_items"');
  }
}
