import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, Rules, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { detectImageType, MAX_IMAGE_BYTES } from '@ocop/storage';
import { CreateStoryDto, MAX_STORY_PHOTOS, pickText, StoriesService, teaser, VillagesService } from '@ocop/villages';
import {
  CurrentUser,
  domainFormError,
  formErrorsView,
  MULTIPART_FORM,
  readMultipartForm,
  requestLocale,
  Roles,
  validateForm,
  type FormErrorsView,
  type FormFieldError,
  type FormSpec,
} from '@ocop/web';
import { uuidParam } from '../villages/admin-villages.controller';
import './stories.i18n';

type Form = Record<string, unknown>;

const STORY_FORM: FormSpec = {
  villageId: { label: 'adminStories.village' },
  kind: { label: 'adminStories.kind' },
  'title.vi': { label: 'adminStories.titleVi' },
  'title.en': { label: 'adminStories.titleEn' },
  'title.de': { label: 'adminStories.titleDe' },
  'title.id': { label: 'adminStories.titleId' },
  'body.vi': { label: 'adminStories.bodyVi' },
  'body.en': { label: 'adminStories.bodyEn' },
  'body.de': { label: 'adminStories.bodyDe' },
  'body.id': { label: 'adminStories.bodyId' },
  productIds: { label: 'adminStories.productIds', kind: 'lines' },
};

const text = (form: Form, key: string) => (typeof form?.[key] === 'string' ? (form[key] as string) : '');

const photoProblem = (message: string): FormFieldError => ({ field: 'photos', name: 'photos', label: null, message });

/**
 * The publishing form as posted: multipart with its photos (as the page sends it) or url-encoded
 * without any, and what is wrong with the upload in the page's words (each photo is checked by its
 * bytes here too, to name the file at fault). Never throws for the body.
 */
async function readStoryForm(req: FastifyRequest, body: unknown, locale: Locale): Promise<{ form: Form; files: Buffer[]; problems: FormFieldError[] }> {
  const t = translator(locale);
  if (!req.isMultipart()) return { form: body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Form) } : {}, files: [], problems: [] };
  const read = await readMultipartForm(req, {
    field: 'photos',
    maxFileBytes: MAX_IMAGE_BYTES,
    maxFiles: MAX_STORY_PHOTOS,
    maxFields: 100,
    // A text of 20,000 characters in any script, with room for line ends.
    maxFieldBytes: 100_000,
    notMultipart: t('adminStories.photoMalformed'),
    tooLarge: t('adminStories.photoTooLarge'),
    tooMany: t('adminStories.photoTooMany'),
    malformed: t('adminStories.photoMalformed'),
    fieldTooLong: t('adminStories.tooLong'),
  });
  const problems: FormFieldError[] = [];
  if (read.problem?.field === 'photos') problems.push(photoProblem(read.problem.message.slice('photos: '.length)));
  else if (read.problem) problems.push({ field: read.problem.field, name: null, label: null, message: t('adminStories.tooLong') });
  for (const f of read.files) {
    const name = (f.filename ?? '').slice(0, 80) || t('adminStories.photos');
    if (f.data.length === 0) problems.push(photoProblem(t('adminStories.photoEmpty', { name })));
    else if (!detectImageType(f.data)) problems.push(photoProblem(t('adminStories.photoType', { name })));
  }
  return { form: { ...read.fields }, files: read.files.map((f) => f.data), problems };
}

/** `/stories`: stories waiting for review (approve or reject with a note, each confirmed) and a form to publish one. */
@ApiExcludeController()
@Controller('stories')
@Roles('admin')
export class AdminStoriesPages {
  constructor(
    private readonly stories: StoriesService,
    private readonly villages: VillagesService,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    const notice = done === 'published' || done === 'approved' || done === 'rejected' ? t(`adminStories.done.${done}`) : null;
    return this.render(req, reply, actor, { notice });
  }

