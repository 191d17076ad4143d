import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, isLocale, NotFoundError, ValidationError, type Locale } from '@ocop/core';
import { Transactions } from '@ocop/database';
import {
  CartExtras,
  CartService,
  CheckoutService,
  type CartBookingLine,
  type CartBookingQuote,
  type CartBookingReason,
  type CartBookingReservation,
  type CartView,
  type CheckoutProblem,
} from '@ocop/orders';
import { Booking } from './booking.entity';
import type { CartBooking } from './cart-booking.entity';
import { CartBookingsRepository } from './cart-bookings.repository';
import type { Experience } from './experience.entity';
import type { ExperienceSlot } from './experience-slot.entity';
import { bookingReference, partyProblem, textIn, vietnamDateTime } from './experience.rules';
import { ExperiencesRepository, type VendorFacts, type VillageFacts } from './experiences.repository';

/** A cart holds at most this many places (one per date). */
export const MAX_CART_BOOKINGS = 20;
const REFERENCE_ATTEMPTS = 5;

/** A place in a cart with the rows it is read from. */
interface PlaceRow {
  line: CartBooking;
  slot: ExperienceSlot;
  experience: Experience;
  vendor: VendorFacts | null;
  village: VillageFacts | null;
}

/** English words for why a place cannot be had (pages translate the reason). */
export const PLACE_REASON_TEXT: Record<CartBookingReason, string> = {
  not_available: 'this experience cannot be booked at the moment',
  slot_closed: 'the host cancelled this date',
  slot_started: 'this date has already started',
  slot_full: 'not enough places are left on this date',
  party_size: 'the number of people is outside the group size',
};

/** A reason in English words, saying how many places are left on a date that is too full for the party. Pure. */
export function placeProblemWords(reason: CartBookingReason, left: number): string {
  if (reason !== 'slot_full') return PLACE_REASON_TEXT[reason];
  if (left <= 0) return 'this date is fully booked';
  return left === 1 ? 'only 1 place is left on this date' : `only ${left} places are left on this date`;
}

/**
 * Why a party of `people` cannot have places on the slot now, or null when it can: the
 * experience off sale (draft, archived, host not approved), the date cancelled or started, the
 * party outside the group size, fewer seats left than people. Pure.
 */
export function placeProblem(
  slot: Pick<ExperienceSlot, 'status' | 'startsAt' | 'capacity' | 'seatsTaken'>,
  experience: Pick<Experience, 'status' | 'minGroupSize' | 'maxGroupSize'>,
  vendor: Pick<VendorFacts, 'status'> | null,
  people: number,
  now: Date,
): CartBookingReason | null {
  if (experience.status !== 'published' || vendor?.status !== 'approved') return 'not_available';
  if (slot.status !== 'open') return 'slot_closed';
  if (slot.startsAt.getTime() <= now.getTime()) return 'slot_started';
  if (partyProblem(people, experience)) return 'party_size';
  if (slot.capacity - slot.seatsTaken < people) return 'slot_full';
  return null;
}

/**
 * Places on experience dates kept in carts beside products (`cart_bookings`), and the cart port
 * through which orders shows, counts, merges, prices and reserves them without knowing
 * experiences. A place holds no seats while it waits: the seats are taken by checkout, in the
 * order's transaction, with the same conditional update as a booking paid on its own, and the
 * booking is then paid with the order.
 */
