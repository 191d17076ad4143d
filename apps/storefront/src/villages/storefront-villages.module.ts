import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { ExperiencesModule } from '@ocop/experiences';
import { VillagesModule } from '@ocop/villages';
import { StorefrontVillagesController } from './storefront-villages.controller';
import { StorefrontVillagesPages } from './storefront-villages.pages';
import { StoriesPages } from './stories.pages';
import { VillageOfferings } from './village-offerings';

/** Storefront: villages and their stories (API and pages). */
@Module({ imports: [VillagesModule, CatalogModule, ExperiencesModule], controllers: [StorefrontVillagesController, StorefrontVillagesPages, StoriesPages], providers: [VillageOfferings] })
export class StorefrontVillagesModule {}
