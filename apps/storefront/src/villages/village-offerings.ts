import { Injectable } from '@nestjs/common';
import type { PublicVillage } from '@ocop/villages';

export interface VillageOfferingsResult {
  products: unknown[];
  experiences: unknown[];
}

/**
 * The sellable products and bookable experiences of a village, for its API answer and its page.
 * They come from the catalogue and experiences libraries, which sit above villages, so they are
 * joined here in the app: inject their services and fill this in; until then a village offers none.
 */
@Injectable()
export class VillageOfferings {
  async forVillage(_village: PublicVillage): Promise<VillageOfferingsResult> {
    return { products: [], experiences: [] };
  }
}
