import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityHardening1796070308984 implements MigrationInterface {
  name = 'SecurityHardening1796070308984';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "password_resets" ("id" varchar(64) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3))',
    );
    await q.query('CREATE INDEX "idx_password_resets_user" ON "password_resets" ("userId") ');
    await q.query(
      'CREATE TABLE "trace_scans" ("productId" varchar(36) NOT NULL, "period" varchar(10) NOT NULL, "scannerHash" varchar(64) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), PRIMARY KEY ("productId", "period", "scannerHash"))',
    );
    await q.query(
      'CREATE TABLE "vendor_invitations" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "vendorId" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "invitedBy" varchar(36) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "expiresAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "acceptedBy" varchar(36))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_vendor_invitations_token" ON "vendor_invitations" ("tokenHash") ');
    await q.query('CREATE INDEX "idx_vendor_invitations_vendor" ON "vendor_invitations" ("vendorId", "createdAt") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_vendor_invitations_vendor"');
    await q.query('DROP INDEX "uq_vendor_invitations_token"');
    await q.query('DROP TABLE "vendor_invitations"');
    await q.query('DROP TABLE "trace_scans"');
    await q.query('DROP INDEX "idx_password_resets_user"');
    await q.query('DROP TABLE "password_resets"');
  }
}
