import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VillagesExperiences1796084907419 implements MigrationInterface {
  name = 'VillagesExperiences1796084907419';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `currency_rates` (`currency` varchar(3) NOT NULL, `vndPerUnit` int NOT NULL, `updatedBy` varchar(36) NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`currency`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `stories` (`id` varchar(36) NOT NULL, `slug` varchar(160) NOT NULL, `kind` varchar(16) NOT NULL, `villageId` varchar(36) NOT NULL, `vendorId` varchar(36) NULL, `authorId` varchar(36) NOT NULL, `title` text NOT NULL, `body` text NOT NULL, `photos` text NOT NULL, `productIds` text NOT NULL, `status` varchar(16) NOT NULL, `reviewNote` varchar(500) NULL, `publishedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_stories_slug` (`slug`), INDEX `idx_stories_status` (`status`, `createdAt`), INDEX `idx_stories_village` (`villageId`, `status`, `publishedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `bookings` (`id` varchar(36) NOT NULL, `reference` varchar(20) NOT NULL, `experienceId` varchar(36) NOT NULL, `slotId` varchar(36) NOT NULL, `vendorId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `people` int NOT NULL, `unitPriceVnd` int NOT NULL, `totalVnd` int NOT NULL, `refundedVnd` int NOT NULL DEFAULT '0', `status` varchar(24) NOT NULL, `locale` varchar(2) NOT NULL, `orderId` varchar(36) NULL, `expiresAt` datetime(3) NOT NULL, `paidAt` datetime(3) NULL, `cancelledAt` datetime(3) NULL, `cancelReason` varchar(32) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_bookings_reference` (`reference`), INDEX `idx_bookings_order` (`orderId`), INDEX `idx_bookings_status_expiry` (`status`, `expiresAt`), INDEX `idx_bookings_user` (`userId`, `createdAt`), INDEX `idx_bookings_slot` (`slotId`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `experiences` (`id` varchar(36) NOT NULL, `slug` varchar(160) NOT NULL, `vendorId` varchar(36) NOT NULL, `villageId` varchar(36) NOT NULL, `kind` varchar(16) NOT NULL DEFAULT 'workshop', `title` text NOT NULL, `description` text NOT NULL, `durationMinutes` int NOT NULL, `pricePerPersonVnd` int NOT NULL, `languages` text NOT NULL, `meetingPoint` varchar(300) NOT NULL, `minGroupSize` int NOT NULL DEFAULT '1', `maxGroupSize` int NOT NULL, `freeCancellationHours` int NOT NULL DEFAULT '48', `included` text NOT NULL, `images` text NOT NULL, `status` varchar(16) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_experiences_slug` (`slug`), INDEX `idx_experiences_vendor` (`vendorId`, `createdAt`), INDEX `idx_experiences_village` (`villageId`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `experience_slots` (`id` varchar(36) NOT NULL, `experienceId` varchar(36) NOT NULL, `startsAt` datetime(3) NOT NULL, `capacity` int NOT NULL, `seatsTaken` int NOT NULL DEFAULT '0', `status` varchar(16) NOT NULL, `cancelledAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_slots_starts` (`startsAt`), INDEX `idx_slots_experience` (`experienceId`, `startsAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `idx_slots_experience` ON `experience_slots`');
    await q.query('DROP INDEX `idx_slots_starts` ON `experience_slots`');
    await q.query('DROP TABLE `experience_slots`');
    await q.query('DROP INDEX `idx_experiences_village` ON `experiences`');
    await q.query('DROP INDEX `idx_experiences_vendor` ON `experiences`');
    await q.query('DROP INDEX `uq_experiences_slug` ON `experiences`');
    await q.query('DROP TABLE `experiences`');
    await q.query('DROP INDEX `idx_bookings_slot` ON `bookings`');
    await q.query('DROP INDEX `idx_bookings_user` ON `bookings`');
    await q.query('DROP INDEX `idx_bookings_status_expiry` ON `bookings`');
    await q.query('DROP INDEX `idx_bookings_order` ON `bookings`');
    await q.query('DROP INDEX `uq_bookings_reference` ON `bookings`');
    await q.query('DROP TABLE `bookings`');
    await q.query('DROP INDEX `idx_stories_village` ON `stories`');
    await q.query('DROP INDEX `idx_stories_status` ON `stories`');
    await q.query('DROP INDEX `uq_stories_slug` ON `stories`');
    await q.query('DROP TABLE `stories`');
    await q.query('DROP TABLE `currency_rates`');
  }
}
