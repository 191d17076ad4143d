import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ConflictError, NotFoundError, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { BookingsService, CreateExperienceDto, CreateSlotDto, ExperiencesService, UpdateExperienceDto, type SlotView } from '@ocop/experiences';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, validateForm, type FormErrorsView } from '@ocop/web';
import { sendConfirmation } from '../confirmation';
import { titleIn, vnd, vnTime } from '../orders/present';
import { idParam } from '../products/vendor-products.controller';
import { experienceFormSpec, experienceToForm, SLOT_FORM, vietnamInstant, type Form } from './experience-form';
import './experiences.i18n';

type T = ReturnType<typeof translator>;
type VendorExperience = Awaited<ReturnType<ExperiencesService['getOwn']>>;
type Slot = SlotView;

const NOTICES = ['created', 'saved', 'slotAdded', 'slotCancelled', 'published', 'unpublished'];
const KINDS = ['workshop', 'guided_visit'] as const;

function presentSlot(s: Slot, lang: Locale, t: T) {
  return {
    id: s.id,
    when: vnTime(s.startsAt, lang),
    capacity: s.capacity,
    taken: s.seatsTaken,
    remaining: Math.max(0, s.capacity - s.seatsTaken),
    state: t(`vendorExperiences.slotState.${s.status}`),
    open: s.status === 'open' && new Date(s.startsAt).getTime() > Date.now(),
    experienceId: s.experienceId,
  };
}

/**
 * The vendor's experience pages: `/experiences` (list), `/experiences/new` and `/experiences/:id`
 * (texts per language, duration, price, languages, meeting point, group size, free-cancellation
 * hours; its dates and the form adding one), `/slots/:id` (a date's bookings) and cancelling a
 * date, confirmed on a page saying how many bookings are refunded.
 */
@ApiExcludeController()
@Controller()
@Roles('vendor')
export class VendorExperiencesPages {
  constructor(
    private readonly experiences: ExperiencesService,
    private readonly bookings: BookingsService,
    private readonly config: AppConfig,
  ) {}

