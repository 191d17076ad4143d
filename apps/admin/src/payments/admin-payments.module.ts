import { Module } from '@nestjs/common';

/** Refunds, manual transfer confirmation, flagged transfers and payouts (API and pages). */
@Module({})
export class AdminPaymentsModule {}
