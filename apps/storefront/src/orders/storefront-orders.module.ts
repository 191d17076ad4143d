import { Module } from '@nestjs/common';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { CartController, CheckoutController, ShopperOrdersController } from './storefront-orders.controller';

/** The shopper's cart, checkout and orders API. */
@Module({ imports: [OrdersModule, PaymentsModule], controllers: [CartController, CheckoutController, ShopperOrdersController] })
export class StorefrontOrdersModule {}
