import { Module } from '@nestjs/common';

/** Storefront: product list and detail, certificate verification by QR (API and pages). */
@Module({})
export class StorefrontCatalogModule {}
