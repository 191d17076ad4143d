import { Injectable } from '@nestjs/common';
import { ProductQueryService, type ProductList } from '@ocop/catalog';
import { ExperiencesService } from '@ocop/experiences';
import type { PublicVillage } from '@ocop/villages';
import { titleIn } from '../shop/present';

/** A bookable experience as a village lists it: its title in the asked language, price and length. */
export interface ExperienceCard {
  id: string;
  slug: string;
  title: string;
  pricePerPersonVnd: number;
  durationMinutes: number;
  languages: string[];
  image: string | null;
}

export interface VillageOfferingsResult {
  products: ProductList['items'];
  experiences: ExperienceCard[];
}

/**
 * The sellable products and bookable experiences of a village, for its API answer and its page.
 * They come from libraries above villages, so they are joined here in the app.
 */
@Injectable()
export class VillageOfferings {
  constructor(
    private readonly products: ProductQueryService,
    private readonly experiences: ExperiencesService,
  ) {}

  async forVillage(village: PublicVillage, lang?: string): Promise<VillageOfferingsResult> {
    const [list, experiences] = await Promise.all([this.products.list({ village: village.slug, limit: '24', sort: 'newest', ...(lang ? { lang } : {}) }), this.experiences.listPublic(village.slug)]);
    return {
      products: list.items,
      experiences: experiences.map((x) => ({
        id: x.id,
        slug: x.slug,
        title: titleIn(x.title, lang === 'en' || lang === 'de' || lang === 'id' ? lang : 'vi'),
        pricePerPersonVnd: x.pricePerPersonVnd,
        durationMinutes: x.durationMinutes,
        languages: x.languages,
        image: x.images[0] ?? null,
      })),
    };
  }
}
