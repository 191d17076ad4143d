import { Module } from '@nestjs/common';

/** The vendor's balance, ledger entries and payouts (API and pages). */
@Module({})
export class VendorPayoutsModule {}
