import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795461854316 implements MigrationInterface {
  name = 'Initial1795461854316';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "sessions" ("id" varchar(64) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "expiresAt" datetime(3) NOT NULL)',
    );
    await q.query('CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") ');
    await q.query('CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt") ');
    await q.query(
      'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "passwordHash" varchar(255) NOT NULL, "roles" varchar(100) NOT NULL, "vendorId" varchar(36), "vendorRole" varchar(16), "locale" varchar(5) NOT NULL DEFAULT (\'vi\'), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") ');
    await q.query('CREATE INDEX "idx_users_vendor" ON "users" ("vendorId") ');
    await q.query(
      'CREATE TABLE "mail_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "to" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "template" varchar(100) NOT NULL, "locale" varchar(5) NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "dedupeKey" varchar(191), "processedBy" varchar(100), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "processedAt" datetime(3))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_mail_dedupe_key" ON "mail_messages" ("dedupeKey") ');
    await q.query('CREATE INDEX "idx_mail_created" ON "mail_messages" ("createdAt") ');
    await q.query(
      'CREATE TABLE "jobs" ("id" varchar(191) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "payload" text NOT NULL, "state" varchar(16) NOT NULL, "runAt" datetime(3) NOT NULL, "attemptsMade" integer NOT NULL DEFAULT (0), "maxAttempts" integer NOT NULL DEFAULT (5), "backoffMs" integer NOT NULL DEFAULT (1000), "lastError" text, "repeatKey" varchar(191), "repeatEveryMs" integer, "lockedBy" varchar(100), "lockedAt" datetime(3), "finishedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_jobs_repeat_key" ON "jobs" ("repeatKey") ');
    await q.query('CREATE INDEX "idx_jobs_due" ON "jobs" ("state", "runAt") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_jobs_due"');
    await q.query('DROP INDEX "uq_jobs_repeat_key"');
    await q.query('DROP TABLE "jobs"');
    await q.query('DROP INDEX "idx_mail_created"');
    await q.query('DROP INDEX "uq_mail_dedupe_key"');
    await q.query('DROP TABLE "mail_messages"');
    await q.query('DROP INDEX "idx_users_vendor"');
    await q.query('DROP INDEX "uq_users_email"');
    await q.query('DROP TABLE "users"');
    await q.query('DROP INDEX "idx_sessions_expires"');
    await q.query('DROP INDEX "idx_sessions_user"');
    await q.query('DROP TABLE "sessions"');
  }
}
