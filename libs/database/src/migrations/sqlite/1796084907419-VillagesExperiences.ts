import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VillagesExperiences1796084907419 implements MigrationInterface {
  name = 'VillagesExperiences1796084907419';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "currency_rates" ("currency" varchar(3) PRIMARY KEY NOT NULL, "vndPerUnit" integer NOT NULL, "updatedBy" varchar(36), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query(
      'CREATE TABLE "stories" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(16) NOT NULL, "villageId" varchar(36) NOT NULL, "vendorId" varchar(36), "authorId" varchar(36) NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "photos" text NOT NULL, "productIds" text NOT NULL, "status" varchar(16) NOT NULL, "reviewNote" varchar(500), "publishedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_stories_slug" ON "stories" ("slug") ');
    await q.query('CREATE INDEX "idx_stories_status" ON "stories" ("status", "createdAt") ');
    await q.query('CREATE INDEX "idx_stories_village" ON "stories" ("villageId", "status", "publishedAt") ');
    await q.query(
      'CREATE TABLE "bookings" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "experienceId" varchar(36) NOT NULL, "slotId" varchar(36) NOT NULL, "vendorId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "people" integer NOT NULL, "unitPriceVnd" integer NOT NULL, "totalVnd" integer NOT NULL, "refundedVnd" integer NOT NULL DEFAULT (0), "status" varchar(24) NOT NULL, "locale" varchar(2) NOT NULL, "orderId" varchar(36), "expiresAt" datetime(3) NOT NULL, "paidAt" datetime(3), "cancelledAt" datetime(3), "cancelReason" varchar(32), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_bookings_reference" ON "bookings" ("reference") ');
    await q.query('CREATE INDEX "idx_bookings_order" ON "bookings" ("orderId") ');
    await q.query('CREATE INDEX "idx_bookings_status_expiry" ON "bookings" ("status", "expiresAt") ');
    await q.query('CREATE INDEX "idx_bookings_user" ON "bookings" ("userId", "createdAt") ');
    await q.query('CREATE INDEX "idx_bookings_slot" ON "bookings" ("slotId", "status") ');
    await q.query(
      'CREATE TABLE "experiences" ("id" varchar(36) PRIMARY KEY NOT NULL, "slug" varchar(160) NOT NULL, "vendorId" varchar(36) NOT NULL, "villageId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL DEFAULT (\'workshop\'), "title" text NOT NULL, "description" text NOT NULL, "durationMinutes" integer NOT NULL, "pricePerPersonVnd" integer NOT NULL, "languages" text NOT NULL, "meetingPoint" varchar(300) NOT NULL, "minGroupSize" integer NOT NULL DEFAULT (1), "maxGroupSize" integer NOT NULL, "freeCancellationHours" integer NOT NULL DEFAULT (48), "included" text NOT NULL, "images" text NOT NULL, "status" varchar(16) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_experiences_slug" ON "experiences" ("slug") ');
    await q.query('CREATE INDEX "idx_experiences_vendor" ON "experiences" ("vendorId", "createdAt") ');
    await q.query('CREATE INDEX "idx_experiences_village" ON "experiences" ("villageId", "status") ');
    await q.query(
      'CREATE TABLE "experience_slots" ("id" varchar(36) PRIMARY KEY NOT NULL, "experienceId" varchar(36) NOT NULL, "startsAt" datetime(3) NOT NULL, "capacity" integer NOT NULL, "seatsTaken" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "cancelledAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE INDEX "idx_slots_starts" ON "experience_slots" ("startsAt") ');
    await q.query('CREATE INDEX "idx_slots_experience" ON "experience_slots" ("experienceId", "startsAt") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_slots_experience"');
    await q.query('DROP INDEX "idx_slots_starts"');
    await q.query('DROP TABLE "experience_slots"');
    await q.query('DROP INDEX "idx_experiences_village"');
    await q.query('DROP INDEX "idx_experiences_vendor"');
    await q.query('DROP INDEX "uq_experiences_slug"');
    await q.query('DROP TABLE "experiences"');
    await q.query('DROP INDEX "idx_bookings_slot"');
    await q.query('DROP INDEX "idx_bookings_user"');
    await q.query('DROP INDEX "idx_bookings_status_expiry"');
    await q.query('DROP INDEX "idx_bookings_order"');
    await q.query('DROP INDEX "uq_bookings_reference"');
    await q.query('DROP TABLE "bookings"');
    await q.query('DROP INDEX "idx_stories_village"');
    await q.query('DROP INDEX "idx_stories_status"');
    await q.query('DROP INDEX "uq_stories_slug"');
    await q.query('DROP TABLE "stories"');
    await q.query('DROP TABLE "currency_rates"');
  }
}