@Injectable()
export class CartBookingsService extends CartExtras {
  private readonly repo: ExperiencesRepository;
  private readonly carts: CartBookingsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly cart: CartService,
    checkout: CheckoutService,
  ) {
    super();
    this.repo = new ExperiencesRepository(tx);
    this.carts = new CartBookingsRepository(tx);
    cart.registerExtras(this);
    checkout.registerExtras(this);
  }

  /**
   * Puts a party of `people` on a date in the cart (a date already in the cart gets the new
   * party size; no seats are held until checkout) and returns the cart. NotFoundError (field
   * `slotId`) for an unknown date or one of an experience off sale; ValidationError naming
   * `people` outside the group limits, or `slotId` when the cart already holds the most places;
   * ConflictError with reason `slot_closed`, `slot_started` or `slot_full` (`remaining`).
   * Idempotent for the same party.
   */
  async add(cartKey: string, slotId: string, people: number, locale?: string): Promise<CartView> {
    await this.tx.run(async () => {
      const now = this.clock.now();
      const slot = typeof slotId === 'string' && slotId ? await this.repo.slot(slotId) : null;
      const experience = slot ? await this.repo.experience(slot.experienceId) : null;
      const vendor = experience ? await this.repo.vendor(experience.vendorId) : null;
      if (!slot || !experience || placeProblem(slot, experience, vendor, people, now) === 'not_available')
        throw new NotFoundError('No such date', { errors: [{ field: 'slotId', message: 'no date of an experience on sale has this id' }] });
      const party = partyProblem(people, experience);
      if (party) throw new ValidationError('people', party);
      const problem = placeProblem(slot, experience, vendor, people, now);
      if (problem === 'slot_closed') throw new ConflictError('This date was cancelled', { reason: problem, errors: [{ field: 'slotId', message: PLACE_REASON_TEXT[problem] }] });
      if (problem === 'slot_started') throw new ConflictError('This date has already started', { reason: problem, errors: [{ field: 'slotId', message: PLACE_REASON_TEXT[problem] }] });
      if (problem === 'slot_full') {
        const left = Math.max(0, slot.capacity - slot.seatsTaken);
        throw new ConflictError(left > 0 ? `Only ${left} places are left on this date` : 'This date is fully booked', {
          reason: problem,
          remaining: left,
          errors: [{ field: 'people', message: PLACE_REASON_TEXT[problem] }],
        });
      }
      if (!(await this.carts.line(cartKey, slot.id)) && (await this.carts.count(cartKey)) >= MAX_CART_BOOKINGS)
        throw new ValidationError('slotId', `a cart holds at most ${MAX_CART_BOOKINGS} bookings`);
      await this.carts.setPeople(cartKey, slot.id, people);
    });
    return this.cart.view(cartKey, this.clock.now(), locale);
  }

  /** Takes a date out of the cart and returns the cart; removing one that is not there changes nothing. */
  async remove(cartKey: string, slotId: string, locale?: string): Promise<CartView> {
    await this.tx.run(() => this.carts.remove(cartKey, [slotId]));
    return this.cart.view(cartKey, this.clock.now(), locale);
  }

  // ---- The cart port ---------------------------------------------------------------------------

  /** The cart's places with live prices and seats left (see `CartExtras.lines`); read-only. */
  async lines(cartKey: string, locale: Locale, now: Date): Promise<CartBookingLine[]> {
    const rows = await this.placeRows(cartKey);
    return rows.map(({ line, slot, experience, vendor, village }): CartBookingLine => {
      const reason = placeProblem(slot, experience, vendor, line.people, now);
      const { date, time } = vietnamDateTime(slot.startsAt, locale);
      const lineVnd = experience.pricePerPersonVnd * line.people;
      return {
        slotId: slot.id,
        experienceId: experience.id,
        title: experience.title,
        startsAt: slot.startsAt,
        when: `${date}, ${time}`,
        durationMinutes: experience.durationMinutes,
        people: line.people,
        unitPriceVnd: experience.pricePerPersonVnd,
        lineVnd: reason ? 0 : lineVnd,
        vendor: { id: experience.vendorId, name: vendor?.name ?? '' },
        villageName: village?.name ?? '',
        image: experience.images[0] ?? null,
        remaining: slot.status === 'open' ? Math.max(0, slot.capacity - slot.seatsTaken) : 0,
        available: reason === null,
        reason,
        problem: reason ? placeProblemWords(reason, slot.status === 'open' ? slot.capacity - slot.seatsTaken : 0) : null,
      };
    });
  }

  /** How many places the cart holds. */
  count(cartKey: string): Promise<number> {
    return this.carts.count(cartKey);
  }

  /** Moves a guest cart's places into the shopper's, up to the most a cart holds (see `CartExtras.merge`). Idempotent. */
  async merge(fromKey: string, intoKey: string): Promise<void> {
    if (fromKey === intoKey) return;
    await this.tx.run(async () => {
      const into = new Set((await this.carts.rows(intoKey)).map((l) => l.slotId));
      let held = into.size;
      for (const line of await this.carts.rows(fromKey)) {
        if (into.has(line.slotId) || held >= MAX_CART_BOOKINGS) continue;
        if (await this.carts.moveLine(line.id, intoKey)) held++;
      }
      await this.carts.remove(fromKey);
    });
  }

  /** Checkout's pricing step: what the places cost now and which cannot be had, in words (see `CartExtras.quote`). Writes nothing. */
  async quote(cartKey: string, now: Date, locale: Locale): Promise<CartBookingQuote> {
    const rows = await this.placeRows(cartKey);
    const quote: CartBookingQuote = { totalVnd: 0, earliestStart: null, lines: [], problems: [], count: rows.length };
    for (const { line, slot, experience, vendor } of rows) {
      const title = textIn(experience.title, locale);
      const reason = placeProblem(slot, experience, vendor, line.people, now);
      if (reason) {
        quote.problems.push(this.problem(slot, title, locale, reason, slot.capacity - slot.seatsTaken));
        continue;
      }
      const unitPriceVnd = experience.pricePerPersonVnd;
      quote.lines.push({ slotId: slot.id, experienceId: experience.id, vendorId: experience.vendorId, people: line.people, unitPriceVnd, startsAt: slot.startsAt, title });
      quote.totalVnd += unitPriceVnd * line.people;
      if (!quote.earliestStart || slot.startsAt.getTime() < quote.earliestStart.getTime()) quote.earliestStart = slot.startsAt;
    }
    return quote;
  }

  /**
   * Checkout's reserving step (see `CartExtras.reserve`): seats by one conditional update per
   * date, in slot id order, then the bookings with the order's id and expiry; the dates it could
   * not seat come back as problems for checkout to roll everything back.
   */
  async reserve(input: CartBookingReservation): Promise<CheckoutProblem[]> {
    const { cartKey, orderId, userId, expiresAt, locale, now, quote } = input;
    return this.tx.run(async () => {
      const problems: CheckoutProblem[] = [];
      // Slots in id order, after the products: the lock order every checkout keeps.
      for (const q of [...quote.lines].sort((a, b) => (a.slotId < b.slotId ? -1 : 1))) {
        if (!(await this.repo.takeSeats(q.slotId, q.people, now))) {
          const slot = await this.repo.slot(q.slotId);
          const reason: CartBookingReason = !slot || slot.status !== 'open' ? 'slot_closed' : slot.startsAt.getTime() <= now.getTime() ? 'slot_started' : 'slot_full';
          problems.push(this.problem(slot ?? { id: q.slotId, startsAt: q.startsAt }, q.title, locale, reason, slot ? slot.capacity - slot.seatsTaken : 0));
          continue;
        }
        const booking = Object.assign(new Booking(), {
          id: randomUUID(),
          experienceId: q.experienceId,
          slotId: q.slotId,
          vendorId: q.vendorId,
          userId,
          people: q.people,
          unitPriceVnd: q.unitPriceVnd,
          totalVnd: q.unitPriceVnd * q.people,
          refundedVnd: 0,
          status: 'awaiting_payment' as const,
          locale,
          orderId,
          expiresAt,
          paidAt: null,
          cancelledAt: null,
          cancelReason: null,
          createdAt: now,
          updatedAt: now,
        });
        for (let attempt = 1; ; attempt++) {
          booking.reference = bookingReference(randomBytes(8));
          if (await this.repo.tryInsertBooking(booking)) break;
          if (attempt >= REFERENCE_ATTEMPTS) throw new Error('could not find a free booking reference');
        }
      }
      await this.carts.remove(
        cartKey,
        quote.lines.map((q) => q.slotId),
      );
      return problems;
    });
  }

  // ---- Reading ---------------------------------------------------------------------------------

  /** The cart's places with their slot, experience, host and village (a place whose date no longer exists is left out). */
  private async placeRows(cartKey: string): Promise<PlaceRow[]> {
    const lines = await this.carts.rows(cartKey);
    if (lines.length === 0) return [];
    const slots = new Map((await this.repo.slotsByIds(lines.map((l) => l.slotId))).map((s) => [s.id, s]));
    const experiences = new Map((await this.repo.experiencesByIds([...new Set([...slots.values()].map((s) => s.experienceId))])).map((e) => [e.id, e]));
    const vendors = new Map((await this.repo.vendorsByIds([...experiences.values()].map((e) => e.vendorId))).map((v) => [v.id, v]));
    const villages = new Map((await this.repo.villagesByIds([...experiences.values()].map((e) => e.villageId))).map((v) => [v.id, v]));
    return lines.flatMap((line) => {
      const slot = slots.get(line.slotId);
      const experience = slot ? experiences.get(slot.experienceId) : undefined;
      if (!slot || !experience) return [];
      return [{ line, slot, experience, vendor: vendors.get(experience.vendorId) ?? null, village: villages.get(experience.villageId) ?? null }];
    });
  }

  private problem(slot: Pick<ExperienceSlot, 'id' | 'startsAt'>, title: string, locale: string, reason: CartBookingReason, left: number): CheckoutProblem {
    const { date, time } = vietnamDateTime(slot.startsAt, isLocale(locale) ? locale : 'vi');
    return { field: `bookings.${slot.id}`, message: `${title}, ${date} ${time}: ${placeProblemWords(reason, left)}` };
  }
}
