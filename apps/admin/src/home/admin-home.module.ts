import { Module } from '@nestjs/common';
import { CertificationModule } from '@ocop/certification';
import { OrdersModule, SalesReportService } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { VendorsModule } from '@ocop/vendors';
import { HomePages } from './home.pages';

/** Admin: the home page's counts of what needs attention and its sales chart. */
@Module({ imports: [VendorsModule, CertificationModule, OrdersModule, PaymentsModule], controllers: [HomePages], providers: [SalesReportService] })
export class AdminHomeModule {}
