import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  Clock,
  ConflictError,
  Events,
  ForbiddenError,
  hasRole,
  isLocale,
  NotFoundError,
  ValidationError,
  type Actor,
  type BookingEvent,
  type OrderEvent,
  type PaymentSucceededEvent,
} from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { Mailer, type MailMessage } from '@ocop/notifications';
import { LedgerService, PaymentsService, RefundsService, type PaymentProvider, type PaymentView } from '@ocop/payments';
import { Booking, type BookingStatus } from './booking.entity';
import { BOOKING_PAYMENT_METHODS } from './dto/experience.dto';
import type { Experience } from './experience.entity';
import type { ExperienceSlot } from './experience-slot.entity';
import { bookingReference, cancellationRefundVnd, partyProblem, textIn, vietnamDateTime } from './experience.rules';
import { ExperiencesRepository } from './experiences.repository';
import { formatVnd } from '@ocop/orders';

export interface BookInput {
  slotId: string;
  people: number;
  paymentMethod?: PaymentProvider;
}

/** A booking as its shopper sees it, with what it is for and how to pay it. */
export interface BookingView {
  id: string;
  reference: string;
  status: BookingStatus;
  people: number;
  unitPriceVnd: number;
  totalVnd: number;
  refundedVnd: number;
  locale: string;
  /** While `awaiting_payment`: unpaid after this, it is cancelled and its seats freed. */
  expiresAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
  experience: { id: string; slug: string; title: Experience['title']; meetingPoint: string; durationMinutes: number; freeCancellationHours: number; languages: string[] };
  slot: { id: string; startsAt: Date; endsAt: Date; status: ExperienceSlot['status'] };
  village: { slug: string; name: string } | null;
  /** What cancelling now would give back (0 once inside the free-cancellation window or when nothing was paid). */
  refundIfCancelledVnd: number;
  /** Whether the shopper may still cancel it (one awaiting its order's payment cannot be cancelled alone). */
  cancellable: boolean;
  /** The order whose checkout pays for it, when it was booked from the cart with that order; null when paid on its own. */
  order: { id: string; reference: string; status: string } | null;
  /** Its own payment, or the order's when it is paid with an order. */
  payment: PaymentView | null;
}

/** What cancelling a slot did. */
export interface SlotCancellation {
  slotId: string;
  /** Confirmed bookings refunded in full. */
  refunded: number;
  /** Unpaid bookings cancelled. */
  cancelled: number;
  refundedVnd: number;
}

const REFERENCE_ATTEMPTS = 5;
export const BOOKING_CANCELLED_BEFORE_PAYMENT = 'booking_cancelled_before_payment';

/**
 * Bookings of experience slots. Seats are taken by one conditional update (`seatsTaken + n <=
 * capacity` on an open slot that has not started), so a slot is never overbooked; every move of
 * a booking out of holding seats is one conditional status update, so seats are freed and money
 * returned exactly once. Payment runs through payments' generic subject path: money arriving
 * emits `PaymentSucceeded`, handled here inside that transaction (`onPaymentSucceeded`).
 */
