import { Module } from '@nestjs/common';
import { AccountsModule } from '@ocop/accounts';
import { AppConfig } from '@ocop/core';
import { ExperiencesModule } from '@ocop/experiences';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { WebAppOptions } from '@ocop/web';
import { CartPages } from './cart.pages';
import { CheckoutPages } from './checkout.pages';
import { CartCountInHeader, GuestCartSignIn } from './guest-cart';
import { OrderPages } from './order.pages';
import { RegisterPages } from './register.pages';

/** The shopper's pages: sign-up, cart, checkout and order (with their experience bookings); the cart count in every page's header. */
@Module({
  imports: [AccountsModule, OrdersModule, PaymentsModule, ExperiencesModule],
  controllers: [RegisterPages, CartPages, CheckoutPages, OrderPages],
  providers: [
    GuestCartSignIn,
    CartCountInHeader,
    // The storefront's cookie names, for the session the sign-up page opens.
    { provide: WebAppOptions, inject: [AppConfig], useFactory: (config: AppConfig) => new WebAppOptions('storefront', config.ports.storefront) },
  ],
})
export class StorefrontShopModule {}
