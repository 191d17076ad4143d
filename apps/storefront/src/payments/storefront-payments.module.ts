import { Module } from '@nestjs/common';
import { PaymentsModule } from '@ocop/payments';
import { PayPages } from './pay.pages';
import { StorefrontOrderPaymentController, StorefrontPaymentsController } from './storefront-payments.controller';

/** Payment webhooks, the shopper's payment view, the sandbox's pay page and its API. */
@Module({ imports: [PaymentsModule], controllers: [StorefrontPaymentsController, StorefrontOrderPaymentController, PayPages] })
export class StorefrontPaymentsModule {}