@Injectable()
export class BookingsService {
  private readonly repo: ExperiencesRepository;
  private readonly log = new Logger('BookingsService');

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly ledger: LedgerService,
    private readonly mailer: Mailer,
  ) {
    this.repo = new ExperiencesRepository(tx);
    payments.registerSubject('booking', async (id) => {
      const b = await this.repo.booking(id);
      return b ? { userId: b.userId, reference: b.reference, status: b.status, expiresAt: b.expiresAt } : null;
    });
  }

  /** The payment methods bookings accept now (the enabled providers). */
  enabledPaymentMethods(): PaymentProvider[] {
    const p = this.config.payments;
    return BOOKING_PAYMENT_METHODS.filter((m) => (m === 'sandbox' ? p.sandbox : m === 'stripe' ? !!p.stripe : !!p.vietqr));
  }

  /**
   * Books `people` seats on a slot for the caller and starts the payment: the booking is
   * `awaiting_payment` until the payment time (config: card and sandbox minutes, bank transfer
   * hours; never past the slot's start) and holds its seats meanwhile. Not idempotent: each call
   * books anew. ForbiddenError for a caller who is not a shopper; NotFoundError for an unknown
   * slot or one of an experience not on sale; ValidationError naming `people` (outside the
   * experience's group limits) or `paymentMethod` (not enabled); ConflictError with reason
   * `slot_full` (not enough seats left), `slot_closed` (cancelled) or `slot_started`.
   */
  async book(actor: Actor, input: BookInput, locale?: string): Promise<BookingView> {
    if (!hasRole(actor, 'shopper')) throw new ForbiddenError('Only shoppers can book');
    const enabled = this.enabledPaymentMethods();
    const method = input?.paymentMethod ?? enabled[0];
    if (!method || !enabled.includes(method)) throw new ValidationError('paymentMethod', `${method ?? 'no'} payments are not available`);
    const people = input?.people;
    const bookingLocale = isLocale(locale) ? locale : isLocale(actor.locale) ? actor.locale : 'vi';
    const booking = await this.tx.run(async () => {
      const slot = input?.slotId ? await this.repo.slot(input.slotId) : null;
      const experience = slot ? await this.repo.experience(slot.experienceId) : null;
      if (!slot || !experience || experience.status !== 'published' || (await this.repo.vendor(experience.vendorId))?.status !== 'approved') throw new NotFoundError('No such slot');
      const problem = partyProblem(people, experience);
      if (problem) throw new ValidationError('people', problem);
      const now = this.clock.now();
      if (!(await this.repo.takeSeats(slot.id, people, now))) {
        if (slot.status !== 'open') throw new ConflictError('This date was cancelled', { reason: 'slot_closed' });
        if (slot.startsAt.getTime() <= now.getTime()) throw new ConflictError('This date has already started', { reason: 'slot_started' });
        const left = Math.max(0, slot.capacity - ((await this.repo.slot(slot.id))?.seatsTaken ?? slot.capacity));
        throw new ConflictError(left > 0 ? `Only ${left} seats are left on this date` : 'This date is fully booked', { reason: 'slot_full', remaining: left });
      }
      const minutes = method === 'vietqr' ? this.config.payments.transferPaymentHours * 60 : this.config.payments.orderPaymentMinutes;
      const row = Object.assign(new Booking(), {
        id: randomUUID(),
        experienceId: experience.id,
        slotId: slot.id,
        vendorId: experience.vendorId,
        userId: actor.id,
        people,
        unitPriceVnd: experience.pricePerPersonVnd,
        totalVnd: experience.pricePerPersonVnd * people,
        refundedVnd: 0,
        status: 'awaiting_payment' as const,
        locale: bookingLocale,
        orderId: null,
        expiresAt: new Date(Math.min(now.getTime() + minutes * 60_000, slot.startsAt.getTime())),
        paidAt: null,
        cancelledAt: null,
        cancelReason: null,
        createdAt: now,
        updatedAt: now,
      });
      for (let attempt = 1; ; attempt++) {
        row.reference = bookingReference(randomBytes(8));
        if (await this.repo.tryInsertBooking(row)) break;
        if (attempt >= REFERENCE_ATTEMPTS) throw new Error('could not find a free booking reference');
      }
      return row;
    });
    try {
      await this.payments.startForSubject({
        purpose: 'booking',
        subjectId: booking.id,
        amountVnd: booking.totalVnd,
        reference: booking.reference,
        method,
        expiresAt: booking.expiresAt,
        locale: booking.locale,
      });
    } catch (err) {
      // No way to pay: give the seats back at once rather than at expiry.
      await this.cancelUnpaid(booking.id, 'payment_failed');
      throw err;
    }
    return this.view(booking.id);
  }

  /** One of the caller's bookings; NotFoundError for anyone else's. */
  async getForShopper(actor: Actor, id: string): Promise<BookingView> {
    const booking = await this.repo.booking(id);
    if (!booking || booking.userId !== actor.id) throw new NotFoundError('No such booking');
    return this.view(id);
  }

  /** The caller's bookings, newest first (at most 200). */
  async listForShopper(actor: Actor): Promise<BookingView[]> {
    const rows = await this.repo.bookingsOfUser(actor.id);
    return Promise.all(rows.map((b) => this.view(b.id)));
  }

  /** The caller's bookings paid with one of the caller's orders, oldest first (none for anyone else's order). */
  async listForOrder(actor: Actor, orderId: string): Promise<BookingView[]> {
    const rows = (await this.repo.bookingsOfOrder(orderId)).filter((b) => b.userId === actor.id);
    return Promise.all(rows.map((b) => this.view(b.id)));
  }

  /** Every booking paid with the order, oldest first, for an admin reviewing it (403 for anyone else). */
  async listForOrderAsAdmin(actor: Actor, orderId: string): Promise<BookingView[]> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    const rows = await this.repo.bookingsOfOrder(orderId);
    return Promise.all(rows.map((b) => this.view(b.id)));
  }

  private async view(id: string): Promise<BookingView> {
    const b = (await this.repo.booking(id))!;
    const [slot, experience, order] = await Promise.all([this.repo.slot(b.slotId), this.repo.experience(b.experienceId), b.orderId ? this.repo.order(b.orderId) : Promise.resolve(null)]);
    const e = experience!;
    const s = slot!;
    const village = await this.repo.village(e.villageId);
    const now = this.clock.now();
    const started = s.startsAt.getTime() <= now.getTime();
    const live = b.status === 'confirmed' || (b.status === 'awaiting_payment' && !b.orderId);
    return {
      id: b.id,
      reference: b.reference,
      status: b.status,
      people: b.people,
      unitPriceVnd: b.unitPriceVnd,
      totalVnd: b.totalVnd,
      refundedVnd: b.refundedVnd,
      locale: b.locale,
      expiresAt: b.expiresAt,
      paidAt: b.paidAt,
      cancelledAt: b.cancelledAt,
      cancelReason: b.cancelReason,
      createdAt: b.createdAt,
      experience: { id: e.id, slug: e.slug, title: e.title, meetingPoint: e.meetingPoint, durationMinutes: e.durationMinutes, freeCancellationHours: e.freeCancellationHours, languages: e.languages },
      slot: { id: s.id, startsAt: s.startsAt, endsAt: new Date(s.startsAt.getTime() + e.durationMinutes * 60_000), status: s.status },
      village: village ? { slug: village.slug, name: village.name } : null,
      refundIfCancelledVnd: b.status === 'confirmed' && !started ? cancellationRefundVnd(b.totalVnd - b.refundedVnd, s.startsAt, e.freeCancellationHours, now) : 0,
      cancellable: live && !started,
      order: order ? { id: order.id, reference: order.reference, status: order.status } : null,
      payment: b.orderId ? await this.payments.paymentForOrder(b.orderId).catch(() => null) : await this.payments.paymentForSubject('booking', b.id),
    };
  }

  /**
   * The shopper cancels a booking before its slot starts. Unpaid: cancelled, nothing to return.
   * Confirmed: refunded in full when at least the experience's `freeCancellationHours` remain
   * before the start (status `refunded`), nothing later (status `cancelled`); the seats are freed
   * either way. The refund is written in the transaction that cancels, then asked of the
   * provider; a booking paid with an order is refunded from that order's payment. A booking
   * still waiting for its order's payment cannot be cancelled alone: it goes with the order
   * (cancelled with it when its payment time runs out). NotFoundError for anyone else's booking;
   * ConflictError with reason `not_cancellable` (already cancelled or refunded), `slot_started`
   * or `order_unpaid` (naming the order).
   */
  async cancel(actor: Actor, id: string): Promise<BookingView> {
    const booking = await this.repo.booking(id);
    if (!booking || booking.userId !== actor.id) throw new NotFoundError('No such booking');
    const outcome = await this.tx.run(async () => {
      const b = (await this.repo.booking(id))!;
      const slot = (await this.repo.slot(b.slotId))!;
      const experience = (await this.repo.experience(b.experienceId))!;
      const now = this.clock.now();
      if (b.status !== 'awaiting_payment' && b.status !== 'confirmed') throw new ConflictError('This booking is already cancelled', { reason: 'not_cancellable' });
      if (slot.startsAt.getTime() <= now.getTime()) throw new ConflictError('This experience has already started', { reason: 'slot_started' });
      if (b.status === 'awaiting_payment' && b.orderId) {
        const order = await this.repo.order(b.orderId);
        throw new ConflictError(
          `This booking is part of order ${order?.reference ?? ''}, which is not paid yet: it cannot be cancelled alone. Pay the order to keep it, or leave the order unpaid and the booking is cancelled with it when its payment time runs out.`,
          { reason: 'order_unpaid', orderId: b.orderId, orderReference: order?.reference ?? null },
        );
      }
      const refundVnd = b.status === 'confirmed' ? cancellationRefundVnd(b.totalVnd - b.refundedVnd, slot.startsAt, experience.freeCancellationHours, now) : 0;
      const to: BookingStatus = refundVnd > 0 ? 'refunded' : 'cancelled';
      if (!(await this.repo.moveBooking(b.id, [b.status], to, { cancelledAt: now, cancelReason: 'shopper' })))
        throw new ConflictError('This booking changed meanwhile; look at it again', { reason: 'not_cancellable' });
      await this.repo.freeSeats(b.slotId, b.people);
      const refundId = refundVnd > 0 ? await this.openRefund(b, refundVnd, 'booking_cancelled_by_shopper') : null;
      await this.emitCancelled(b, 'shopper', refundVnd, now);
      return { refundId };
    });
    if (outcome.refundId) await this.settle(outcome.refundId);
    return this.view(id);
  }

  /**
   * The host vendor cancels a slot: no more bookings on it; every confirmed booking is refunded
   * in full (status `refunded`) and its shopper e-mailed; unpaid bookings are cancelled. All in
   * one transaction (refunds then asked of the provider). Idempotent: a slot already cancelled
   * changes nothing more. ForbiddenError without a vendor; NotFoundError for another vendor's slot.
   */
  async cancelSlot(actor: Actor, slotId: string): Promise<SlotCancellation> {
    if (!actor.vendorId) throw new ForbiddenError('This needs a vendor account');
    const vendorId = actor.vendorId;
    const result = await this.tx.run(async () => {
      const slot = await this.repo.slot(slotId);
      const experience = slot ? await this.repo.experienceOfVendor(vendorId, slot.experienceId) : null;
      if (!slot || !experience) throw new NotFoundError('No such slot');
      const now = this.clock.now();
      const summary: SlotCancellation = { slotId, refunded: 0, cancelled: 0, refundedVnd: 0 };
      const refundIds: string[] = [];
      const mails: MailMessage[] = [];
      if (!(await this.repo.cancelSlot(slotId, now))) return { summary, refundIds, mails };
      for (const b of await this.repo.bookingsOfSlot(slotId, ['awaiting_payment', 'confirmed'])) {
        // Each booking moves once, from whatever it is now: one read as unpaid may have been paid meanwhile.
        if (await this.repo.moveBooking(b.id, ['awaiting_payment'], 'cancelled', { cancelledAt: now, cancelReason: 'slot_cancelled' })) {
          await this.repo.freeSeats(slotId, b.people);
          await this.emitCancelled(b, 'slot_cancelled', 0, now);
          summary.cancelled++;
          continue;
        }
        if (!(await this.repo.moveBooking(b.id, ['confirmed'], 'refunded', { cancelledAt: now, cancelReason: 'slot_cancelled' }))) continue;
        await this.repo.freeSeats(slotId, b.people);
        const paid = (await this.repo.booking(b.id))!;
        const amount = paid.totalVnd - paid.refundedVnd;
        if (amount > 0) refundIds.push(await this.openRefund(paid, amount, 'slot_cancelled'));
        await this.emitCancelled(paid, 'slot_cancelled', amount, now);
        const mail = await this.slotCancelledMail(paid, experience, slot, amount);
        if (mail) mails.push(mail);
        summary.refunded++;
        summary.refundedVnd += amount;
      }
      return { summary, refundIds, mails };
    });
    for (const id of result.refundIds) await this.settle(id);
    for (const m of result.mails) await this.mailer.dispatch(m);
    return result.summary;
  }

  /**
   * How many bookings (and people) cancelling the slot would refund and cancel, for a confirmation
   * page; nothing for a slot no longer open. ForbiddenError; NotFoundError for another vendor's slot.
   */
  async slotCancellationPreview(actor: Actor, slotId: string): Promise<SlotCancellation & { startsAt: Date; experienceId: string; refundedPeople: number; cancelledPeople: number }> {
    if (!actor.vendorId) throw new ForbiddenError('This needs a vendor account');
    const slot = await this.repo.slot(slotId);
    const experience = slot ? await this.repo.experienceOfVendor(actor.vendorId, slot.experienceId) : null;
    if (!slot || !experience) throw new NotFoundError('No such slot');
    const live = slot.status === 'open' ? await this.repo.bookingsOfSlot(slotId, ['awaiting_payment', 'confirmed']) : [];
    const confirmed = live.filter((b) => b.status === 'confirmed');
    return {
      slotId,
      startsAt: slot.startsAt,
      experienceId: experience.id,
      refunded: confirmed.length,
      cancelled: live.length - confirmed.length,
      refundedVnd: confirmed.reduce((a, b) => a + b.totalVnd - b.refundedVnd, 0),
      refundedPeople: confirmed.reduce((a, b) => a + b.people, 0),
      cancelledPeople: live.reduce((a, b) => a + (b.status === 'confirmed' ? 0 : b.people), 0),
    };
  }

  /**
   * Cancels unpaid bookings paid on their own whose payment time ran out (`now` defaults to the
   * clock) and frees their seats, each exactly once however many callers run at once. Bookings
   * paid with an order follow their order: as a safety net behind the in-transaction handlers,
   * those still unpaid although their order was paid are confirmed, and those of a cancelled
   * order cancelled. Returns how many bookings it cancelled.
   */
  async expireUnpaid(now: Date = this.clock.now()): Promise<number> {
    let n = 0;
    for (const b of await this.repo.expiredUnpaid(now)) if (await this.cancelUnpaid(b.id, 'payment_expired')) n++;
    for (const orderId of await this.repo.ordersWithBookingsAdrift()) {
      const followed = await this.followOrder(orderId);
      for (const id of followed.refundIds) await this.settle(id);
      n += followed.cancelled;
    }
    return n;
  }

  /**
   * Cancels one unpaid booking with `reason` and frees its seats; its pending payment is stopped
   * after commit (`BookingCancelled` → job). Returns whether this call cancelled it (false when it
   * was paid or cancelled meanwhile). Idempotent.
   */
  async cancelUnpaid(id: string, reason: string): Promise<boolean> {
    return this.tx.run(async () => {
      const b = await this.repo.booking(id);
      if (!b) return false;
      const now = this.clock.now();
      if (!(await this.repo.moveBooking(id, ['awaiting_payment'], 'cancelled', { cancelledAt: now, cancelReason: reason }))) return false;
      await this.repo.freeSeats(b.slotId, b.people);
      await this.emitCancelled(b, reason, 0, now);
      return true;
    });
  }

  /**
   * After a booking was cancelled unpaid: its pending payment is cancelled at the provider. A
   * booking paid with an order has no payment of its own, and the order's is never touched here
   * (the order's other lines are still to be paid). Idempotent.
   */
  async cancelPendingPayment(event: Pick<BookingEvent, 'bookingId' | 'refundVnd'>): Promise<boolean> {
    const b = await this.repo.booking(event.bookingId);
    if (!b || b.orderId) return false;
    return this.payments.cancelPendingForSubject('booking', event.bookingId);
  }

  /**
   * Handles `PaymentSucceeded` inside the transaction that records the money.
   *
   * A booking paid on its own (`purpose: 'booking'`): an unpaid booking becomes `confirmed` (its
   * host vendor's ledger gets the sale at the vendor's commission rate read now, which the
   * commission entry keeps as `rateBps`; household hosts have services VAT 5 % and PIT 2 %
   * withheld) and `BookingConfirmed` is emitted (the e-mail follows). A booking that can no longer
   * be had (cancelled or expired meanwhile, or unknown) gets a refund of the whole payment opened
   * in the same transaction, which payments settles after commit.
   *
   * An order holding bookings (`purpose: 'order'`): each of its unpaid bookings is confirmed the
   * same way, its ledger entries carrying the order's id; one whose date was cancelled or started
   * before the money came, and one cancelled meanwhile, gets its part of the order's payment
   * refunded. So money is never kept for a place that cannot be had. Idempotent through payments
   * (one event per payment) and the bookings' conditional moves.
   */
  async onPaymentSucceeded(event: PaymentSucceededEvent): Promise<void> {
    if (event.purpose === 'order') {
      // Payments settles the refunds opened here once its transaction commits.
      await this.settleOrderBookings(event.subjectId, new Date(event.at), true);
      return;
    }
    if (event.purpose !== 'booking') return;
    const at = new Date(event.at);
    const b = await this.repo.booking(event.subjectId);
    if (b && (await this.repo.moveBooking(b.id, ['awaiting_payment'], 'confirmed', { paidAt: at }))) {
      await this.confirmed(b, at);
      return;
    }
    await this.refunds.openForPayment(event.paymentId, event.amountVnd, BOOKING_CANCELLED_BEFORE_PAYMENT);
    if (b) await this.repo.addRefunded(b.id, event.amountVnd);
  }

  /**
   * Handles `OrderCancelled` inside the transaction that cancels the order (unpaid, expired or
   * cancelled by an admin or a revocation): its bookings still waiting for the payment are
   * cancelled and their seats freed, each once. Idempotent.
   */
  async onOrderCancelled(event: Pick<OrderEvent, 'orderId' | 'reason'>): Promise<void> {
    await this.cancelOrderBookings(event.orderId, event.reason === 'payment_expired' ? 'payment_expired' : 'order_cancelled');
  }

  /** Cancels an order's unpaid bookings with `reason`, freeing their seats, in the caller's transaction; returns how many it cancelled. */
  private async cancelOrderBookings(orderId: string, reason: string): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const b of await this.repo.bookingsOfOrder(orderId)) {
      if (b.status !== 'awaiting_payment') continue;
      if (!(await this.repo.moveBooking(b.id, ['awaiting_payment'], 'cancelled', { cancelledAt: now, cancelReason: reason }))) continue;
      await this.repo.freeSeats(b.slotId, b.people);
      await this.emitCancelled(b, reason, 0, now);
      n++;
    }
    return n;
  }

  /** Brings an order's unpaid bookings in line with the order (paid: confirmed; cancelled: cancelled) in one transaction. */
  private async followOrder(orderId: string): Promise<{ cancelled: number; refundIds: string[] }> {
    return this.tx.run(async () => {
      const order = await this.repo.order(orderId);
      if (!order || order.status === 'awaiting_payment') return { cancelled: 0, refundIds: [] };
      if (!order.paidAt) return { cancelled: await this.cancelOrderBookings(orderId, order.cancelReason === 'payment_expired' ? 'payment_expired' : 'order_cancelled'), refundIds: [] };
      return this.settleOrderBookings(orderId, order.paidAt, false);
    });
  }

  /**
   * Confirms the unpaid bookings of an order whose money arrived `at`, or, for a date cancelled or
   * started by then, cancels the booking and refunds its part; with `paymentArrived` also refunds
   * the part of bookings cancelled before the money came. Runs in the caller's transaction.
   * Returns how many bookings it cancelled and the refunds it opened.
   */
  private async settleOrderBookings(orderId: string, at: Date, paymentArrived: boolean): Promise<{ cancelled: number; refundIds: string[] }> {
    const out = { cancelled: 0, refundIds: [] as string[] };
    const now = this.clock.now();
    for (const listed of await this.repo.bookingsOfOrder(orderId)) {
      if (listed.status === 'awaiting_payment') {
        const slot = await this.repo.slot(listed.slotId);
        if (slot && slot.status === 'open' && slot.startsAt.getTime() > at.getTime()) {
          if (await this.repo.moveBooking(listed.id, ['awaiting_payment'], 'confirmed', { paidAt: at })) {
            await this.confirmed(listed, at);
            continue;
          }
        } else {
          const reason = slot?.status === 'cancelled' ? 'slot_cancelled' : 'slot_started';
          if (await this.repo.moveBooking(listed.id, ['awaiting_payment'], 'cancelled', { cancelledAt: now, cancelReason: reason })) {
            await this.repo.freeSeats(listed.slotId, listed.people);
            const amount = listed.totalVnd - listed.refundedVnd;
            if (amount > 0) out.refundIds.push(await this.openRefund(listed, amount, BOOKING_CANCELLED_BEFORE_PAYMENT));
            await this.emitCancelled(listed, reason, amount, now);
            out.cancelled++;
            continue;
          }
        }
      }
      if (!paymentArrived) continue;
      // Cancelled before the money came (the host cancelled the date, say): its part goes back.
      const b = await this.repo.currentBooking(listed.id);
      if (b && (b.status === 'cancelled' || b.status === 'refunded') && !b.paidAt && b.refundedVnd < b.totalVnd)
        out.refundIds.push(await this.openRefund(b, b.totalVnd - b.refundedVnd, BOOKING_CANCELLED_BEFORE_PAYMENT));
    }
    return out;
  }

  /** After a booking moved to `confirmed`: the host's ledger entries and `BookingConfirmed` (the e-mail follows). */
  private async confirmed(b: Booking, at: Date): Promise<void> {
    const vendor = await this.repo.vendor(b.vendorId);
    await this.ledger.recordServiceSale({
      id: b.id,
      orderId: b.orderId,
      vendorId: b.vendorId,
      totalVnd: b.totalVnd,
      commissionBps: vendor?.commissionBps ?? 0,
      vendorType: vendor?.type ?? 'cooperative',
    });
    const confirmed: BookingEvent = { bookingId: b.id, slotId: b.slotId, userId: b.userId, at: at.toISOString() };
    await this.events.emit(Events.BookingConfirmed, confirmed, null);
  }

  /**
   * Opens the refund of `amountVnd` of a booking in the running transaction, from its own payment
   * or, for a booking paid with an order, from the order's; returns its id.
   */
  private async openRefund(b: Booking, amountVnd: number, reason: string): Promise<string> {
    if (b.orderId) {
      const refund = await this.refunds.openForOrderBooking({ orderId: b.orderId, bookingId: b.id, amountVnd, reason });
      await this.repo.addRefunded(b.id, amountVnd);
      return refund.id;
    }
    const payment = await this.payments.paymentForSubject('booking', b.id);
    if (!payment) throw new Error(`booking ${b.id} is confirmed without a payment`);
    const refund = await this.refunds.openForPayment(payment.id, amountVnd, reason);
    await this.repo.addRefunded(b.id, amountVnd);
    return refund.id;
  }

  private async settle(refundId: string): Promise<void> {
    try {
      await this.refunds.settle(refundId);
    } catch (err) {
      this.log.warn(`refund ${refundId} left pending: ${(err as Error).message}`);
    }
  }

  private async emitCancelled(b: Booking, reason: string, refundVnd: number, now: Date): Promise<void> {
    const event: BookingEvent = { bookingId: b.id, slotId: b.slotId, userId: b.userId, reason, refundVnd, at: now.toISOString() };
    await this.events.emit(Events.BookingCancelled, event, null);
  }

  /** Queues, in the running transaction, the e-mail telling a shopper their date was cancelled and refunded. */
  private async slotCancelledMail(b: Booking, e: Experience, slot: ExperienceSlot, refundVnd: number): Promise<MailMessage | null> {
    const user = await this.repo.user(b.userId);
    if (!user) return null;
    const { date, time } = vietnamDateTime(slot.startsAt, b.locale);
    return this.mailer.queue({
      to: user.email,
      template: 'booking-slot-cancelled',
      locale: b.locale,
      dedupeKey: `booking-slot-cancelled:${b.id}`,
      data: {
        name: user.name,
        reference: b.reference,
        title: textIn(e.title, b.locale),
        date,
        time,
        people: b.people,
        refund: formatVnd(refundVnd, b.locale),
        bookingUrl: `${this.config.urls.storefront}/bookings/${b.id}`,
      },
    });
  }
}
