import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, isLocale, NotFoundError, ValidationError, type Locale } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { REASON_TEXT, sellability, type LocalizedText, type NotSellableReason } from '@ocop/catalog';
import type { CartBookingLine, CartExtras } from './cart-extras';
import { CartRepository, type ProductWithGate } from './cart.repository';
import { MAX_LINE_QUANTITY } from './dto/cart.dto';
import { DEFAULT_WEIGHT_GRAMS } from './shipping';

export type CartLineReason = NotSellableReason | 'not_enough_stock' | 'out_of_stock';

/** One cart line as the shopper sees it; an unsellable line counts 0 in the total. */
export interface CartLineView {
  productId: string;
  slug: string;
  title: LocalizedText;
  image: string | null;
  vendor: { id: string; name: string };
  villageName: string;
  priceVnd: number;
  quantity: number;
  lineVnd: number;
  stock: number;
  weightGrams: number;
  exportEligible: boolean;
  sellable: boolean;
  reason: CartLineReason | null;
}

export interface CartView {
  items: CartLineView[];
  /** Places on experience dates waiting beside the products (none when no library offers them). */
  bookings: CartBookingLine[];
  /** The sum of the sellable product lines. */
  itemsVnd: number;
  /** The sum of the places that can be had. */
  bookingsVnd: number;
  /** What checkout would charge before shipping: `itemsVnd + bookingsVnd`. */
  totalVnd: number;
  /** The sum of the quantities of all product lines, plus one for each place line. */
  count: number;
  /** The same, of the lines that can be bought. */
  sellableCount: number;
}

/** Human words for a cart line's reason, for pages and 409 messages. */
export const CART_REASON_TEXT: Record<CartLineReason, string> = { ...REASON_TEXT, not_enough_stock: 'not enough left in stock', out_of_stock: 'it is sold out' };

/** Why a product cannot be bought now in `quantity`, or null when it can. Pure. */
export function lineProblem(p: ProductWithGate, quantity: number, now: Date): CartLineReason | null {
  if (!p.certificate || !p.vendor) return 'delisted';
  const gate = sellability(p.product, p.certificate, p.vendor, now);
  if (!gate.sellable) return gate.reason;
  if (p.product.stock <= 0) return 'out_of_stock';
  if (quantity > p.product.stock) return 'not_enough_stock';
  return null;
}

function checkQuantity(quantity: number, min: number): void {
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_LINE_QUANTITY) throw new ValidationError('quantity', `must be a whole number from ${min} to ${MAX_LINE_QUANTITY}`);
}

function notBuyable(productId: string, reason: CartLineReason, stock: number): ConflictError {
  const message = reason === 'not_enough_stock' ? `only ${stock} left in stock` : CART_REASON_TEXT[reason];
  return new ConflictError(`This product cannot be added: ${message}`, { reason, errors: [{ field: 'productId', message }], productId });
}

/**
 * Carts of signed-in shoppers (`u:<userId>`) and guests (`g:<hash>`; see `cartKeyForGuest`). A
 * line holds a product and a quantity; prices, stock and sellability are read live, so a line
 * whose product stopped selling shows why and counts nothing.
 */
