import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795461854316 implements MigrationInterface {
  name = 'Initial1795461854316';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `sessions` (`id` varchar(64) NOT NULL, `userId` varchar(36) NOT NULL, `kind` varchar(8) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `expiresAt` datetime(3) NOT NULL, INDEX `idx_sessions_user` (`userId`), INDEX `idx_sessions_expires` (`expiresAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `users` (`id` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `name` varchar(120) NOT NULL, `passwordHash` varchar(255) NOT NULL, `roles` varchar(100) NOT NULL, `vendorId` varchar(36) NULL, `vendorRole` varchar(16) NULL, `locale` varchar(5) NOT NULL DEFAULT 'vi', `lastLoginAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_users_email` (`email`), INDEX `idx_users_vendor` (`vendorId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `mail_messages` (`id` varchar(36) NOT NULL, `to` varchar(254) NOT NULL, `subject` varchar(300) NOT NULL, `html` text NOT NULL, `text` text NOT NULL, `template` varchar(100) NOT NULL, `locale` varchar(5) NOT NULL, `status` varchar(16) NOT NULL, `attempts` int NOT NULL DEFAULT '0', `lastError` text NULL, `dedupeKey` varchar(191) NULL, `processedBy` varchar(100) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `processedAt` datetime(3) NULL, UNIQUE INDEX `uq_mail_dedupe_key` (`dedupeKey`), INDEX `idx_mail_created` (`createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `jobs` (`id` varchar(191) NOT NULL, `name` varchar(100) NOT NULL, `payload` text NOT NULL, `state` varchar(16) NOT NULL, `runAt` datetime(3) NOT NULL, `attemptsMade` int NOT NULL DEFAULT '0', `maxAttempts` int NOT NULL DEFAULT '5', `backoffMs` int NOT NULL DEFAULT '1000', `lastError` text NULL, `repeatKey` varchar(191) NULL, `repeatEveryMs` int NULL, `lockedBy` varchar(100) NULL, `lockedAt` datetime(3) NULL, `finishedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_jobs_repeat_key` (`repeatKey`), INDEX `idx_jobs_due` (`state`, `runAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `idx_jobs_due` ON `jobs`');
    await q.query('DROP INDEX `uq_jobs_repeat_key` ON `jobs`');
    await q.query('DROP TABLE `jobs`');
    await q.query('DROP INDEX `idx_mail_created` ON `mail_messages`');
    await q.query('DROP INDEX `uq_mail_dedupe_key` ON `mail_messages`');
    await q.query('DROP TABLE `mail_messages`');
    await q.query('DROP INDEX `idx_users_vendor` ON `users`');
    await q.query('DROP INDEX `uq_users_email` ON `users`');
    await q.query('DROP TABLE `users`');
    await q.query('DROP INDEX `idx_sessions_expires` ON `sessions`');
    await q.query('DROP INDEX `idx_sessions_user` ON `sessions`');
    await q.query('DROP TABLE `sessions`');
  }
}
