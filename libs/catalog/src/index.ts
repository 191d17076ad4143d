import { ListingChange } from './listing-change.entity';
import { Product } from './product.entity';

export * from './product.entity';
export * from './listing-change.entity';
export * from './listing-gate';
export * from './listing.service';
export * from './catalog.module';
export const CATALOG_ENTITIES = [Product, ListingChange];
