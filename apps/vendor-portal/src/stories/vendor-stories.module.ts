import { Module } from '@nestjs/common';
import { VillagesModule } from '@ocop/villages';
import { VendorStoriesController } from './vendor-stories.controller';

/** Vendor: stories submitted for an admin's review (API). */
@Module({ imports: [VillagesModule], controllers: [VendorStoriesController] })
export class VendorStoriesModule {}
