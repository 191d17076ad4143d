import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BookingsInCartAndLedger1796091420127 implements MigrationInterface {
  name = 'BookingsInCartAndLedger1796091420127';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `cart_bookings` (`id` varchar(36) NOT NULL, `cartKey` varchar(80) NOT NULL, `slotId` varchar(36) NOT NULL, `people` int NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_cart_bookings_slot` (`slotId`), UNIQUE INDEX `uq_cart_bookings_line` (`cartKey`, `slotId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `ledger_entries` ADD `bookingId` varchar(36) NULL');
    await q.query('ALTER TABLE `refunds` ADD `bookingId` varchar(36) NULL');
    await q.query("ALTER TABLE `orders` ADD `bookingsVnd` int NOT NULL DEFAULT '0'");
    await q.query('ALTER TABLE `refunds` CHANGE `orderId` `orderId` varchar(36) NULL');
    await q.query('CREATE INDEX `idx_ledger_booking` ON `ledger_entries` (`bookingId`)');
    await q.query('CREATE INDEX `idx_refunds_booking` ON `refunds` (`bookingId`)');
    // Service entries and refunds that kept a booking's id in the order columns move to the booking ones.
    await q.query('UPDATE ledger_entries SET bookingId = subOrderId, subOrderId = NULL WHERE orderId IS NULL AND subOrderId IN (SELECT id FROM bookings)');
    await q.query("UPDATE refunds SET bookingId = orderId, orderId = NULL WHERE paymentId IN (SELECT id FROM payments WHERE purpose = 'booking')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('UPDATE refunds SET orderId = bookingId WHERE orderId IS NULL AND bookingId IS NOT NULL');
    await q.query('UPDATE ledger_entries SET subOrderId = bookingId WHERE orderId IS NULL AND bookingId IS NOT NULL');
    await q.query('DROP INDEX `idx_refunds_booking` ON `refunds`');
    await q.query('DROP INDEX `idx_ledger_booking` ON `ledger_entries`');
    await q.query('ALTER TABLE `refunds` CHANGE `orderId` `orderId` varchar(36) NOT NULL');
    await q.query('ALTER TABLE `orders` DROP COLUMN `bookingsVnd`');
    await q.query('ALTER TABLE `refunds` DROP COLUMN `bookingId`');
    await q.query('ALTER TABLE `ledger_entries` DROP COLUMN `bookingId`');
    await q.query('DROP INDEX `uq_cart_bookings_line` ON `cart_bookings`');
    await q.query('DROP INDEX `idx_cart_bookings_slot` ON `cart_bookings`');
    await q.query('DROP TABLE `cart_bookings`');
  }
}
