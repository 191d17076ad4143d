import { AdminOrdersModule } from './orders/admin-orders.module';
import { AdminPaymentsModule } from './payments/admin-payments.module';
import { AdminAuditModule } from './audit/admin-audit.module';
import { AdminCertificatesModule } from './certificates/admin-certificates.module';
import { AdminVendorsModule } from './vendors/admin-vendors.module';
import { AdminVillagesModule } from './villages/admin-villages.module';
import { AdminRatesModule } from './rates/admin-rates.module';
import { AdminStoriesModule } from './stories/admin-stories.module';
import { CatalogModule } from '@ocop/catalog';
import { ExperiencesModule } from '@ocop/experiences';
import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule, type Infra } from '@ocop/infra';
import { NotificationsModule } from '@ocop/notifications';
import { loggingModule, WebAppOptions, WebModule } from '@ocop/web';
import { AdminAccount } from './admin-account';
import { AdminViews } from './admin-views';
import { AdminHomeModule } from './home/admin-home.module';
import { OutboxController, OutboxPages } from './outbox/outbox.controller';

/** The programme and marketplace staff's app; every route is admin-only. */
@Module({})
export class AdminModule {
  static forRoot(infra: Infra): DynamicModule {
    const options = new WebAppOptions('admin', infra.config.ports.admin, ['admin']);
    return {
      module: AdminModule,
      imports: [
        InfraModule.forRoot(infra),
        loggingModule('admin'),
        WebModule.forApp(options, { registration: false }),
        NotificationsModule,
        CatalogModule,
        // Seeding the demo's experiences runs in this app's context.
        ExperiencesModule,
        AdminVillagesModule,
        AdminStoriesModule,
        AdminRatesModule,
        AdminVendorsModule,
        AdminCertificatesModule,
        AdminAuditModule,
        AdminOrdersModule,
        AdminPaymentsModule,
        AdminHomeModule,
      ],
      controllers: [OutboxController, OutboxPages],
      providers: [AdminAccount, AdminViews],
    };
  }
}
