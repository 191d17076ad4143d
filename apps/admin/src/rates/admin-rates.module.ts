import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { AdminRatesController } from './admin-rates.controller';
import { AdminRatesPages } from './admin-rates.pages';

/** Admin: display rates for approximate foreign prices (API and page). */
@Module({ imports: [CatalogModule], controllers: [AdminRatesController, AdminRatesPages] })
export class AdminRatesModule {}
