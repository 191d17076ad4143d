import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796080682326 implements MigrationInterface {
  name = 'Orders1796080682326';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `cart_items` (`id` varchar(36) NOT NULL, `cartKey` varchar(80) NOT NULL, `productId` varchar(36) NOT NULL, `quantity` int NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_cart_items_product` (`productId`), UNIQUE INDEX `uq_cart_items_line` (`cartKey`, `productId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `orders` (`id` varchar(36) NOT NULL, `reference` varchar(20) NOT NULL, `userId` varchar(36) NOT NULL, `status` varchar(24) NOT NULL, `paymentMethod` varchar(16) NOT NULL, `itemsVnd` int NOT NULL, `shippingVnd` int NOT NULL, `totalVnd` int NOT NULL, `refundedVnd` int NOT NULL DEFAULT '0', `shippingAddress` text NOT NULL, `shippingZone` varchar(16) NOT NULL, `locale` varchar(2) NOT NULL, `expiresAt` datetime(3) NOT NULL, `paidAt` datetime(3) NULL, `cancelledAt` datetime(3) NULL, `cancelReason` varchar(32) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_orders_reference` (`reference`), INDEX `idx_orders_status_expiry` (`status`, `expiresAt`), INDEX `idx_orders_user` (`userId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `order_lines` (`id` varchar(36) NOT NULL, `orderId` varchar(36) NOT NULL, `subOrderId` varchar(36) NOT NULL, `productId` varchar(36) NOT NULL, `productSlug` varchar(200) NOT NULL, `title` text NOT NULL, `unitPriceVnd` int NOT NULL, `quantity` int NOT NULL, `lineVnd` int NOT NULL, `weightGrams` int NOT NULL, `certificateId` varchar(36) NOT NULL, `decisionNo` varchar(60) NOT NULL, `certificateNo` varchar(60) NULL, `stars` int NOT NULL, INDEX `idx_order_lines_certificate` (`certificateId`), INDEX `idx_order_lines_product` (`productId`), INDEX `idx_order_lines_sub_order` (`subOrderId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `sub_orders` (`id` varchar(36) NOT NULL, `orderId` varchar(36) NOT NULL, `reference` varchar(24) NOT NULL, `vendorId` varchar(36) NOT NULL, `status` varchar(24) NOT NULL, `itemsVnd` int NOT NULL, `shippingVnd` int NOT NULL, `totalVnd` int NOT NULL, `refundedVnd` int NOT NULL DEFAULT '0', `commissionBps` int NOT NULL, `vendorType` varchar(16) NOT NULL, `carrier` varchar(60) NULL, `trackingNumber` varchar(60) NULL, `packedAt` datetime(3) NULL, `shippedAt` datetime(3) NULL, `cancelledAt` datetime(3) NULL, `reviewFlaggedAt` datetime(3) NULL, `reviewReason` varchar(32) NULL, `reviewNote` varchar(500) NULL, `reviewedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_sub_orders_review` (`reviewFlaggedAt`), INDEX `idx_sub_orders_order` (`orderId`), INDEX `idx_sub_orders_vendor` (`vendorId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `ledger_entries` (`id` varchar(36) NOT NULL, `vendorId` varchar(36) NOT NULL, `orderId` varchar(36) NULL, `subOrderId` varchar(36) NULL, `kind` varchar(24) NOT NULL, `amountVnd` int NOT NULL, `rateBps` int NULL, `payoutId` varchar(36) NULL, `dedupeKey` varchar(120) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_ledger_dedupe` (`dedupeKey`), INDEX `idx_ledger_payout` (`payoutId`), INDEX `idx_ledger_vendor` (`vendorId`, `createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `payments` (`id` varchar(36) NOT NULL, `purpose` varchar(16) NOT NULL, `subjectId` varchar(36) NOT NULL, `provider` varchar(16) NOT NULL, `status` varchar(24) NOT NULL, `amountVnd` int NOT NULL, `refundedVnd` int NOT NULL DEFAULT '0', `reference` varchar(25) NOT NULL, `providerRef` varchar(255) NULL, `succeededAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_payments_reference` (`reference`), UNIQUE INDEX `uq_payments_provider_ref` (`provider`, `providerRef`), INDEX `idx_payments_subject` (`purpose`, `subjectId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `payment_events` (`id` varchar(36) NOT NULL, `provider` varchar(16) NOT NULL, `eventId` varchar(255) NOT NULL, `type` varchar(64) NOT NULL, `paymentId` varchar(36) NULL, `outcome` varchar(16) NOT NULL, `reason` varchar(64) NULL, `amountVnd` int NULL, `reference` varchar(100) NULL, `receivedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_payment_events_outcome` (`outcome`, `receivedAt`), UNIQUE INDEX `uq_payment_events_id` (`provider`, `eventId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `payouts` (`id` varchar(36) NOT NULL, `vendorId` varchar(36) NOT NULL, `periodStart` varchar(10) NOT NULL, `periodEnd` varchar(10) NOT NULL, `amountVnd` int NOT NULL, `status` varchar(8) NOT NULL, `bankReference` varchar(100) NULL, `paidAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_payouts_period` (`vendorId`, `periodStart`, `periodEnd`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `refunds` (`id` varchar(36) NOT NULL, `paymentId` varchar(36) NOT NULL, `orderId` varchar(36) NOT NULL, `subOrderId` varchar(36) NULL, `amountVnd` int NOT NULL, `status` varchar(16) NOT NULL, `reason` varchar(48) NOT NULL, `providerRef` varchar(255) NULL, `actorId` varchar(36) NULL, `completedAt` datetime(3) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_refunds_payment` (`paymentId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query("ALTER TABLE `vendors` CHANGE `commissionBps` `commissionBps` int NOT NULL DEFAULT '800'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `vendors` CHANGE `commissionBps` `commissionBps` int NOT NULL DEFAULT 1000');
    await q.query('DROP INDEX `idx_refunds_payment` ON `refunds`');
    await q.query('DROP TABLE `refunds`');
    await q.query('DROP INDEX `uq_payouts_period` ON `payouts`');
    await q.query('DROP TABLE `payouts`');
    await q.query('DROP INDEX `uq_payment_events_id` ON `payment_events`');
    await q.query('DROP INDEX `idx_payment_events_outcome` ON `payment_events`');
    await q.query('DROP TABLE `payment_events`');
    await q.query('DROP INDEX `idx_payments_subject` ON `payments`');
    await q.query('DROP INDEX `uq_payments_provider_ref` ON `payments`');
    await q.query('DROP INDEX `idx_payments_reference` ON `payments`');
    await q.query('DROP TABLE `payments`');
    await q.query('DROP INDEX `idx_ledger_vendor` ON `ledger_entries`');
    await q.query('DROP INDEX `idx_ledger_payout` ON `ledger_entries`');
    await q.query('DROP INDEX `uq_ledger_dedupe` ON `ledger_entries`');
    await q.query('DROP TABLE `ledger_entries`');
    await q.query('DROP INDEX `idx_sub_orders_vendor` ON `sub_orders`');
    await q.query('DROP INDEX `idx_sub_orders_order` ON `sub_orders`');
    await q.query('DROP INDEX `idx_sub_orders_review` ON `sub_orders`');
    await q.query('DROP TABLE `sub_orders`');
    await q.query('DROP INDEX `idx_order_lines_sub_order` ON `order_lines`');
    await q.query('DROP INDEX `idx_order_lines_product` ON `order_lines`');
    await q.query('DROP INDEX `idx_order_lines_certificate` ON `order_lines`');
    await q.query('DROP TABLE `order_lines`');
    await q.query('DROP INDEX `idx_orders_user` ON `orders`');
    await q.query('DROP INDEX `idx_orders_status_expiry` ON `orders`');
    await q.query('DROP INDEX `uq_orders_reference` ON `orders`');
    await q.query('DROP TABLE `orders`');
    await q.query('DROP INDEX `uq_cart_items_line` ON `cart_items`');
    await q.query('DROP INDEX `idx_cart_items_product` ON `cart_items`');
    await q.query('DROP TABLE `cart_items`');
  }
}
