import { Module } from '@nestjs/common';
import { CertificateProducts } from '@ocop/certification';
import { CertificateProductCounts } from './certificate-product-counts';
import { CurrencyRatesService } from './currency-rates.service';
import { ListingService } from './listing.service';
import { ProductIndexer } from './product-indexer';
import { ProductQueryService } from './product-query.service';
import { ProductsService } from './products.service';

/**
 * The catalogue: listing state (the only writer of it), vendors' products, the storefront's reads,
 * the search index kept equal to the sellable catalogue, and the product counts the certificate registry shows (bound to its `CertificateProducts` port).
 */
@Module({
  providers: [CurrencyRatesService, ListingService, ProductsService, ProductQueryService, ProductIndexer, { provide: CertificateProducts, useClass: CertificateProductCounts }],
  exports: [CurrencyRatesService, ListingService, ProductsService, ProductQueryService, ProductIndexer, CertificateProducts],
})
export class CatalogModule {}
