import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { VillagesModule } from '@ocop/villages';
import { AdminVillagesController } from './admin-villages.controller';
import { AdminVillagesPages } from './admin-villages.pages';

/** Admin: craft villages and featured curation (API and pages). */
@Module({ imports: [VillagesModule, CatalogModule], controllers: [AdminVillagesController, AdminVillagesPages] })
export class AdminVillagesModule {}
