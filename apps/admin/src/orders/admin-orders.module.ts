import { Module } from '@nestjs/common';
import { ExperiencesModule } from '@ocop/experiences';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { VendorsModule } from '@ocop/vendors';
import { AdminOrdersController, AdminSubOrdersController } from './admin-orders.controller';
import { AdminOrdersPages } from './admin-orders.pages';

/** Orders with filters, the review list and cancellations (API and pages); an order's page lists the village visits it paid for. */
@Module({ imports: [OrdersModule, PaymentsModule, VendorsModule, ExperiencesModule], controllers: [AdminOrdersController, AdminSubOrdersController, AdminOrdersPages] })
export class AdminOrdersModule {}
