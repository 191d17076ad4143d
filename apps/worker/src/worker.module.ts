import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule, type Infra } from '@ocop/infra';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { NotificationsModule } from '@ocop/notifications';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { ExperiencesModule } from '@ocop/experiences';
import { WorkerJobs } from './worker.jobs';

/** The background process: runs every queued and scheduled job. */
@Module({})
export class WorkerModule {
  static forRoot(infra: Infra): DynamicModule {
    return {
      module: WorkerModule,
      imports: [InfraModule.forRoot(infra), NotificationsModule, CatalogModule, CertificationModule, OrdersModule, PaymentsModule, ExperiencesModule],
      providers: [WorkerJobs],
    };
  }
}
