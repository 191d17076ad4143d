import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { MediaController } from './media.controller';
import { StorefrontProductsController, VerifyController } from './products.controller';
import { StorefrontProductsPages } from './products.pages';

/** Storefront: product list and detail, certificate verification by QR (API and pages), uploaded images. */
@Module({ imports: [CatalogModule], controllers: [StorefrontProductsController, VerifyController, StorefrontProductsPages, MediaController] })
export class StorefrontCatalogModule {}
