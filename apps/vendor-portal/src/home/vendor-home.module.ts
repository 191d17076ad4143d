import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { ExperiencesModule } from '@ocop/experiences';
import { OrdersModule } from '@ocop/orders';
import { VendorsModule } from '@ocop/vendors';
import { HomePages } from './home.pages';

/** The vendor app's home page: the vendor's status and what needs doing. */
@Module({ imports: [VendorsModule, CatalogModule, CertificationModule, OrdersModule, ExperiencesModule], controllers: [HomePages] })
export class VendorHomeModule {}
