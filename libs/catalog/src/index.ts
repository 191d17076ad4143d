import { ListingChange } from './listing-change.entity';
import { Product } from './product.entity';

export * from './product.entity';
export * from './listing-change.entity';
export * from './listing-gate';
export * from './listing.service';
export * from './gtin';
export * from './trace-code';
export * from './product.rules';
export * from './product-query';
export * from './qr-label';
export * from './products.service';
export * from './certificate-product-counts';
export * from './product-query.service';
export * from './dto/product.dto';
export * from './catalog.module';
export * from './product-indexer';
export const CATALOG_ENTITIES = [Product, ListingChange];
