import { Module } from '@nestjs/common';
import { OrdersModule } from '@ocop/orders';
import { VendorOrdersController } from './vendor-orders.controller';
import { VendorOrdersPages } from './vendor-orders.pages';

/** The vendor's sub-orders: list, pack, ship (API and pages). */
@Module({ imports: [OrdersModule], controllers: [VendorOrdersController, VendorOrdersPages] })
export class VendorOrdersModule {}
