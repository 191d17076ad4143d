import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, translator, ValidationError, type Actor } from '@ocop/core';
import { ProductQueryService } from '@ocop/catalog';
import { CreateVillageDto, FeaturedVillageDto, pickText, teaser, VillagesService, type AdminVillage } from '@ocop/villages';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { uuidParam } from './admin-villages.controller';
import './villages.i18n';

type Form = Record<string, unknown>;

/** The create form's fields, read into `CreateVillageDto`. */
const CREATE_FORM: FormSpec = {
  name: { label: 'adminVillages.name' },
  province: { label: 'adminVillages.province' },
  craft: { label: 'adminVillages.craft' },
  'story.vi': { label: 'adminVillages.storyVi' },
  'story.en': { label: 'adminVillages.storyEn' },
  'story.de': { label: 'adminVillages.storyDe' },
  'story.id': { label: 'adminVillages.storyId' },
  networks: { label: 'adminVillages.networks', kind: 'lines' },
  photos: { label: 'adminVillages.photos', kind: 'lines' },
  latitude: { label: 'adminVillages.latitude', kind: 'number' },
  longitude: { label: 'adminVillages.longitude', kind: 'number' },
};

/** A village's featured form, read into `FeaturedVillageDto`; a blank rank or day clears it. */
const FEATURED_FORM: FormSpec = {
  featured: { label: 'adminVillages.featured', kind: 'checkbox' },
  rank: { label: 'adminVillages.rank', kind: 'int', blank: 'null' },
  from: { label: 'adminVillages.from', blank: 'null' },
  until: { label: 'adminVillages.until', blank: 'null' },
};

const day = (d: Date | null): string => (d ? new Date(d).toISOString().slice(0, 10) : '');

/** The admin's village pages: `/villages` lists them with a create form and a featured form per village. */
@ApiExcludeController()
@Controller('villages')
@Roles('admin')
export class AdminVillagesPages {
  constructor(
    private readonly villages: VillagesService,
    private readonly config: AppConfig,
    private readonly products: ProductQueryService,
  ) {}

  /**
   * What the storefront's home page shows on a day: the villages featured then in rank order
   * (the same `featuredOn` the home page reads) and the products it shows from them.
   */
  @Get('preview')
  async preview(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('on') on?: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const day = typeof on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(on) && !Number.isNaN(Date.parse(on)) ? on : null;
    if (on !== undefined && !day) return this.render(req, reply, { previewError: t('form.isDate', { label: t('adminVillages.previewOn') }) }, 400);
    const date = day ? new Date(`${day}T00:00:00Z`) : null;
    const featured = date ? await this.villages.featuredOn(date) : [];
    const products = featured.length ? (await this.products.list({ village: featured.map((v) => v.slug), sort: 'newest', limit: 8, lang })).items : [];
    return req.server.ocopViews!.send(req, reply, 'villages-preview', {
      title: t('adminVillages.previewTitle'),
      on: day ?? new Date().toISOString().slice(0, 10),
      shown: !!date,
      featured: featured.map((v, i) => ({ position: i + 1, name: v.name, slug: v.slug, craft: v.craft, province: v.province, teaser: teaser(pickText(v.story, lang).text) })),
      products: products.map((p) => ({ title: p.title, village: p.village.name })),
    });
  }

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('created') created?: string, @Query('saved') saved?: string) {
    const t = translator(requestLocale(req));
    const notice = created ? t('adminVillages.created', { name: created }) : saved ? t('adminVillages.saved') : null;
    return this.render(req, reply, { notice });
  }

  @Post()
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(CreateVillageDto, form, CREATE_FORM, locale);
    if (checked.errors) return this.render(req, reply, { form, ...formErrorsView(checked.errors) }, 400);
    try {
      const v = await this.villages.create(actor, checked.value as never);
      return reply.redirect(`/villages?created=${encodeURIComponent(v.name)}#village-${v.slug}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, { form, ...formErrorsView([domainFormError(err, CREATE_FORM, locale)]) }, 400);
      throw err;
    }
  }

  @Post(':id/featured')
  async featured(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(FeaturedVillageDto, form, FEATURED_FORM, locale);
    if (checked.errors) return this.render(req, reply, { featured: { villageId: id, ...formErrorsView(checked.errors) } }, 400);
    try {
      const v = await this.villages.setFeatured(actor, id, checked.value as never);
      return reply.redirect(`/villages?saved=1#village-${v.slug}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, { featured: { villageId: id, ...formErrorsView([domainFormError(err, FEATURED_FORM, locale)]) } }, 400);
      throw err;
    }
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    data: { notice?: string | null; form?: Form; featured?: FormErrorsView & { villageId: string }; previewError?: string } & Partial<FormErrorsView>,
    status = 200,
  ) {
    const t = translator(requestLocale(req));
    const items = (await this.villages.listAll()).map((v: AdminVillage) => ({
      ...v,
      state: v.featuredNow ? t('adminVillages.featuredNow') : v.featured ? t('adminVillages.featuredLater') : t('adminVillages.notFeatured'),
      fromDay: day(v.featuredFrom),
      untilDay: day(v.featuredUntil),
      storefrontUrl: `${this.config.urls.storefront}/villages/${v.slug}`,
      featuredErrors: data.featured?.villageId === v.id ? data.featured : null,
    }));
    return req.server.ocopViews!.send(
      req,
      reply,
      'villages',
      {
        title: t('adminVillages.title'),
        items,
        total: items.length,
        notice: data.notice,
        previewError: data.previewError ?? null,
        today: new Date().toISOString().slice(0, 10),
        errors: data.errors ?? [],
        fieldErrors: data.fieldErrors ?? {},
        unplaced: data.unplaced ?? [],
        form: data.form ?? {},
      },
      status,
    );
  }
}
