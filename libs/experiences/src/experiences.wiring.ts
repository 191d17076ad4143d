import { Events, handledInTransaction, runsJob, type BookingEvent, type LibraryWiring, type OrderEvent, type PaymentSucceededEvent } from '@ocop/core';
import { BookingNotices } from './booking-notices.service';
import { BookingsService } from './bookings.service';
import { CANCEL_BOOKING_PAYMENT_JOB, EXPIRE_UNPAID_BOOKINGS_JOB, SEND_BOOKING_CONFIRMATION_JOB } from './experiences.job-names';

/**
 * The experiences library's events and jobs. Money for a booking, or for an order holding
 * bookings (`PaymentSucceeded`, emitted by payments), confirms them inside the payment's
 * transaction, or opens the refund there of one that is gone; an order cancelled unpaid
 * (`OrderCancelled`) takes its bookings with it in the same transaction, freeing their seats; the
 * confirmation e-mail follows after commit; a cancelled unpaid booking's own payment is stopped at
 * the provider; unpaid bookings expire on a schedule.
 */
export const EXPERIENCES_WIRING: LibraryWiring = {
  lib: 'experiences',
  emits: [{ event: Events.BookingConfirmed }, { event: Events.BookingCancelled }],
  inTransaction: [
    handledInTransaction<BookingsService, PaymentSucceededEvent>(Events.PaymentSucceeded, BookingsService, (b, e) => b.onPaymentSucceeded(e)),
    handledInTransaction<BookingsService, OrderEvent>(Events.OrderCancelled, BookingsService, (b, e) => b.onOrderCancelled(e)),
  ],
  relays: [
    { event: Events.BookingConfirmed, job: SEND_BOOKING_CONFIRMATION_JOB },
    { event: Events.BookingCancelled, job: CANCEL_BOOKING_PAYMENT_JOB },
  ],
  jobs: [
    runsJob<BookingsService>(EXPIRE_UNPAID_BOOKINGS_JOB, BookingsService, (b) => b.expireUnpaid(), { everyMs: 60_000, atStart: true }),
    runsJob<BookingNotices, BookingEvent>(SEND_BOOKING_CONFIRMATION_JOB, BookingNotices, (n, e) => n.sendConfirmation(e)),
    runsJob<BookingsService, BookingEvent>(CANCEL_BOOKING_PAYMENT_JOB, BookingsService, (b, e) => b.cancelPendingPayment(e)),
  ],
};
