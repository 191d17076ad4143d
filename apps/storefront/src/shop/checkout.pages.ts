import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { CartService, cartKeyForUser, CheckoutDto, CheckoutService, shippingZone, type CartView, type PaymentMethod } from '@ocop/orders';
import { PaymentsService, STRIPE_CHECKOUT_ORIGIN } from '@ocop/payments';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, validateForm, type FormErrorsView, type FormFieldError, type FormSpec } from '@ocop/web';
import { bookingReasonWords, checkoutSummary, countryName, countryOptions, presentCart, reasonWords, titleIn } from './present';
import { formatVietnamTime } from '../products/present';
import '../products/catalog.i18n';
import './shop.i18n';

type Form = Record<string, unknown>;
type T = ReturnType<typeof translator>;

/** The checkout form's fields, read into the API's `CheckoutDto`. */
const CHECKOUT_FORM: FormSpec = {
  'shippingAddress.name': { label: 'shop.checkout.name', name: 'name' },
  'shippingAddress.line1': { label: 'shop.checkout.line1', name: 'line1' },
  'shippingAddress.city': { label: 'shop.checkout.city', name: 'city' },
  'shippingAddress.country': { label: 'shop.checkout.country', name: 'country' },
  'shippingAddress.postalCode': { label: 'shop.checkout.postalCode', name: 'postalCode' },
  'shippingAddress.phone': { label: 'shop.checkout.phone', name: 'phone' },
  paymentMethod: { label: 'shop.checkout.payment', name: 'paymentMethod' },
};

/** The same form for a cart of experience bookings alone: nothing is shipped, so no address. */
const PAYMENT_ONLY_FORM: FormSpec = {
  paymentMethod: CHECKOUT_FORM.paymentMethod,
};