  @Get('experiences')
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const now = Date.now();
    const items = [];
    for (const own of await this.experiences.listOwn(actor)) {
      const x = await this.experiences.getOwn(actor, own.id);
      const next = x.slots.filter((s) => s.status === 'open' && new Date(s.startsAt).getTime() > now).sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt))[0];
      items.push({
        id: x.id,
        title: titleIn(x.title, lang),
        state: t(`vendorExperiences.state.${x.status}`),
        price: vnd(x.pricePerPersonVnd, lang),
        next: next ? vnTime(next.startsAt, lang) : t('vendorExperiences.none'),
      });
    }
    return req.server.ocopViews!.send(req, reply, 'experiences', { title: t('vendorExperiences.title'), items });
  }

  @Get('experiences/new')
  async newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    return this.renderForm(req, reply, actor, null, {
      form: { kind: 'workshop', languages: 'vi, en', minGroupSize: '1', maxGroupSize: '10', freeCancellationHours: '48', durationMinutes: '120' },
    });
  }

  @Post('experiences')
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const lang = requestLocale(req);
    const posted = form ?? {};
    const checked = await validateForm(CreateExperienceDto, posted, experienceFormSpec('create'), lang);
    if (checked.errors) return this.renderForm(req, reply, actor, null, { form: posted, ...formErrorsView(checked.errors) }, 400);
    try {
      const x = await this.experiences.create(actor, checked.value);
      return reply.redirect(`/experiences/${x.id}?done=created`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderForm(req, reply, actor, null, { form: posted, ...formErrorsView([domainFormError(err, experienceFormSpec('create'), lang)]) }, 400);
      throw err;
    }
  }

  @Get('experiences/:id')
  async edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Query('done') done?: string) {
    const x = await this.experiences.getOwn(actor, id);
    const t = translator(requestLocale(req));
    return this.renderForm(req, reply, actor, x, { form: experienceToForm(x), notice: done && NOTICES.includes(done) ? t(`vendorExperiences.${done}`) : null });
  }

  @Post('experiences/:id')
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const x = await this.experiences.getOwn(actor, id);
    const lang = requestLocale(req);
    const spec = experienceFormSpec('update');
    const checked = await validateForm(UpdateExperienceDto, form, spec, lang);
    if (checked.errors) return this.renderForm(req, reply, actor, x, { form, ...formErrorsView(checked.errors) }, 400);
    try {
      await this.experiences.update(actor, id, checked.value);
      return reply.redirect(`/experiences/${id}?done=saved`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderForm(req, reply, actor, x, { form, ...formErrorsView([domainFormError(err, spec, lang)]) }, 400);
      throw err;
    }
  }

  @Post('experiences/:id/slots')
  async addSlot(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const x = await this.experiences.getOwn(actor, id);
    const lang = requestLocale(req);
    const t = translator(lang);
    const slotForm = { date: form?.date, time: form?.time, capacity: form?.capacity };
    const checked = await validateForm(CreateSlotDto, { startsAt: vietnamInstant(form?.date, form?.time), capacity: form?.capacity }, SLOT_FORM, lang);
    const again = (errors: FormErrorsView, status: number) => this.renderForm(req, reply, actor, x, { form: experienceToForm(x), slotForm, slotErrors: errors }, status);
    if (checked.errors) return again(formErrorsView(checked.errors), 400);
    if (new Date(checked.value.startsAt).getTime() <= Date.now())
      return again(formErrorsView([{ field: 'startsAt', name: 'startsAt', label: t('vendorExperiences.date'), message: t('vendorExperiences.slotPast') }]), 400);
    try {
      await this.experiences.addSlot(actor, id, checked.value);
      return reply.redirect(`/experiences/${id}?done=slotAdded`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return again(formErrorsView([domainFormError(err, SLOT_FORM, lang)]), 400);
      throw err;
    }
  }

  @Post('experiences/:id/publish')
  publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.setPublished(req, reply, actor, id, true);
  }

  /** Without `confirm=1` answers the confirmation page (the bookings of coming dates stay); with it takes the experience off the shop. */
  @Post('experiences/:id/unpublish')
  async unpublish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    if (form?.confirm === '1') return this.setPublished(req, reply, actor, id, false);
    const x = await this.experiences.getOwn(actor, id);
    if (x.status !== 'published') return reply.redirect(`/experiences/${id}`, 303);
    const lang = requestLocale(req);
    const t = translator(lang);
    const now = Date.now();
    const coming = new Set(x.slots.filter((s) => s.status === 'open' && new Date(s.startsAt).getTime() > now).map((s) => s.id));
    const kept = (await this.experiences.bookingsOfOwn(actor, id)).filter((b) => coming.has(b.slotId) && (b.status === 'confirmed' || b.status === 'awaiting_payment'));
    const people = kept.reduce((a, b) => a + b.people, 0);
    const title = titleIn(x.title, lang);
    return sendConfirmation(req, reply, {
      title: t('vendorExperiences.confirmUnpublishTitle', { title }),
      subject: title,
      lines: [
        t('vendorExperiences.confirmUnpublishHidden'),
        kept.length ? t('vendorExperiences.confirmUnpublishKept', { count: kept.length, people: t('vendorExperiences.peopleCount', { count: people }) }) : t('vendorExperiences.confirmUnpublishNone'),
        t('vendorExperiences.confirmUnpublishAgain'),
      ],
      action: `/experiences/${id}/unpublish`,
      button: t('vendorExperiences.unpublish'),
      back: `/experiences/${id}`,
    });
  }

  @Get('experiences/:id/slots/:slotId')
  slot(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Param('slotId', idParam) slotId: string) {
    return this.renderSlot(req, reply, actor, id, slotId, {});
  }

  /** Without `confirm=1` answers the confirmation page (how many bookings are refunded and told); with it cancels the date. */
  @Post('experiences/:id/slots/:slotId/cancel')
  async cancelSlot(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() actor: Actor,
    @Param('id', idParam) id: string,
    @Param('slotId', idParam) slotId: string,
    @Body() form: Form,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const { experience, slot } = await this.slotOf(actor, id, slotId);
    const s = presentSlot(slot, lang, t);
    if (!s.open) return this.renderSlot(req, reply, actor, id, slotId, { error: t('vendorExperiences.cannotCancel') }, 409);
    if (form?.confirm !== '1') {
      const preview = await this.bookings.slotCancellationPreview(actor, slotId);
      const people = (count: number) => t('vendorExperiences.peopleCount', { count });
      const lines = [
        preview.refunded > 0 ? t('vendorExperiences.confirmCancelText', { count: preview.refunded, people: people(preview.refundedPeople), amount: vnd(preview.refundedVnd, lang) }) : null,
        preview.cancelled > 0 ? t('vendorExperiences.confirmCancelUnpaid', { count: preview.cancelled, people: people(preview.cancelledPeople) }) : null,
        preview.refunded + preview.cancelled === 0 ? t('vendorExperiences.confirmCancelNone') : null,
        t('vendorExperiences.confirmCancelHidden'),
      ].filter((x): x is string => !!x);
      return req.server.ocopViews!.send(req, reply, 'experiences-confirm', {
        title: t('vendorExperiences.confirmCancelTitle', { when: s.when }),
        experience: { id: experience.id, title: titleIn(experience.title, lang) },
        slot: s,
        lines,
      });
    }
    try {
      await this.bookings.cancelSlot(actor, slotId);
    } catch (err) {
      if (err instanceof ConflictError) return this.renderSlot(req, reply, actor, id, slotId, { error: t('vendorExperiences.cannotCancel') }, 409);
      throw err;
    }
    return reply.redirect(`/experiences/${id}?done=slotCancelled`, 303);
  }

  private async setPublished(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, published: boolean) {
    try {
      await this.experiences.setPublished(actor, id, published);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const x = await this.experiences.getOwn(actor, id);
      return this.renderForm(req, reply, actor, x, { form: experienceToForm(x), error: translator(requestLocale(req))('vendorExperiences.notApproved') }, 409);
    }
    return reply.redirect(`/experiences/${id}?done=${published ? 'published' : 'unpublished'}`, 303);
  }

  /** One date of one of the vendor's experiences with that date's bookings; NotFoundError for anything else. */
  private async slotOf(actor: Actor, id: string, slotId: string) {
    const experience = await this.experiences.getOwn(actor, id);
    const slot = experience.slots.find((s) => s.id === slotId);
    if (!slot) throw new NotFoundError('No such date');
    const bookings = (await this.experiences.bookingsOfOwn(actor, id)).filter((b) => b.slotId === slotId);
    return { experience, slot, bookings };
  }

  private async renderSlot(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, slotId: string, data: { error?: string }, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const { experience, slot, bookings } = await this.slotOf(actor, id, slotId);
    const s = presentSlot(slot, lang, t);
    const title = titleIn(experience.title, lang);
    return req.server.ocopViews!.send(
      req,
      reply,
      'experiences-slot',
      {
        title: t('vendorExperiences.slotTitle', { title, when: s.when }),
        experience: { id: experience.id, title },
        slot: s,
        bookings: bookings.map((b) => ({
          reference: b.reference,
          guest: b.shopperName,
          people: b.people,
          total: vnd(b.totalVnd, lang),
          state: t(`vendorExperiences.bookingState.${b.status}`),
        })),
        ...data,
      },
      status,
    );
  }

  private async renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    x: VendorExperience | null,
    data: { form: Form; notice?: string | null; error?: string; slotForm?: Form; slotErrors?: FormErrorsView } & Partial<FormErrorsView>,
    status = 200,
  ) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const slots = x ? x.slots.map((s) => presentSlot(s, lang, t)) : [];
    return req.server.ocopViews!.send(
      req,
      reply,
      'experiences-form',
      {
        title: x ? titleIn(x.title, lang) : t('vendorExperiences.new'),
        isNew: !x,
        action: x ? `/experiences/${x.id}` : '/experiences',
        experience: x
          ? {
              id: x.id,
              state: t(`vendorExperiences.state.${x.status}`),
              published: x.status === 'published',
              shopUrl: x.status === 'published' ? `${this.config.urls.storefront}/experiences/${x.id}` : null,
            }
          : null,
        kinds: KINDS.map((k) => ({ value: k, label: t(`vendorExperiences.kind.${k}`), selected: k === data.form.kind })),
        slots,
        slotForm: data.slotForm ?? { capacity: data.form.maxGroupSize ?? '' },
        fieldErrors: {},
        ...data,
        slotErrors: data.slotErrors ?? { errors: [], fieldErrors: {}, unplaced: [] },
      },
      status,
    );
  }
}
