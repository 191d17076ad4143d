import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { VillagesModule } from '@ocop/villages';
import { StorefrontVillagesController } from './storefront-villages.controller';
import { StorefrontVillagesPages } from './storefront-villages.pages';
import { VillageOfferings } from './village-offerings';

/** Storefront: villages and their stories (API and pages). */
@Module({ imports: [VillagesModule, CatalogModule], controllers: [StorefrontVillagesController, StorefrontVillagesPages], providers: [VillageOfferings] })
export class StorefrontVillagesModule {}
