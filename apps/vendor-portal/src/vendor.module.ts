import { VendorExperiencesModule } from './experiences/vendor-experiences.module';
import { VendorOrdersModule } from './orders/vendor-orders.module';
import { VendorPayoutsModule } from './payouts/vendor-payouts.module';
import { VendorCertificatesModule } from './certificates/vendor-certificates.module';
import { VendorProductsModule } from './products/vendor-products.module';
import { VendorOnboardingModule } from './vendors/vendor-onboarding.module';
import { VendorStoriesModule } from './stories/vendor-stories.module';
import { CatalogModule } from '@ocop/catalog';
import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule, type Infra } from '@ocop/infra';
import { loggingModule, WebAppOptions, WebModule } from '@ocop/web';
import { VendorHomeModule } from './home/vendor-home.module';

/** The cooperatives' app: products, certificates, stock, orders, experiences, payouts. */
@Module({})
export class VendorModule {
  static forRoot(infra: Infra): DynamicModule {
    const options = new WebAppOptions('vendor', infra.config.ports.vendor);
    return {
      module: VendorModule,
      imports: [
        InfraModule.forRoot(infra),
        loggingModule('vendor'),
        WebModule.forApp(options, { registration: true }),
        CatalogModule,
        VendorOnboardingModule,
        VendorProductsModule,
        VendorCertificatesModule,
        VendorOrdersModule,
        VendorPayoutsModule,
        VendorExperiencesModule,
        VendorStoriesModule,
        VendorHomeModule,
      ],
    };
  }
}
