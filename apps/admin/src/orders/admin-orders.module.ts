import { Module } from '@nestjs/common';

/** Orders with filters, the review list and cancellations (API and pages). */
@Module({})
export class AdminOrdersModule {}
