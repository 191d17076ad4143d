import { Module } from '@nestjs/common';
import { CertificateProducts } from '@ocop/certification';
import { CertificateProductCounts } from './certificate-product-counts';
import { ListingService } from './listing.service';
import { ProductQueryService } from './product-query.service';
import { ProductsService } from './products.service';

/**
 * The catalogue: listing state (the only writer of it), vendors' products, the storefront's reads,
 * and the product counts the certificate registry shows (bound to its `CertificateProducts` port).
 */
@Module({
  providers: [ListingService, ProductsService, ProductQueryService, { provide: CertificateProducts, useClass: CertificateProductCounts }],
  exports: [ListingService, ProductsService, ProductQueryService, CertificateProducts],
})
export class CatalogModule {}
