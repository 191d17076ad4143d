import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { AddCartBookingDto, BookingsService, CartBookingsService, CreateBookingDto, ExperiencesService, type BookingView } from '@ocop/experiences';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { cartKeyCreating } from '../shop/guest-cart';
import { presentExperience, presentSlots } from './present';
import '../shop/shop.i18n';
import './experiences.i18n';

type Form = Record<string, unknown>;

/** The booking form's fields, read into the API's booking DTO. */
const BOOKING_FORM: FormSpec = {
  slotId: { label: 'exp.chooseSlot' },
  people: { label: 'exp.people', kind: 'int' },
  paymentMethod: { label: 'exp.payment' },
};

/** The same form's fields when it puts the party in the cart (the payment is chosen at checkout). */
const CART_FORM: FormSpec = {
  slotId: { label: 'exp.chooseSlot' },
  people: { label: 'exp.people', kind: 'int' },
};

/** The host vendor's name when the experience carries it. */
function hostName(x: object): string {
  const vendor = (x as { vendor?: { name?: unknown } }).vendor;
  return typeof vendor?.name === 'string' ? vendor.name : '';
}

/** A page of this site the booking form may send the shopper on to (the sandbox's pay page), else null. */
function sitePath(url: string | undefined): string | null {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : null;
}

/**
 * `/experiences/:id`: a visit or workshop in a craft village, its upcoming dates with the places
 * left, and the booking form (date, people, way to pay). Booking holds the places and sends the
 * shopper to pay (the sandbox's page) or to the booking's page; "Add to cart" puts the party in
 * the cart (a guest's too) to be paid with products in one checkout, holding no places until
 * then. A full date changes nothing.
 */
@ApiExcludeController()
@Controller('experiences')
export class ExperiencePages {
  constructor(
    private readonly experiences: ExperiencesService,
    private readonly bookings: BookingsService,
    private readonly places: CartBookingsService,
  ) {}

  @Get(':id')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.render(req, reply, id, { people: '' });
  }

  @Post(':id/book')
  @Roles('shopper')
  async book(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id') id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const checked = await validateForm(CreateBookingDto, form, BOOKING_FORM, lang);
    if (checked.errors) return this.render(req, reply, id, form, formErrorsView(checked.errors), 400);
    const slots = await this.experiences.upcomingSlots(id);
    if (!slots.some((s) => s.id === checked.value.slotId)) return this.render(req, reply, id, form, { problem: t('exp.problem.slot') }, 409);
    let booking: BookingView;
    try {
      booking = await this.bookings.book(actor, checked.value, lang);
    } catch (err) {
      if (err instanceof ConflictError)
        return this.render(req, reply, id, form, { problem: t((err.details as { reason?: string }).reason === 'slot_full' ? 'exp.problem.full' : 'exp.problem.slot') }, 409);
      if (err instanceof NotFoundError) return this.render(req, reply, id, form, { problem: t('exp.problem.slot') }, 409);
      if (err instanceof ValidationError) return this.render(req, reply, id, form, formErrorsView([domainFormError(err, BOOKING_FORM, lang)]), 400);
      throw err;
    }
    return reply.redirect(sitePath(booking.payment?.payUrl) ?? `/bookings/${booking.id}`, 303);
  }

  /** Puts the chosen date and party in the cart (a guest gets a cart cookie) and shows the cart; a problem re-shows the form. */
  @Post(':id/cart')
  async addToCart(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const checked = await validateForm(AddCartBookingDto, form, CART_FORM, lang);
    if (checked.errors) return this.render(req, reply, id, form, formErrorsView(checked.errors), 400);
    const slots = await this.experiences.upcomingSlots(id);
    if (!slots.some((s) => s.id === checked.value.slotId)) return this.render(req, reply, id, form, { problem: t('exp.problem.slot') }, 409);
    try {
      await this.places.add(cartKeyCreating(req, reply), checked.value.slotId, checked.value.people, lang);
    } catch (err) {
      if (err instanceof ConflictError)
        return this.render(req, reply, id, form, { problem: t((err.details as { reason?: string }).reason === 'slot_full' ? 'exp.problem.full' : 'exp.problem.slot') }, 409);
      if (err instanceof NotFoundError) return this.render(req, reply, id, form, { problem: t('exp.problem.slot') }, 409);
      if (err instanceof ValidationError) return this.render(req, reply, id, form, formErrorsView([domainFormError(err, CART_FORM, lang)]), 400);
      throw err;
    }
    return reply.redirect('/cart?done=bookingAdded', 303);
  }

  private async render(req: FastifyRequest, reply: FastifyReply, id: string, form: Form, problems: Partial<FormErrorsView> & { problem?: string } = {}, status = 200) {
    const lang: Locale = requestLocale(req);
    const t = translator(lang);
    const x = await this.experiences.getPublic(id);
    const slots = await this.experiences.upcomingSlots(id);
    const chosen = typeof form.slotId === 'string' ? form.slotId : '';
    const presented = presentSlots(slots, lang, t, chosen);
    const actor = req.actor ?? null;
    const pickedMethod = typeof form.paymentMethod === 'string' ? form.paymentMethod : '';
    const enabled = this.bookings.enabledPaymentMethods();
    const methods = enabled.map((m, i) => ({ value: m, label: t(`shop.checkout.method.${m}`), checked: pickedMethod ? m === pickedMethod : i === 0 }));
    const open = presented.filter((s) => !s.full);
    const shopper = !!actor?.roles.includes('shopper');
    const facts = presentExperience(x, lang, t);
    const people = typeof form.people === 'string' && form.people ? form.people : String(x.minGroupSize);
    return req.server.ocopViews!.send(
      req,
      reply,
      'experience',
      {
        title: facts.title,
        x: { ...facts, village: x.village, hostedBy: hostName(x) ? t('exp.hostedBy', { vendor: hostName(x) }) : null },
        slots: presented,
        openSlots: open.length === 1 && !chosen ? open.map((s) => ({ ...s, checked: true })) : open,
        bookable: open.length > 0,
        canBook: shopper && open.length > 0 && methods.length > 0,
        canAddToCart: open.length > 0 && (shopper || !actor),
        needsLogin: !actor,
        notShopper: !!actor && !shopper,
        noMethods: shopper && methods.length === 0,
        methods,
        form: { people },
        fieldErrors: {},
        ...problems,
      },
      status,
    );
  }
}
