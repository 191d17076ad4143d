import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule, type Infra } from '@ocop/infra';
import { loggingModule, WebAppOptions, WebModule } from '@ocop/web';
import { HomePages } from './home/home.pages';

/** The cooperatives' app: products, certificates, stock, orders, experiences, payouts. */
@Module({})
export class VendorModule {
  static forRoot(infra: Infra): DynamicModule {
    const options = new WebAppOptions('vendor', infra.config.ports.vendor);
    return {
      module: VendorModule,
      imports: [InfraModule.forRoot(infra), loggingModule('vendor'), WebModule.forApp(options, { registration: true })],
      controllers: [HomePages],
    };
  }
}
