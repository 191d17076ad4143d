import { Module } from '@nestjs/common';

/** Carts, checkout, orders split per vendor, fulfilment and cancellation. */
@Module({})
export class OrdersModule {}
