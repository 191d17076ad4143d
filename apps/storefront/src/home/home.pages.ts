import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { ProductQueryService } from '@ocop/catalog';
import { VillagesService } from '@ocop/villages';
import { requestLocale } from '@ocop/web';
import { presentCards } from '../products/products.pages';
import { villageCard } from '../villages/present';

/** The storefront's home page: a search box, the villages featured today with their products, and the newest sellable products. */
@ApiExcludeController()
@Controller()
export class HomePages {
  constructor(
    private readonly products: ProductQueryService,
    private readonly villages: VillagesService,
  ) {}

  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const [newest, featured] = await Promise.all([this.products.list({ sort: 'newest', limit: 8, lang }), this.villages.featuredOn()]);
    const fromFeatured = featured.length ? await this.products.list({ village: featured.map((v) => v.slug), sort: 'newest', limit: 8, lang }) : null;
    return req.server.ocopViews!.send(req, reply, 'home', {
      newest: presentCards(newest.items, lang, t),
      featured: featured.map((v) => villageCard(v, lang)),
      featuredProducts: fromFeatured ? presentCards(fromFeatured.items, lang, t) : [],
    });
  }
}
