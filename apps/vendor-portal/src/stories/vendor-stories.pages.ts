import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ConflictError, LOCALES, Rules, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { ProductsService } from '@ocop/catalog';
import { VendorsService } from '@ocop/vendors';
import { CreateStoryDto, MAX_STORY_PHOTOS, pickText, StoriesService, teaser, VillagesService, type StoryInput, type StoryView } from '@ocop/villages';
import { CurrentUser, domainFormError, formErrorsView, MULTIPART_FORM, requestLocale, Roles, validateForm, type FormErrorsView, type FormFieldError } from '@ocop/web';
import { idParam } from '../products/vendor-products.controller';
import { ownProducts, postedList, readStoryForm, STORY_FORM, type Form } from './story-form';
import './stories.i18n';

type T = ReturnType<typeof translator>;

const NOTICES = ['submitted', 'resubmitted'];

/** The form fields showing a story as it is. */
function storyToForm(s: StoryView): Form {
  return {
    villageId: s.villageId,
    kind: s.kind,
    ...Object.fromEntries(
      LOCALES.flatMap((l) => [
        [`title_${l}`, s.title[l] ?? ''],
        [`body_${l}`, s.body[l] ?? ''],
      ]),
    ),
    productIds: s.productIds.join('\n'),
  };
}

/** A story's photos with a description in the page's language. */
function photosOf(s: StoryView, lang: Locale, t: T) {
  const title = pickText(s.title, lang).text;
  return s.photos.map((src, i) => ({ src, alt: t('vendorStories.photoAlt', { n: i + 1, title }) }));
}

/**
 * The vendor's story pages: `/stories` (every story of the vendor with its state in words and the
 * administrator's note), `/stories/new` and `/stories/:id` (a story; a rejected one can be changed
 * and sent again). The form takes texts in four languages (Vietnamese required), the village, the
 * vendor's own products by name and several photos at once; a story waits for an administrator's
 * approval before it is published.
 */
@ApiExcludeController()
@Controller('stories')
@Roles('vendor')
export class VendorStoriesPages {
  constructor(
    private readonly stories: StoriesService,
    private readonly villages: VillagesService,
    private readonly vendors: VendorsService,
    private readonly products: ProductsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('done') done?: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const items = (await this.stories.listForVendor(actor)).map((s) => ({
      id: s.id,
      title: pickText(s.title, lang).text,
      teaser: teaser(pickText(s.body, lang).text, 160),
      village: s.village?.name ?? '',
      state: t(`vendorStories.state.${s.status}`),
      status: s.status,
      rejected: s.status === 'rejected',
      note: s.reviewNote,
      sentOn: s.createdAt,
      photo: photosOf(s, lang, t)[0] ?? null,
      shopUrl: s.status === 'published' ? `${this.config.urls.storefront}/stories/${s.slug}` : null,
    }));
    const notice = typeof done === 'string' && NOTICES.includes(done) ? t(`vendorStories.${done}`) : null;
    return req.server.ocopViews!.send(req, reply, 'stories', { title: t('vendorStories.title'), items, notice });
  }

