import { Module } from '@nestjs/common';
import { VendorsModule } from '@ocop/vendors';
import { AdminVendorsController } from './admin-vendors.controller';
import { AdminVendorsPages } from './admin-vendors.pages';

/** Admin: vendor approval and suspension (API and pages). */
@Module({ imports: [VendorsModule], controllers: [AdminVendorsController, AdminVendorsPages] })
export class AdminVendorsModule {}
