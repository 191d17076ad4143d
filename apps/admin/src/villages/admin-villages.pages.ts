import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, translator, ValidationError, type Actor } from '@ocop/core';
import { VillagesService, type AdminVillage } from '@ocop/villages';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { uuidParam } from './admin-villages.controller';
import './villages.i18n';

type Form = Record<string, unknown>;

const field = (form: Form, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const optional = (form: Form, key: string): string | undefined => field(form, key) || undefined;
const lines = (form: Form, key: string): string[] =>
  field(form, key)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const number = (form: Form, key: string): number | undefined => (field(form, key) === '' ? undefined : Number(field(form, key)));
const day = (d: Date | null): string => (d ? new Date(d).toISOString().slice(0, 10) : '');

/** The admin's village pages: `/villages` lists them with a create form and a featured form per village. */
@ApiExcludeController()
@Controller('villages')
@Roles('admin')
export class AdminVillagesPages {
  constructor(
    private readonly villages: VillagesService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('created') created?: string, @Query('saved') saved?: string) {
    const t = translator(requestLocale(req));
    const notice = created ? t('adminVillages.created', { name: created }) : saved ? t('adminVillages.saved') : null;
    return this.render(req, reply, { notice });
  }

  @Post()
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const story = { vi: optional(form, 'story_vi'), en: optional(form, 'story_en'), de: optional(form, 'story_de'), id: optional(form, 'story_id') };
    try {
      const v = await this.villages.create(actor, {
        name: field(form, 'name'),
        province: field(form, 'province'),
        craft: field(form, 'craft'),
        story: Object.fromEntries(Object.entries(story).filter(([, s]) => s !== undefined)),
        networks: lines(form, 'networks'),
        photos: lines(form, 'photos'),
        latitude: number(form, 'latitude'),
        longitude: number(form, 'longitude'),
      });
      return reply.redirect(`/villages?created=${encodeURIComponent(v.name)}#village-${v.slug}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, { error: err.message, form }, 400);
      throw err;
    }
  }

  @Post(':id/featured')
  async featured(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() form: Form) {
    try {
      const v = await this.villages.setFeatured(actor, id, {
        featured: ['on', 'true', '1'].includes(field(form, 'featured')),
        rank: number(form, 'rank'),
        from: optional(form, 'from'),
        until: optional(form, 'until'),
      });
      return reply.redirect(`/villages?saved=1#village-${v.slug}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, { error: err.message }, 400);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, data: { notice?: string | null; error?: string; form?: Form }, status = 200) {
    const t = translator(requestLocale(req));
    const items = (await this.villages.listAll()).map((v: AdminVillage) => ({
      ...v,
      state: v.featuredNow ? t('adminVillages.featuredNow') : v.featured ? t('adminVillages.featuredLater') : t('adminVillages.notFeatured'),
      fromDay: day(v.featuredFrom),
      untilDay: day(v.featuredUntil),
      storefrontUrl: `${this.config.urls.storefront}/villages/${v.slug}`,
    }));
    return req.server.ocopViews!.send(req, reply, 'villages', { title: t('adminVillages.title'), items, total: items.length, ...data, form: data.form ?? {} }, status);
  }
}