  @Get('new')
  async newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const profile = await this.vendors.profile(actor);
    return this.renderForm(req, reply, actor, null, { form: { villageId: profile.villageId, kind: 'village' } });
  }

  @Post()
  @RouteConfig(MULTIPART_FORM)
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() body: unknown) {
    const checked = await this.check(req, actor, body, []);
    if ('errors' in checked) return this.renderForm(req, reply, actor, null, checked.errors, 400);
    try {
      await this.stories.submit(actor, checked.input, checked.files);
      return reply.redirect('/stories?done=submitted', 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderForm(req, reply, actor, null, this.refused(req, err, checked), 400);
      throw err;
    }
  }

  @Get(':id')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    const story = await this.stories.getOwn(actor, id);
    return this.renderForm(req, reply, actor, story, { form: storyToForm(story) });
  }

  @Post(':id')
  @RouteConfig(MULTIPART_FORM)
  async resubmit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: unknown) {
    const story = await this.stories.getOwn(actor, id);
    const t = translator(requestLocale(req));
    if (story.status !== 'rejected') return this.renderForm(req, reply, actor, story, { form: storyToForm(story), error: t('vendorStories.notEditable') }, 409);
    const checked = await this.check(req, actor, body, story.photos);
    if ('errors' in checked) return this.renderForm(req, reply, actor, story, checked.errors, 400);
    try {
      await this.stories.resubmit(actor, id, checked.input, checked.files);
      return reply.redirect('/stories?done=resubmitted', 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderForm(req, reply, actor, story, this.refused(req, err, checked), 400);
      if (err instanceof ConflictError) return this.renderForm(req, reply, actor, await this.stories.getOwn(actor, id), { form: checked.form, error: t('vendorStories.notEditable') }, 409);
      throw err;
    }
  }

  /**
   * The posted form as the service's input, or what to show again: problems of the upload, the
   * DTO's rules and products that are not the vendor's, all at once. `photos` are the story's
   * current photos; those ticked for removal are left out.
   */
  private async check(
    req: FastifyRequest,
    actor: Actor,
    body: unknown,
    photos: string[],
  ): Promise<{ input: StoryInput; files: Buffer[]; form: Form; chosePhotos: boolean } | { errors: { form: Form; chosePhotos: boolean } & FormErrorsView }> {
    const lang = requestLocale(req);
    const posted = await readStoryForm(req, body, lang);
    const problems: FormFieldError[] = [...posted.problems];
    const checked = await validateForm(CreateStoryDto, posted.form, STORY_FORM, lang);
    if (checked.errors) problems.push(...checked.errors);
    // Vietnamese is the text every other language falls back to.
    for (const path of ['title.vi', 'body.vi']) {
      const name = path.replace('.', '_');
      const value = posted.form[name];
      if ((typeof value !== 'string' || !value.trim()) && !problems.some((p) => p.name === name)) problems.push(domainFormError(new ValidationError(path, Rules.required()), STORY_FORM, lang));
    }
    const mine = new Set((await ownProducts(this.products, actor, lang)).map((p) => p.id));
    const chosen = postedList(String(posted.form.productIds ?? '').split('\n'));
    if (chosen.some((id) => !mine.has(id)) && !problems.some((p) => p.name === 'productIds')) {
      problems.push(domainFormError(new ValidationError('productIds', Rules.unknownChoice('product')), STORY_FORM, lang));
    }
    const remove = new Set(postedList(posted.form.removePhotos));
    const kept = photos.filter((p) => !remove.has(p));
    if (kept.length + posted.files.length > MAX_STORY_PHOTOS && !problems.some((p) => p.name === 'photos')) {
      problems.push({ field: 'photos', name: 'photos', label: null, message: translator(lang)('vendorStories.photoTooMany') });
    }
    const chosePhotos = posted.files.length > 0;
    if (problems.length || !checked.value) return { errors: { form: posted.form, chosePhotos, ...formErrorsView(problems) } };
    return { input: { ...(checked.value as StoryInput), photos: kept }, files: posted.files, form: posted.form, chosePhotos };
  }

  /** A refusal of the service shown beside its field. */
  private refused(req: FastifyRequest, err: ValidationError, checked: { form: Form; chosePhotos: boolean }) {
    return { form: checked.form, chosePhotos: checked.chosePhotos, ...formErrorsView([domainFormError(err, STORY_FORM, requestLocale(req))]) };
  }

  private async renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    story: StoryView | null,
    data: { form: Form; error?: string; chosePhotos?: boolean } & Partial<FormErrorsView>,
    status = 200,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const chosenProducts = new Set(postedList(String(data.form.productIds ?? '').split('\n')));
    const removed = new Set(postedList(data.form.removePhotos));
    const editable = !story || story.status === 'rejected';
    const villageId = typeof data.form.villageId === 'string' ? data.form.villageId : '';
    return req.server.ocopViews!.send(
      req,
      reply,
      'stories-form',
      {
        title: story ? pickText(story.title, lang).text : t('vendorStories.new'),
        isNew: !story,
        editable,
        action: story ? `/stories/${story.id}` : '/stories',
        story: story
          ? {
              state: t(`vendorStories.state.${story.status}`),
              hint: t(`vendorStories.${story.status === 'rejected' ? 'rejectedHint' : story.status === 'published' ? 'publishedHint' : 'pendingHint'}`),
              note: story.reviewNote,
              text: pickText(story.body, lang).text,
              village: story.village?.name ?? '',
              photos: photosOf(story, lang, t).map((p) => ({ ...p, removed: removed.has(p.src) })),
              shopUrl: story.status === 'published' ? `${this.config.urls.storefront}/stories/${story.slug}` : null,
            }
          : null,
        villages: (await this.villages.choices()).map((v) => ({ id: v.id, label: `${v.name} (${v.province})`, selected: v.id === villageId })),
        kinds: (['village', 'artisan'] as const).map((k) => ({ value: k, label: t(`vendorStories.kind${k === 'village' ? 'Village' : 'Artisan'}`), selected: k === (data.form.kind ?? 'village') })),
        products: (await ownProducts(this.products, actor, lang)).map((p) => ({ ...p, checked: chosenProducts.has(p.id) })),
        fieldErrors: {},
        errors: [],
        unplaced: [],
        ...data,
      },
      status,
    );
  }
}
