import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BookingsInCartAndLedger1796091420127 implements MigrationInterface {
  name = 'BookingsInCartAndLedger1796091420127';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "cart_bookings" ("id" varchar(36) PRIMARY KEY NOT NULL, "cartKey" varchar(80) NOT NULL, "slotId" varchar(36) NOT NULL, "people" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_cart_bookings_slot" ON "cart_bookings" ("slotId") ');
    await q.query('CREATE UNIQUE INDEX "uq_cart_bookings_line" ON "cart_bookings" ("cartKey", "slotId") ');
    await q.query('DROP INDEX "idx_ledger_vendor"');
    await q.query('DROP INDEX "idx_ledger_payout"');
    await q.query('DROP INDEX "uq_ledger_dedupe"');
    await q.query(
      'CREATE TABLE "temporary_ledger_entries" ("id" varchar(36) PRIMARY KEY NOT NULL, "vendorId" varchar(36) NOT NULL, "orderId" varchar(36), "subOrderId" varchar(36), "kind" varchar(24) NOT NULL, "amountVnd" integer NOT NULL, "rateBps" integer, "payoutId" varchar(36), "dedupeKey" varchar(120) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "bookingId" varchar(36))',
    );
    await q.query(
      'INSERT INTO "temporary_ledger_entries"("id", "vendorId", "orderId", "subOrderId", "kind", "amountVnd", "rateBps", "payoutId", "dedupeKey", "createdAt") SELECT "id", "vendorId", "orderId", "subOrderId", "kind", "amountVnd", "rateBps", "payoutId", "dedupeKey", "createdAt" FROM "ledger_entries"',
    );
    await q.query('DROP TABLE "ledger_entries"');
    await q.query('ALTER TABLE "temporary_ledger_entries" RENAME TO "ledger_entries"');
    await q.query('CREATE INDEX "idx_ledger_vendor" ON "ledger_entries" ("vendorId", "createdAt") ');
    await q.query('CREATE INDEX "idx_ledger_payout" ON "ledger_entries" ("payoutId") ');
    await q.query('CREATE UNIQUE INDEX "uq_ledger_dedupe" ON "ledger_entries" ("dedupeKey") ');
    await q.query('DROP INDEX "idx_refunds_payment"');
    await q.query(
      'CREATE TABLE "temporary_refunds" ("id" varchar(36) PRIMARY KEY NOT NULL, "paymentId" varchar(36) NOT NULL, "orderId" varchar(36) NOT NULL, "subOrderId" varchar(36), "amountVnd" integer NOT NULL, "status" varchar(16) NOT NULL, "reason" varchar(48) NOT NULL, "providerRef" varchar(255), "actorId" varchar(36), "completedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "bookingId" varchar(36))',
    );
    await q.query(
      'INSERT INTO "temporary_refunds"("id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt") SELECT "id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt" FROM "refunds"',
    );
    await q.query('DROP TABLE "refunds"');
    await q.query('ALTER TABLE "temporary_refunds" RENAME TO "refunds"');
    await q.query('CREATE INDEX "idx_refunds_payment" ON "refunds" ("paymentId") ');
    await q.query('DROP INDEX "idx_orders_user"');
    await q.query('DROP INDEX "idx_orders_status_expiry"');
    await q.query('DROP INDEX "uq_orders_reference"');
    await q.query(
      'CREATE TABLE "temporary_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "userId" varchar(36) NOT NULL, "status" varchar(24) NOT NULL, "paymentMethod" varchar(16) NOT NULL, "itemsVnd" integer NOT NULL, "shippingVnd" integer NOT NULL, "totalVnd" integer NOT NULL, "refundedVnd" integer NOT NULL DEFAULT (0), "shippingAddress" text NOT NULL, "shippingZone" varchar(16) NOT NULL, "locale" varchar(2) NOT NULL, "expiresAt" datetime(3) NOT NULL, "paidAt" datetime(3), "cancelledAt" datetime(3), "cancelReason" varchar(32), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "bookingsVnd" integer NOT NULL DEFAULT (0))',
    );
    await q.query(
      'INSERT INTO "temporary_orders"("id", "reference", "userId", "status", "paymentMethod", "itemsVnd", "shippingVnd", "totalVnd", "refundedVnd", "shippingAddress", "shippingZone", "locale", "expiresAt", "paidAt", "cancelledAt", "cancelReason", "createdAt", "updatedAt") SELECT "id", "reference", "userId", "status", "paymentMethod", "itemsVnd", "shippingVnd", "totalVnd", "refundedVnd", "shippingAddress", "shippingZone", "locale", "expiresAt", "paidAt", "cancelledAt", "cancelReason", "createdAt", "updatedAt" FROM "orders"',
    );
    await q.query('DROP TABLE "orders"');
    await q.query('ALTER TABLE "temporary_orders" RENAME TO "orders"');
    await q.query('CREATE INDEX "idx_orders_user" ON "orders" ("userId", "createdAt") ');
    await q.query('CREATE INDEX "idx_orders_status_expiry" ON "orders" ("status", "expiresAt") ');
    await q.query('CREATE UNIQUE INDEX "uq_orders_reference" ON "orders" ("reference") ');
    await q.query('DROP INDEX "idx_refunds_payment"');
    await q.query(
      'CREATE TABLE "temporary_refunds" ("id" varchar(36) PRIMARY KEY NOT NULL, "paymentId" varchar(36) NOT NULL, "orderId" varchar(36), "subOrderId" varchar(36), "amountVnd" integer NOT NULL, "status" varchar(16) NOT NULL, "reason" varchar(48) NOT NULL, "providerRef" varchar(255), "actorId" varchar(36), "completedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "bookingId" varchar(36))',
    );
    await q.query(
      'INSERT INTO "temporary_refunds"("id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt", "bookingId") SELECT "id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt", "bookingId" FROM "refunds"',
    );
    await q.query('DROP TABLE "refunds"');
    await q.query('ALTER TABLE "temporary_refunds" RENAME TO "refunds"');
    await q.query('CREATE INDEX "idx_refunds_payment" ON "refunds" ("paymentId") ');
    await q.query('CREATE INDEX "idx_ledger_booking" ON "ledger_entries" ("bookingId") ');
    await q.query('CREATE INDEX "idx_refunds_booking" ON "refunds" ("bookingId") ');
    // Service entries and refunds that kept a booking's id in the order columns move to the booking ones.
    await q.query('UPDATE ledger_entries SET bookingId = subOrderId, subOrderId = NULL WHERE orderId IS NULL AND subOrderId IN (SELECT id FROM bookings)');
    await q.query("UPDATE refunds SET bookingId = orderId, orderId = NULL WHERE paymentId IN (SELECT id FROM payments WHERE purpose = 'booking')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('UPDATE refunds SET orderId = bookingId WHERE orderId IS NULL AND bookingId IS NOT NULL');
    await q.query('UPDATE ledger_entries SET subOrderId = bookingId WHERE orderId IS NULL AND bookingId IS NOT NULL');
    await q.query('DROP INDEX "idx_refunds_booking"');
    await q.query('DROP INDEX "idx_ledger_booking"');
    await q.query('DROP INDEX "idx_refunds_payment"');
    await q.query('ALTER TABLE "refunds" RENAME TO "temporary_refunds"');
    await q.query(
      'CREATE TABLE "refunds" ("id" varchar(36) PRIMARY KEY NOT NULL, "paymentId" varchar(36) NOT NULL, "orderId" varchar(36) NOT NULL, "subOrderId" varchar(36), "amountVnd" integer NOT NULL, "status" varchar(16) NOT NULL, "reason" varchar(48) NOT NULL, "providerRef" varchar(255), "actorId" varchar(36), "completedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "bookingId" varchar(36))',
    );
    await q.query(
      'INSERT INTO "refunds"("id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt", "bookingId") SELECT "id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt", "bookingId" FROM "temporary_refunds"',
    );
    await q.query('DROP TABLE "temporary_refunds"');
    await q.query('CREATE INDEX "idx_refunds_payment" ON "refunds" ("paymentId") ');
    await q.query('DROP INDEX "uq_orders_reference"');
    await q.query('DROP INDEX "idx_orders_status_expiry"');
    await q.query('DROP INDEX "idx_orders_user"');
    await q.query('ALTER TABLE "orders" RENAME TO "temporary_orders"');
    await q.query(
      'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "userId" varchar(36) NOT NULL, "status" varchar(24) NOT NULL, "paymentMethod" varchar(16) NOT NULL, "itemsVnd" integer NOT NULL, "shippingVnd" integer NOT NULL, "totalVnd" integer NOT NULL, "refundedVnd" integer NOT NULL DEFAULT (0), "shippingAddress" text NOT NULL, "shippingZone" varchar(16) NOT NULL, "locale" varchar(2) NOT NULL, "expiresAt" datetime(3) NOT NULL, "paidAt" datetime(3), "cancelledAt" datetime(3), "cancelReason" varchar(32), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query(
      'INSERT INTO "orders"("id", "reference", "userId", "status", "paymentMethod", "itemsVnd", "shippingVnd", "totalVnd", "refundedVnd", "shippingAddress", "shippingZone", "locale", "expiresAt", "paidAt", "cancelledAt", "cancelReason", "createdAt", "updatedAt") SELECT "id", "reference", "userId", "status", "paymentMethod", "itemsVnd", "shippingVnd", "totalVnd", "refundedVnd", "shippingAddress", "shippingZone", "locale", "expiresAt", "paidAt", "cancelledAt", "cancelReason", "createdAt", "updatedAt" FROM "temporary_orders"',
    );
    await q.query('DROP TABLE "temporary_orders"');
    await q.query('CREATE UNIQUE INDEX "uq_orders_reference" ON "orders" ("reference") ');
    await q.query('CREATE INDEX "idx_orders_status_expiry" ON "orders" ("status", "expiresAt") ');
    await q.query('CREATE INDEX "idx_orders_user" ON "orders" ("userId", "createdAt") ');
    await q.query('DROP INDEX "idx_refunds_payment"');
    await q.query('ALTER TABLE "refunds" RENAME TO "temporary_refunds"');
    await q.query(
      'CREATE TABLE "refunds" ("id" varchar(36) PRIMARY KEY NOT NULL, "paymentId" varchar(36) NOT NULL, "orderId" varchar(36) NOT NULL, "subOrderId" varchar(36), "amountVnd" integer NOT NULL, "status" varchar(16) NOT NULL, "reason" varchar(48) NOT NULL, "providerRef" varchar(255), "actorId" varchar(36), "completedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query(
      'INSERT INTO "refunds"("id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt") SELECT "id", "paymentId", "orderId", "subOrderId", "amountVnd", "status", "reason", "providerRef", "actorId", "completedAt", "createdAt" FROM "temporary_refunds"',
    );
    await q.query('DROP TABLE "temporary_refunds"');
    await q.query('CREATE INDEX "idx_refunds_payment" ON "refunds" ("paymentId") ');
    await q.query('DROP INDEX "uq_ledger_dedupe"');
    await q.query('DROP INDEX "idx_ledger_payout"');
    await q.query('DROP INDEX "idx_ledger_vendor"');
    await q.query('ALTER TABLE "ledger_entries" RENAME TO "temporary_ledger_entries"');
    await q.query(
      'CREATE TABLE "ledger_entries" ("id" varchar(36) PRIMARY KEY NOT NULL, "vendorId" varchar(36) NOT NULL, "orderId" varchar(36), "subOrderId" varchar(36), "kind" varchar(24) NOT NULL, "amountVnd" integer NOT NULL, "rateBps" integer, "payoutId" varchar(36), "dedupeKey" varchar(120) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query(
      'INSERT INTO "ledger_entries"("id", "vendorId", "orderId", "subOrderId", "kind", "amountVnd", "rateBps", "payoutId", "dedupeKey", "createdAt") SELECT "id", "vendorId", "orderId", "subOrderId", "kind", "amountVnd", "rateBps", "payoutId", "dedupeKey", "createdAt" FROM "temporary_ledger_entries"',
    );
    await q.query('DROP TABLE "temporary_ledger_entries"');
    await q.query('CREATE UNIQUE INDEX "uq_ledger_dedupe" ON "ledger_entries" ("dedupeKey") ');
    await q.query('CREATE INDEX "idx_ledger_payout" ON "ledger_entries" ("payoutId") ');
    await q.query('CREATE INDEX "idx_ledger_vendor" ON "ledger_entries" ("vendorId", "createdAt") ');
    await q.query('DROP INDEX "uq_cart_bookings_line"');
    await q.query('DROP INDEX "idx_cart_bookings_slot"');
    await q.query('DROP TABLE "cart_bookings"');
  }
}
