import { Module } from '@nestjs/common';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { VendorsModule } from '@ocop/vendors';
import { AdminOrdersController, AdminSubOrdersController } from './admin-orders.controller';
import { AdminOrdersPages } from './admin-orders.pages';

/** Orders with filters, the review list and cancellations (API and pages). */
@Module({ imports: [OrdersModule, PaymentsModule, VendorsModule], controllers: [AdminOrdersController, AdminSubOrdersController, AdminOrdersPages] })
export class AdminOrdersModule {}
