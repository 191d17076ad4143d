import { Module } from '@nestjs/common';
import { CertificateProducts } from '@ocop/certification';
import { CertificateProductCounts } from './certificate-product-counts';
import { ListingService } from './listing.service';
import { ProductIndexer } from './product-indexer';
import { ProductQueryService } from './product-query.service';
import { ProductsService } from './products.service';

/**
 * The catalogue: listing state (the only writer of it), vendors' products, the storefront's reads,
 * the search index kept equal to the sellable catalogue, and the product counts the certificate registry shows (bound to its `CertificateProducts` port).
 */
@Module({
  providers: [ListingService, ProductsService, ProductQueryService, ProductIndexer, { provide: CertificateProducts, useClass: CertificateProductCounts }],
  exports: [ListingService, ProductsService, ProductQueryService, ProductIndexer, CertificateProducts],
})
export class CatalogModule {}
