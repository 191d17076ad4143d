import { Injectable } from '@nestjs/common';
import { ProductQueryService, type ProductList } from '@ocop/catalog';
import type { PublicVillage } from '@ocop/villages';

export interface VillageOfferingsResult {
  products: ProductList['items'];
  experiences: unknown[];
}

/**
 * The sellable products and bookable experiences of a village, for its API answer and its page.
 * They come from libraries above villages, so they are joined here in the app. Experiences
 * arrive with the experiences library; until then a village offers none.
 */
@Injectable()
export class VillageOfferings {
  constructor(private readonly products: ProductQueryService) {}

  async forVillage(village: PublicVillage, lang?: string): Promise<VillageOfferingsResult> {
    const list = await this.products.list({ village: village.slug, limit: '24', sort: 'newest', ...(lang ? { lang } : {}) });
    return { products: list.items, experiences: [] };
  }
}