const text = (form: Form, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const fieldError = (name: string, label: string, message: string): FormFieldError => ({ field: name, name, label, message });

/**
 * Whether the checkout form may send the shopper on to `url`: a page of this site (the sandbox)
 * or Stripe's hosted Checkout, the only other place the page's CSP `form-action` allows (and only
 * when Stripe is configured). Anything else (the bank transfer's QR) is shown on the order page.
 */
function mayLeadTo(url: string): boolean {
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  try {
    return new URL(url).origin === STRIPE_CHECKOUT_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * `/checkout`: the shipping address, the way to pay (among those enabled; bank transfer for
 * Vietnamese addresses only) and the order the cart becomes, one parcel per vendor with its
 * shipping, and the experience bookings paid with it. A cart of bookings alone asks for no
 * address. Placing it starts the payment and sends the shopper to pay (the sandbox's page, or
 * Stripe's hosted Checkout for cards) or to the order page, which shows the bank transfer's QR
 * code. When a product cannot be bought or a date is full nothing is ordered and the cart stays
 * as it was.
 */
@ApiExcludeController()
@Controller('checkout')
@Roles('shopper')
export class CheckoutPages {
  constructor(
    private readonly cart: CartService,
    private readonly checkout: CheckoutService,
    private readonly payments: PaymentsService,
  ) {}

  @Get()
  async form(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const methods = this.checkout.enabledPaymentMethods();
    return this.render(req, reply, actor, { name: actor.name, country: 'VN', paymentMethod: methods[0] ?? '' });
  }

  @Post()
  async place(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const locale = requestLocale(req);
    const t = translator(locale);
    // "Update shipping": the same page for the country chosen, nothing checked or placed.
    if (text(form, 'action') === 'quote') return this.render(req, reply, actor, form);
    const needsAddress = (await this.cart.view(cartKeyForUser(actor.id), undefined, locale)).items.length > 0;
    const spec = needsAddress ? CHECKOUT_FORM : PAYMENT_ONLY_FORM;
    const checked = await validateForm(CheckoutDto, { ...form, country: text(form, 'country').toUpperCase() }, spec, locale);
    if (checked.errors) return this.render(req, reply, actor, form, formErrorsView(checked.errors), 400);
    const input = checked.value;
    const country = input.shippingAddress?.country ?? 'VN';
    if (needsAddress && input.paymentMethod === 'vietqr' && shippingZone(country) !== 'domestic')
      return this.render(req, reply, actor, form, formErrorsView([fieldError('paymentMethod', t('shop.checkout.payment'), t('shop.checkout.vietqrOnlyVn'))]), 400);
    let orderId: string;
    try {
      orderId = (await this.checkout.checkout(actor, input, locale)).id;
    } catch (err) {
      if (err instanceof ConflictError) return this.render(req, reply, actor, form, { problems: await this.problemLines(actor, err, locale, t) }, 409);
      if (err instanceof ValidationError) return this.render(req, reply, actor, form, formErrorsView([await this.refusal(actor, err, country, locale, t)]), 400);
      throw err;
    }
    let payUrl: string | undefined;
    try {
      payUrl = (await this.payments.startForOrder(orderId)).payUrl;
    } catch (err) {
      // The order stands; its page offers the payment again.
      req.log.warn({ err, orderId }, 'starting the payment failed');
    }
    return reply.redirect(payUrl && mayLeadTo(payUrl) ? payUrl : `/orders/${orderId}`, 303);
  }

  /** The lines a 409 names, in words, read from the cart as it is now. */
  private async problemLines(actor: Actor, err: ConflictError, lang: Locale, t: T): Promise<string[]> {
    const cart = await this.cart.view(cartKeyForUser(actor.id), undefined, lang);
    const named = ((err.details.errors as { field?: string }[] | undefined) ?? []).map((e) => String(e.field ?? ''));
    const lines = cart.items.filter((l) => named.includes(`items.${l.productId}`) || !l.sellable);
    const places = cart.bookings.filter((b) => named.includes(`bookings.${b.slotId}`) || !b.available);
    return [
      ...lines.map((l) =>
        t('shop.checkout.lineProblem', {
          title: titleIn(l.title, lang),
          reason: l.sellable ? t('shop.cart.problem.not_enough_stock') : reasonWords(l, t),
        }),
      ),
      ...places.map((b) =>
        t('shop.checkout.lineProblem', {
          title: `${titleIn(b.title, lang)} (${formatVietnamTime(new Date(b.startsAt), lang)})`,
          // Seats taken by someone else while checking out: the cart read a moment ago still had them.
          reason: b.available ? t('shop.cart.booking.slot_full') : bookingReasonWords(b, t),
        }),
      ),
    ];
  }

  /** A 400 from checkout as a form error in the page language. */
  private async refusal(actor: Actor, err: ValidationError, country: string, lang: Locale, t: T): Promise<FormFieldError> {
    if (err.field === 'items') return { field: 'items', name: null, label: null, message: t('shop.checkout.cartEmpty') };
    if (err.field === 'shippingAddress.country' && shippingZone(country) !== 'domestic') {
      const cart = await this.cart.view(cartKeyForUser(actor.id));
      const stuck = cart.items.filter((l) => !l.exportEligible).map((l) => t('shop.checkout.notExported', { title: titleIn(l.title, lang) }));
      if (stuck.length) return fieldError('country', t('shop.checkout.country'), stuck.join(' '));
    }
    return domainFormError(err, CHECKOUT_FORM, lang);
  }

  private async render(req: FastifyRequest, reply: FastifyReply, actor: Actor, form: Form, problems: Partial<FormErrorsView> & { problems?: string[] } = {}, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const cart: CartView = await this.cart.view(cartKeyForUser(actor.id), undefined, lang);
    const country = /^[A-Za-z]{2}$/.test(text(form, 'country')) ? text(form, 'country').toUpperCase() : 'VN';
    const needsAddress = cart.items.length > 0;
    const chosen = text(form, 'paymentMethod');
    const methods = this.checkout
      .enabledPaymentMethods()
      .map((m: PaymentMethod) => ({ value: m, label: t(`shop.checkout.method.${m}`), checked: m === chosen, note: m === 'vietqr' && needsAddress ? t('shop.checkout.vietqrOnlyVn') : null }));
    const presented = presentCart(cart, lang, t);
    const unsellable = [...presented.lines.filter((l) => !l.sellable), ...presented.bookings.filter((b) => !b.available)];
    return req.server.ocopViews!.send(
      req,
      reply,
      'checkout',
      {
        title: t('shop.checkout.title'),
        form: { ...form, country },
        countries: countryOptions(country, lang),
        methods,
        summary: checkoutSummary(cart, country, lang, t),
        needsAddress,
        shippingTo: needsAddress ? t('shop.checkout.shippingTo', { country: countryName(country, lang) }) : t('shop.checkout.nothingShipped'),
        unsellable,
        canPlace: cart.sellableCount > 0 && methods.length > 0,
        hasItems: cart.sellableCount > 0,
        fieldErrors: {},
        ...problems,
      },
      status,
    );
  }
}
