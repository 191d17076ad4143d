import { StorefrontExperiencesModule } from './experiences/storefront-experiences.module';
import { StorefrontOrdersModule } from './orders/storefront-orders.module';
import { StorefrontPaymentsModule } from './payments/storefront-payments.module';
import { StorefrontShopModule } from './shop/storefront-shop.module';
import { GuestCartSignIn } from './shop/guest-cart';
import { StorefrontCatalogModule } from './products/storefront-catalog.module';
import { StorefrontVillagesModule } from './villages/storefront-villages.module';
import { CatalogModule } from '@ocop/catalog';
import { OrdersModule } from '@ocop/orders';
import { ExperiencesModule } from '@ocop/experiences';
import { VillagesModule } from '@ocop/villages';
import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule, type Infra } from '@ocop/infra';
import { loggingModule, WebAppOptions, WebModule } from '@ocop/web';
import { AccountPages } from './account/account.pages';
import { HomePages } from './home/home.pages';
import { ApproximatePrices } from './money/approximate-prices';

/** The shoppers' app: catalogue, villages, cart, checkout, bookings. */
@Module({})
export class StorefrontModule {
  static forRoot(infra: Infra): DynamicModule {
    const options = new WebAppOptions('storefront', infra.config.ports.storefront);
    return {
      module: StorefrontModule,
      imports: [
        InfraModule.forRoot(infra),
        loggingModule('storefront'),
        WebModule.forApp(options, { registration: true, signInHook: { imports: [OrdersModule], useClass: GuestCartSignIn } }),
        CatalogModule,
        OrdersModule,
        ExperiencesModule,
        VillagesModule,
        StorefrontVillagesModule,
        StorefrontCatalogModule,
        StorefrontOrdersModule,
        StorefrontPaymentsModule,
        StorefrontShopModule,
        StorefrontExperiencesModule,
      ],
      controllers: [HomePages, AccountPages],
      providers: [ApproximatePrices],
    };
  }
}