@Injectable()
export class CartService {
  private readonly repo: CartRepository;
  private extras: CartExtras | null = null;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new CartRepository(tx);
  }

  /**
   * Lets a higher library (experiences) keep its own lines in carts: they appear in `view`,
   * `count` and `merge`. One implementation per service; registering again replaces it.
   */
  registerExtras(extras: CartExtras): void {
    this.extras = extras;
  }

  /**
   * The cart with each line's live price, stock and sellability, and its places on experience
   * dates (their dates written for `locale`). Read-only; never throws for a missing cart.
   */
  async view(cartKey: string, now: Date = this.clock.now(), locale: string = 'vi'): Promise<CartView> {
    const lang: Locale = isLocale(locale) ? locale : 'vi';
    const [rows, bookings] = await Promise.all([this.repo.rows(cartKey), this.extras ? this.extras.lines(cartKey, lang, now) : Promise.resolve([])]);
    const items = rows.map(({ item, ...p }): CartLineView => {
      const reason = lineProblem(p, item.quantity, now);
      const sellable = reason === null;
      return {
        productId: p.product.id,
        slug: p.product.slug,
        title: p.product.title,
        image: p.product.images[0] ?? null,
        vendor: { id: p.product.vendorId, name: p.vendor?.name ?? '' },
        villageName: p.village?.name ?? '',
        priceVnd: p.product.priceVnd,
        quantity: item.quantity,
        lineVnd: sellable ? p.product.priceVnd * item.quantity : 0,
        stock: p.product.stock,
        weightGrams: p.product.weightGrams ?? DEFAULT_WEIGHT_GRAMS,
        exportEligible: p.product.exportEligible,
        sellable,
        reason,
      };
    });
    const itemsVnd = items.reduce((s, l) => s + l.lineVnd, 0);
    const bookingsVnd = bookings.reduce((s, l) => s + l.lineVnd, 0);
    return {
      items,
      bookings,
      itemsVnd,
      bookingsVnd,
      totalVnd: itemsVnd + bookingsVnd,
      count: items.reduce((s, l) => s + l.quantity, 0) + bookings.length,
      sellableCount: items.reduce((s, l) => s + (l.sellable ? l.quantity : 0), 0) + bookings.filter((b) => b.available).length,
    };
  }

  /**
   * Adds `quantity` (1–99) of a product to the cart (to its line when there is one). Throws
   * ValidationError (quantity) for a bad quantity or a line past 99, NotFoundError for an unknown
   * product, ConflictError `{ reason }` when it is not sellable or the cart would hold more than the
   * stock. Returns the cart.
   */
  async add(cartKey: string, productId: string, quantity: number): Promise<CartView> {
    checkQuantity(quantity, 1);
    await this.tx.run(async () => {
      const p = (await this.repo.products([productId])).get(productId);
      if (!p) throw new NotFoundError('No such product', { errors: [{ field: 'productId', message: 'no product has this id' }] });
      const inCart = (await this.repo.line(cartKey, productId))?.quantity ?? 0;
      if (inCart + quantity > MAX_LINE_QUANTITY) throw new ValidationError('quantity', `a cart holds at most ${MAX_LINE_QUANTITY} of one product`);
      const problem = lineProblem(p, inCart + quantity, this.clock.now());
      if (problem) throw notBuyable(productId, problem, p.product.stock);
      await this.repo.addToLine(cartKey, productId, quantity);
    });
    return this.view(cartKey);
  }

  /**
   * Sets a line's quantity (0 removes it). Lowering is always allowed; raising checks the stock
   * (ConflictError `not_enough_stock`). NotFoundError when the cart has no such line. Returns the cart.
   */
  async setQuantity(cartKey: string, productId: string, quantity: number): Promise<CartView> {
    checkQuantity(quantity, 0);
    await this.tx.run(async () => {
      const line = await this.repo.line(cartKey, productId);
      if (!line) throw new NotFoundError('This product is not in the cart');
      if (quantity === 0) {
        await this.repo.removeLines(cartKey, [productId]);
        return;
      }
      if (quantity > line.quantity) {
        const p = (await this.repo.products([productId])).get(productId);
        const problem = p ? lineProblem(p, quantity, this.clock.now()) : 'delisted';
        if (problem) throw notBuyable(productId, problem, p?.product.stock ?? 0);
      }
      await this.repo.setLine(cartKey, productId, quantity);
    });
    return this.view(cartKey);
  }

  /** Removes a line; removing a line that is not there changes nothing. Returns the cart. */
  async remove(cartKey: string, productId: string): Promise<CartView> {
    await this.tx.run(() => this.repo.removeLines(cartKey, [productId]));
    return this.view(cartKey);
  }

  /** How many items the cart holds (the sum of its quantities, one for each place), for the header badge. */
  async count(cartKey: string): Promise<number> {
    const [items, places] = await Promise.all([this.repo.count(cartKey), this.extras ? this.extras.count(cartKey) : Promise.resolve(0)]);
    return items + places;
  }

  /**
   * Moves the lines of `fromKey` (a guest's cart) into `intoKey` (the shopper's) when the shopper
   * signs in: quantities add up, capped at the stock and at 99 but never below what the shopper's
   * cart already held; places on experience dates move too (the shopper's own line wins for a
   * date both carts hold); the guest cart is emptied. Idempotent: a second call finds nothing to move.
   */
  async merge(fromKey: string, intoKey: string): Promise<CartView> {
    if (fromKey !== intoKey)
      await this.tx.run(async () => {
        const from = await this.repo.rows(fromKey);
        for (const { item, product } of from) {
          const into = (await this.repo.line(intoKey, item.productId))?.quantity ?? 0;
          const target = Math.max(into, Math.min(into + item.quantity, MAX_LINE_QUANTITY, product.stock));
          if (target > 0) await this.repo.setLine(intoKey, item.productId, target);
        }
        await this.repo.removeLines(fromKey);
        await this.extras?.merge(fromKey, intoKey);
      });
    return this.view(intoKey);
  }
}
