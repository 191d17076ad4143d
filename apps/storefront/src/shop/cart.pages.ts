import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, translator, ValidationError } from '@ocop/core';
import { CartBookingsService } from '@ocop/experiences';
import { CartService, type CartView } from '@ocop/orders';
import { requestLocale, safeNext } from '@ocop/web';
import { cartKeyCreating, cartKeyOf } from './guest-cart';
import { cartProblemText, presentCart, type CartProblem } from './present';
import '../products/catalog.i18n';
import './shop.i18n';

type Form = Record<string, unknown>;

const DONE = ['added', 'updated', 'removed', 'bookingAdded', 'bookingRemoved'] as const;

const text = (form: Form, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const quantityOf = (form: Form, fallback: number): number => {
  const q = text(form, 'quantity');
  return q === '' ? fallback : /^\d{1,3}$/.test(q) ? Number(q) : NaN;
};

/** The cart problem a service error stands for, or null for errors that are not the shopper's. */
function problemOf(err: unknown): CartProblem | null {
  if (err instanceof ValidationError) return 'quantity';
  if (err instanceof NotFoundError) return 'unknown';
  if (err instanceof ConflictError) return err.details.reason === 'not_enough_stock' ? 'not_enough_stock' : 'not_sellable';
  return null;
}

const EMPTY_CART: CartView = { items: [], bookings: [], itemsVnd: 0, bookingsVnd: 0, totalVnd: 0, count: 0, sellableCount: 0 };

/**
 * `/cart`: the shopper's (or guest's) cart with live prices and stock, quantity changes and
 * removal, and the places on experience dates it holds (date in Vietnam time, people, price,
 * remove); lines that cannot be bought say why and count nothing. Guests get a cart cookie on
 * their first addition.
 */
@ApiExcludeController()
@Controller('cart')
export class CartPages {
  constructor(
    private readonly cart: CartService,
    private readonly places: CartBookingsService,
  ) {}

  @Get()
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('done') done?: string, @Query('problem') problem?: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const key = cartKeyOf(req);
    const view = key ? await this.cart.view(key, undefined, lang) : EMPTY_CART;
    return req.server.ocopViews!.send(req, reply, 'cart', {
      title: t('shop.cart.title'),
      cart: presentCart(view, lang, t),
      // The header shows the count this page just read.
      cartCount: view.count,
      notice: typeof done === 'string' && (DONE as readonly string[]).includes(done) ? t(`shop.cart.${done}`) : null,
      problem: cartProblemText(problem, t),
    });
  }

  /** Adds a product (the product page's form); back to `back` with `?cart=<problem>` when it cannot be added. */
  @Post('items')
  async add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form) {
    const back = safeNext(form.back);
    try {
      await this.cart.add(cartKeyCreating(req, reply), text(form, 'productId'), quantityOf(form, 1));
    } catch (err) {
      const problem = problemOf(err);
      if (!problem) throw err;
      const target = back === '/' ? '/cart' : back.split('#')[0];
      return reply.redirect(`${target}${target.includes('?') ? '&' : '?'}${target === '/cart' ? 'problem' : 'cart'}=${problem}`, 303);
    }
    return reply.redirect('/cart?done=added', 303);
  }

  /** Sets a line's quantity (0 removes it). */
  @Post('update')
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form) {
    const key = cartKeyOf(req);
    if (!key) return reply.redirect('/cart', 303);
    try {
      await this.cart.setQuantity(key, text(form, 'productId'), quantityOf(form, NaN));
    } catch (err) {
      const problem = problemOf(err);
      if (!problem) throw err;
      return reply.redirect(`/cart?problem=${problem}`, 303);
    }
    return reply.redirect('/cart?done=updated', 303);
  }

  @Post('remove')
  async remove(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form) {
    const key = cartKeyOf(req);
    if (key) await this.cart.remove(key, text(form, 'productId'));
    return reply.redirect('/cart?done=removed', 303);
  }

  /** Takes a place on an experience date out of the cart (nothing happens for one that is not there). */
  @Post('bookings/remove')
  async removeBooking(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form) {
    const key = cartKeyOf(req);
    if (key) await this.places.remove(key, text(form, 'slotId'));
    return reply.redirect('/cart?done=bookingRemoved', 303);
  }
}
