import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { OrdersModule } from '@ocop/orders';
import { VendorsModule } from '@ocop/vendors';
import { AdminVendorsController } from './admin-vendors.controller';
import { AdminVendorsPages } from './admin-vendors.pages';

/** Admin: vendor approval and suspension (API and pages); the catalogue and orders say what a suspension would take down. */
@Module({ imports: [VendorsModule, CatalogModule, OrdersModule], controllers: [AdminVendorsController, AdminVendorsPages] })
export class AdminVendorsModule {}
