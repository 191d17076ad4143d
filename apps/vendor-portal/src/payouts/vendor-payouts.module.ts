import { Module } from '@nestjs/common';
import { PaymentsModule } from '@ocop/payments';
import { VendorPayoutsController } from './vendor-payouts.controller';
import { VendorPayoutsPages } from './vendor-payouts.pages';

/** The vendor's balance, ledger entries and payouts (API and pages). */
@Module({ imports: [PaymentsModule], controllers: [VendorPayoutsController, VendorPayoutsPages] })
export class VendorPayoutsModule {}
