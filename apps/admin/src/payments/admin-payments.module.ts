import { Module } from '@nestjs/common';
import { PaymentsModule } from '@ocop/payments';
import { AdminPaymentsController } from './admin-payments.controller';
import { AdminPaymentsPages } from './admin-payments.pages';

/** Refunds, manual transfer confirmation, flagged transfers and payouts (API and pages). */
@Module({ imports: [PaymentsModule], controllers: [AdminPaymentsController, AdminPaymentsPages] })
export class AdminPaymentsModule {}
