import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { storyIn, VillagesService } from '@ocop/villages';
import { requestLocale } from '@ocop/web';
import { VillageOfferings } from './village-offerings';
import './villages.i18n';

const EXCERPT = 220;

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, flat.lastIndexOf(' ', EXCERPT) > 0 ? flat.lastIndexOf(' ', EXCERPT) : EXCERPT)}…`;
}

/** `/villages` (cards, featured first) and `/villages/:slug` (the story in the page language, else Vietnamese). */
@ApiExcludeController()
@Controller('villages')
export class StorefrontVillagesPages {
  constructor(
    private readonly villages: VillagesService,
    private readonly offerings: VillageOfferings,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = requestLocale(req);
    const items = (await this.villages.listForStorefront()).map((v) => ({ ...v, photo: v.photos[0] ?? null, excerpt: excerpt(storyIn(v.story, lang)) }));
    return req.server.ocopViews!.send(req, reply, 'villages', { title: translator(lang)('villages.title'), items });
  }

  @Get(':slug')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    const lang = requestLocale(req);
    const village = await this.villages.getBySlug(slug);
    const { products, experiences } = await this.offerings.forVillage(village);
    const mapUrl =
      village.latitude !== null && village.longitude !== null
        ? `https://www.openstreetmap.org/?mlat=${village.latitude}&mlon=${village.longitude}#map=15/${village.latitude}/${village.longitude}`
        : null;
    return req.server.ocopViews!.send(req, reply, 'village', { title: village.name, village, story: paragraphs(storyIn(village.story, lang)), products, experiences, mapUrl });
  }
}
