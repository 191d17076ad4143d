import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, NotFoundError, translator, ValidationError, type Actor } from '@ocop/core';
import { ProductQueryService } from '@ocop/catalog';
import { CreateVillageDto, FeaturedVillageDto, pickText, teaser, UpdateVillageDto, VillagesService, type AdminVillage } from '@ocop/villages';
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

/** The edit form's fields, read into `UpdateVillageDto`: a blank name, province or craft is refused, a blank story leaves that language as it is, blank coordinates clear them. */
const EDIT_FORM: FormSpec = {
  ...CREATE_FORM,
  name: { label: 'adminVillages.name', blank: 'keep' },
  province: { label: 'adminVillages.province', blank: 'keep' },
  craft: { label: 'adminVillages.craft', blank: 'keep' },
  networks: { label: 'adminVillages.networks', kind: 'lines', blank: 'keep' },
  photos: { label: 'adminVillages.photos', kind: 'lines', blank: 'keep' },
  latitude: { label: 'adminVillages.latitude', kind: 'number', blank: 'null' },
  longitude: { label: 'adminVillages.longitude', kind: 'number', blank: 'null' },
};

/** A village's featured form, read into `FeaturedVillageDto`; a blank rank or day clears it. */
const FEATURED_FORM: FormSpec = {
  featured: { label: 'adminVillages.featured', kind: 'checkbox' },
  rank: { label: 'adminVillages.rank', kind: 'int', blank: 'null' },
  from: { label: 'adminVillages.from', blank: 'null' },
  until: { label: 'adminVillages.until', blank: 'null' },
};

const day = (d: Date | null): string => (d ? new Date(d).toISOString().slice(0, 10) : '');

/**
 * The admin's village pages: `/villages` lists them (name, place, featured state, a link to each
 * one's page), `/villages/new` is the form for a new one and `/villages/:id` one village's form and
 * its featured curation, so one form is open at a time.
 */
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
    if (on !== undefined && !day) return this.renderList(req, reply, { previewError: t('form.isDate', { label: t('adminVillages.previewOn') }) }, 400);
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
    return this.renderList(req, reply, { notice });
  }

  @Get('new')
  newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderNew(req, reply, {});
  }

  @Post()
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(CreateVillageDto, form, CREATE_FORM, locale);
    if (checked.errors) return this.renderNew(req, reply, { form, ...formErrorsView(checked.errors) }, 400);
    try {
      const v = await this.villages.create(actor, checked.value as never);
      return reply.redirect(`/villages?created=${encodeURIComponent(v.name)}#village-${v.slug}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderNew(req, reply, { form, ...formErrorsView([domainFormError(err, CREATE_FORM, locale)]) }, 400);
      throw err;
    }
  }

  @Get(':id')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id', uuidParam('id')) id: string, @Query('saved') saved?: string) {
    const t = translator(requestLocale(req));
    return this.renderOne(req, reply, id, { notice: saved ? t('adminVillages.saved') : null });
  }

  /** Saves the village's own form; a story left blank keeps that language's text. */
  @Post(':id')
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(UpdateVillageDto, form, EDIT_FORM, locale);
    if (checked.errors) return this.renderOne(req, reply, id, { form, edit: formErrorsView(checked.errors) }, 400);
    try {
      await this.villages.update(actor, id, checked.value as never);
      return reply.redirect(`/villages/${id}?saved=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderOne(req, reply, id, { form, edit: formErrorsView([domainFormError(err, EDIT_FORM, locale)]) }, 400);
      throw err;
    }
  }

  @Post(':id/featured')
  async featured(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(FeaturedVillageDto, form, FEATURED_FORM, locale);
    if (checked.errors) return this.renderOne(req, reply, id, { featured: formErrorsView(checked.errors) }, 400);
    try {
      const v = await this.villages.setFeatured(actor, id, checked.value as never);
      return reply.redirect(`/villages?saved=1#village-${v.slug}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderOne(req, reply, id, { featured: formErrorsView([domainFormError(err, FEATURED_FORM, locale)]) }, 400);
      throw err;
    }
  }

  private state(v: AdminVillage, t: ReturnType<typeof translator>): string {
    return v.featuredNow ? t('adminVillages.featuredNow') : v.featured ? t('adminVillages.featuredLater') : t('adminVillages.notFeatured');
  }

  private async renderList(req: FastifyRequest, reply: FastifyReply, data: { notice?: string | null; previewError?: string }, status = 200) {
    const t = translator(requestLocale(req));
    const items = (await this.villages.listAll()).map((v) => ({
      id: v.id,
      slug: v.slug,
      name: v.name,
      province: v.province,
      craft: v.craft,
      featuredRank: v.featuredRank,
      featuredFrom: v.featuredFrom,
      featuredUntil: v.featuredUntil,
      state: this.state(v, t),
      storefrontUrl: `${this.config.urls.storefront}/villages/${v.slug}`,
    }));
    return req.server.ocopViews!.send(
      req,
      reply,
      'villages',
      { title: t('adminVillages.title'), items, total: items.length, notice: data.notice ?? null, previewError: data.previewError ?? null, today: new Date().toISOString().slice(0, 10) },
      status,
    );
  }

  private renderNew(req: FastifyRequest, reply: FastifyReply, data: { form?: Form } & Partial<FormErrorsView>, status = 200) {
    const t = translator(requestLocale(req));
    return req.server.ocopViews!.send(
      req,
      reply,
      'villages-form',
      {
        title: t('adminVillages.create'),
        heading: t('adminVillages.create'),
        action: '/villages',
        testid: 'create-village',
        button: t('adminVillages.create'),
        errors: data.errors ?? [],
        fieldErrors: data.fieldErrors ?? {},
        unplaced: data.unplaced ?? [],
        form: data.form ?? {},
      },
      status,
    );
  }

  private async renderOne(req: FastifyRequest, reply: FastifyReply, id: string, data: { notice?: string | null; form?: Form; edit?: FormErrorsView; featured?: FormErrorsView }, status = 200) {
    const t = translator(requestLocale(req));
    const v = (await this.villages.listAll()).find((x) => x.id === id);
    if (!v) throw new NotFoundError('No such village');
    const lines = (xs: string[]) => xs.join('\n');
    const form = data.form ?? {
      name: v.name,
      province: v.province,
      craft: v.craft,
      story_vi: v.story.vi ?? '',
      story_en: v.story.en ?? '',
      story_de: v.story.de ?? '',
      story_id: v.story.id ?? '',
      networks: lines(v.networks),
      photos: lines(v.photos),
      latitude: v.latitude ?? '',
      longitude: v.longitude ?? '',
    };
    return req.server.ocopViews!.send(
      req,
      reply,
      'villages-form',
      {
        title: v.name,
        heading: v.name,
        notice: data.notice ?? null,
        village: { ...v, state: this.state(v, t), fromDay: day(v.featuredFrom), untilDay: day(v.featuredUntil), storefrontUrl: `${this.config.urls.storefront}/villages/${v.slug}` },
        action: `/villages/${v.id}`,
        testid: 'edit-village',
        button: t('adminVillages.save'),
        errors: data.edit?.errors ?? [],
        fieldErrors: data.edit?.fieldErrors ?? {},
        unplaced: data.edit?.unplaced ?? [],
        form,
        featuredErrors: data.featured ?? formErrorsView([]),
      },
      status,
    );
  }
}
