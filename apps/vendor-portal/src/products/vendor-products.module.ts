import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { MediaController } from './media.controller';
import { VendorProductsController } from './vendor-products.controller';
import { VendorProductsPages } from './vendor-products.pages';

/** Vendor: products, images, publishing, QR labels (API and pages), and the uploaded images themselves. */
@Module({ imports: [CatalogModule], controllers: [VendorProductsController, VendorProductsPages, MediaController] })
export class VendorProductsModule {}
