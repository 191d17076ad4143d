import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { VendorsModule } from '@ocop/vendors';
import { VillagesModule } from '@ocop/villages';
import { VendorStoriesController } from './vendor-stories.controller';
import { VendorStoriesPages } from './vendor-stories.pages';

/** Vendor: stories submitted for an admin's review, with their photos (API and pages). */
@Module({ imports: [VillagesModule, VendorsModule, CatalogModule], controllers: [VendorStoriesController, VendorStoriesPages] })
export class VendorStoriesModule {}
