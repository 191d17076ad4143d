import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { ExperiencesModule } from '@ocop/experiences';
import { VillagesModule } from '@ocop/villages';
import { MediaController } from './media.controller';
import { StorefrontProductsController, VerifyController } from './products.controller';
import { StorefrontProductsPages } from './products.pages';

/** Storefront: product list and detail, certificate verification by QR (API and pages), uploaded images. */
@Module({ imports: [CatalogModule, VillagesModule, ExperiencesModule], controllers: [StorefrontProductsController, VerifyController, StorefrontProductsPages, MediaController] })
export class StorefrontCatalogModule {}
