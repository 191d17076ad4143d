import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityHardening1796070308984 implements MigrationInterface {
  name = 'SecurityHardening1796070308984';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `password_resets` (`id` varchar(64) NOT NULL, `userId` varchar(36) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `expiresAt` datetime(3) NOT NULL, `usedAt` datetime(3) NULL, INDEX `idx_password_resets_user` (`userId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `trace_scans` (`productId` varchar(36) NOT NULL, `period` varchar(10) NOT NULL, `scannerHash` varchar(64) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`productId`, `period`, `scannerHash`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `vendor_invitations` (`id` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `vendorId` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `invitedBy` varchar(36) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `expiresAt` datetime(3) NOT NULL, `acceptedAt` datetime(3) NULL, `acceptedBy` varchar(36) NULL, UNIQUE INDEX `uq_vendor_invitations_token` (`tokenHash`), INDEX `idx_vendor_invitations_vendor` (`vendorId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `idx_vendor_invitations_vendor` ON `vendor_invitations`');
    await q.query('DROP INDEX `uq_vendor_invitations_token` ON `vendor_invitations`');
    await q.query('DROP TABLE `vendor_invitations`');
    await q.query('DROP TABLE `trace_scans`');
    await q.query('DROP INDEX `idx_password_resets_user` ON `password_resets`');
    await q.query('DROP TABLE `password_resets`');
  }
}
