import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { pickText, renderMarkdown, StoriesService, VillagesService } from '@ocop/villages';
import { requestLocale, textQueryParam, villagePictures } from '@ocop/web';
import { presentCards } from '../products/products.pages';
import { fallbackNote, storyCard, villageCard } from './present';
import { VillageOfferings } from './village-offerings';
import './villages.i18n';

/**
 * `/villages` (cards, featured first, filtered by province and craft) and `/villages/:slug` (the
 * story in the page language rendered from Markdown, photos, place, networks, stories, products).
 */
@ApiExcludeController()
@Controller('villages')
export class StorefrontVillagesPages {
  constructor(
    private readonly villages: VillagesService,
    private readonly stories: StoriesService,
    private readonly offerings: VillageOfferings,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() raw: Record<string, unknown>) {
    const lang = requestLocale(req);
    const province = textQueryParam(raw.province, 'province', 80);
    const craft = textQueryParam(raw.craft, 'craft', 120);
    const [rows, facets] = await Promise.all([this.villages.listForStorefront({ province, craft }), this.villages.facets()]);
    const options = (values: string[], picked?: string) => values.map((value) => ({ value, selected: value === picked }));
    return req.server.ocopViews!.send(req, reply, 'villages', {
      title: translator(lang)('villages.title'),
      items: rows.map((v) => villageCard(v, lang)),
      provinces: options(facets.provinces, province),
      crafts: options(facets.crafts, craft),
      filtered: !!(province || craft),
    });
  }

  @Get(':slug')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const village = await this.villages.getBySlug(slug);
    const [{ products, experiences }, stories] = await Promise.all([this.offerings.forVillage(village, lang), this.stories.publishedForVillage(village.id)]);
    const story = pickText(village.story, lang);
    const mapUrl =
      village.latitude !== null && village.longitude !== null
        ? `https://www.openstreetmap.org/?mlat=${village.latitude}&mlon=${village.longitude}#map=15/${village.latitude}/${village.longitude}`
        : null;
    return req.server.ocopViews!.send(req, reply, 'village', {
      title: village.name,
      village,
      storyHtml: story.text ? renderMarkdown(story.text) : '',
      storyNote: fallbackNote(t, story.lang, lang),
      pictures: villagePictures(village.photos, village.craft, village.name, lang),
      stories: stories.map((s) => storyCard(s, lang, village)),
      products: presentCards(products, lang, t),
      experiences,
      mapUrl,
      coordinates: mapUrl ? `${village.latitude}, ${village.longitude}` : null,
    });
  }
}