  /**
   * Publishes a story from the form, with the photos chosen in it (multipart, its CSRF token in the
   * form) or none (url-encoded). A refused form is shown again as typed (400), never redirected.
   */
  @Post()
  @RouteConfig(MULTIPART_FORM)
  async publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() body: unknown) {
    const locale = requestLocale(req);
    const { form, files, problems } = await readStoryForm(req, body, locale);
    const checked = await validateForm(CreateStoryDto, form, STORY_FORM, locale);
    const all = [...problems, ...(checked.errors ?? [])];
    // Vietnamese is the text every other language falls back to.
    for (const path of ['title.vi', 'body.vi']) {
      const name = path.replace('.', '_');
      if (!text(form, name).trim() && !all.some((p) => p.name === name)) all.push(domainFormError(new ValidationError(path, Rules.required()), STORY_FORM, locale));
    }
    const chosePhotos = files.length > 0;
    if (all.length || !checked.value) return this.render(req, reply, actor, { form, chosePhotos, ...formErrorsView(all) }, 400);
    try {
      await this.stories.publish(actor, checked.value as never, files);
      return reply.redirect('/stories?done=published', 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, actor, { form, chosePhotos, ...formErrorsView([domainFormError(err, STORY_FORM, locale)]) }, 400);
      throw err;
    }
  }

  /** Without `confirm=1` answers the confirmation page; with it approves or rejects. */
  @Post(':id/:decision')
  async review(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('decision') decision: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    if (decision !== 'approve' && decision !== 'reject') throw new ValidationError('decision', 'must be approve or reject');
    const note = text(form, 'note').trim().slice(0, 500);
    if (decision === 'reject' && !note) return this.render(req, reply, actor, { reviewError: { id, message: t('adminStories.noteNeeded') } }, 400);
    if (text(form, 'confirm') !== '1') {
      const s = (await this.stories.listForAdmin(actor, 'pending')).find((x) => x.id === id);
      if (!s) return reply.redirect('/stories', 303);
      return req.server.ocopViews!.send(req, reply, 'confirm', {
        title: t(`adminStories.confirm.${decision}`, { title: pickText(s.title, lang).text }),
        texts: [t(`adminStories.confirmText.${decision}`)],
        facts: [
          { label: t('adminStories.village'), value: s.village?.name ?? '' },
          { label: t('adminStories.note'), value: note || '—' },
        ],
        action: `/stories/${id}/${decision}`,
        hidden: [{ name: 'note', value: note }],
        button: t(`adminStories.${decision}`),
        back: '/stories',
      });
    }
    try {
      if (decision === 'approve') await this.stories.approve(actor, id, note);
      else await this.stories.reject(actor, id, note);
      return reply.redirect(`/stories?done=${decision === 'approve' ? 'approved' : 'rejected'}`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return this.render(req, reply, actor, { reviewError: { id, message: t('adminStories.alreadyReviewed') } }, 409);
      throw err;
    }
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    data: { notice?: string | null; form?: Form; chosePhotos?: boolean; reviewError?: { id: string; message: string } } & Partial<FormErrorsView>,
    status = 200,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const present = (s: Awaited<ReturnType<StoriesService['listForAdmin']>>[number]) => ({
      id: s.id,
      slug: s.slug,
      title: pickText(s.title, lang).text,
      photos: s.photos.map((src, i) => ({ src, alt: t('adminStories.photoAlt', { n: i + 1, title: pickText(s.title, lang).text }) })),
      teaser: teaser(pickText(s.body, lang).text, 400),
      village: s.village?.name ?? '',
      status: t(`adminStories.status.${s.status}`),
      fromVendor: !!s.vendorId,
      reviewNote: s.reviewNote,
      createdAt: s.createdAt,
      error: data.reviewError?.id === s.id ? data.reviewError.message : null,
    });
    const all = await this.stories.listForAdmin(actor);
    return req.server.ocopViews!.send(
      req,
      reply,
      'stories',
      {
        title: t('adminStories.title'),
        pending: all.filter((s) => s.status === 'pending').map(present),
        others: all.filter((s) => s.status !== 'pending').map(present),
        villages: await this.villages.choices(),
        notice: data.notice ?? null,
        errors: data.errors ?? [],
        fieldErrors: data.fieldErrors ?? {},
        unplaced: data.unplaced ?? [],
        form: data.form ?? {},
        chosePhotos: data.chosePhotos ?? false,
      },
      status,
    );
  }
}
