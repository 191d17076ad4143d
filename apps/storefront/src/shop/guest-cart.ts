import { randomBytes } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@ocop/core';
import { CartService, cartKeyForGuest, cartKeyForUser } from '@ocop/orders';
import { PageSignInHook } from '@ocop/web';

/** The cookie holding a guest's cart token (random; only its hash is stored, as the cart key). */
export const GUEST_CART_COOKIE = 'ocop_cart';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const GUEST_CART_DAYS = 30;

/** The guest cart token the browser sent, when it is one this app could have made. */
export function guestToken(req: FastifyRequest): string | null {
  const token = req.cookies?.[GUEST_CART_COOKIE];
  return typeof token === 'string' && TOKEN.test(token) ? token : null;
}

/** The cart of this request: the signed-in shopper's, else the guest cookie's, else none. */
export function cartKeyOf(req: FastifyRequest): string | null {
  if (req.actor) return cartKeyForUser(req.actor.id);
  const token = guestToken(req);
  return token ? cartKeyForGuest(token) : null;
}

/** The cart of this request, giving a guest without one a new cart cookie. */
export function cartKeyCreating(req: FastifyRequest, reply: FastifyReply): string {
  const key = cartKeyOf(req);
  if (key) return key;
  const token = randomBytes(32).toString('base64url');
  void reply.setCookie(GUEST_CART_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: GUEST_CART_DAYS * 86400 });
  return cartKeyForGuest(token);
}

/**
 * Moves a guest's cart into the shopper's account when they log in or sign up, and forgets the
 * guest cookie. Nothing happens for a browser without one.
 */
@Injectable()
export class GuestCartSignIn extends PageSignInHook {
  constructor(private readonly cart: CartService) {
    super();
  }

  async signedIn(req: FastifyRequest, reply: FastifyReply, actor: Actor): Promise<void> {
    const token = guestToken(req);
    if (!token) return;
    await this.cart.merge(cartKeyForGuest(token), cartKeyForUser(actor.id));
    void reply.clearCookie(GUEST_CART_COOKIE, { path: '/' });
  }
}

/**
 * The cart link's item count in every page's header. A visitor with no account and no cart cookie
 * costs no query; anyone else one count.
 */
@Injectable()
export class CartCountInHeader implements OnApplicationBootstrap {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly cart: CartService,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.ocopViews?.addContext(async (req) => {
      const key = cartKeyOf(req);
      return key ? { cartCount: await this.cart.count(key) } : {};
    });
  }
}
