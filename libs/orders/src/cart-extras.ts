import type { Locale } from '@ocop/core';

/** Per-language text (`vi` always, others when written). */
export type CartExtraText = Partial<Record<Locale, string>>;

/** Why a place in the cart cannot be had now. */
export type CartBookingReason = 'not_available' | 'slot_closed' | 'slot_started' | 'slot_full' | 'party_size';

/**
 * A place on an experience's date waiting in the cart, as the cart shows it. It holds no seats
 * yet: seats are taken at checkout. A line with a `reason` counts nothing in the total.
 */
export interface CartBookingLine {
  slotId: string;
  experienceId: string;
  title: CartExtraText;
  /** When the date starts (UTC). */
  startsAt: Date;
  /** The start in Vietnam time, written for the cart's language. */
  when: string;
  durationMinutes: number;
  people: number;
  unitPriceVnd: number;
  /** `unitPriceVnd × people`, or 0 while the line cannot be had. */
  lineVnd: number;
  vendor: { id: string; name: string };
  villageName: string;
  image: string | null;
  /** Seats still free on the date (never below 0). */
  remaining: number;
  available: boolean;
  reason: CartBookingReason | null;
  /** The reason in English words (pages translate `reason`). */
  problem: string | null;
}

/** A problem that stops checkout, named like the other 409 errors (`bookings.<slotId>`). */
export interface CheckoutProblem {
  field: string;
  message: string;
}

/** What the places in a cart cost now, read in the checkout's transaction before the order is written. */
export interface CartBookingQuote {
  /** The sum of the lines that can be had. */
  totalVnd: number;
  /** The earliest start among them: the order must be paid before it. */
  earliestStart: Date | null;
  /** Lines that can be had, with the facts the reserving step needs. */
  lines: { slotId: string; experienceId: string; vendorId: string; people: number; unitPriceVnd: number; startsAt: Date; title: string }[];
  /** Lines that cannot be had, each in words; checkout answers 409 when there is any. */
  problems: CheckoutProblem[];
  /** How many lines the cart holds, those with problems included. */
  count: number;
}

/** What checkout hands the reserving step, inside its transaction. */
export interface CartBookingReservation {
  cartKey: string;
  orderId: string;
  userId: string;
  expiresAt: Date;
  locale: Locale;
  now: Date;
  quote: CartBookingQuote;
}

/**
 * The port through which the cart holds places on experience dates beside its products without
 * the orders library knowing experiences: the experiences library registers its implementation
 * with `CartService.registerExtras` and `CheckoutService.registerExtras`. Every method joins the
 * caller's transaction.
 */
export abstract class CartExtras {
  /** The cart's places with live prices and seats, oldest first; never throws for an empty cart. */
  abstract lines(cartKey: string, locale: Locale, now: Date): Promise<CartBookingLine[]>;

  /** How many places the cart holds (one a line), for the header count. */
  abstract count(cartKey: string): Promise<number>;

  /** Moves a guest cart's places into the shopper's on sign-in (the shopper's own line wins for a date both hold). Idempotent. */
  abstract merge(fromKey: string, intoKey: string): Promise<void>;

  /** The pricing step of checkout: what the places cost and which cannot be had, read in its transaction. Writes nothing. */
  abstract quote(cartKey: string, now: Date, locale: Locale): Promise<CartBookingQuote>;

  /**
   * The reserving step of checkout, after the products' stock: takes the seats of each quoted line
   * with one conditional update, writes its booking (`awaiting_payment`, the order's id and
   * expiry) and empties those lines from the cart. Returns the lines it could not seat (checkout
   * then rolls everything back); writes nothing it could be blamed for when it returns problems.
   */
  abstract reserve(input: CartBookingReservation): Promise<CheckoutProblem[]>;
}
