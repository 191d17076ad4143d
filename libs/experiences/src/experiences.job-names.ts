/** Repeatable (every minute and at start-up): cancels bookings whose payment time ran out and frees their seats. */
export const EXPIRE_UNPAID_BOOKINGS_JOB = 'experiences.expire-unpaid-bookings';
/** Subscribed to `BookingConfirmed`: the confirmation e-mail with its calendar file, in the booking's language. */
export const SEND_BOOKING_CONFIRMATION_JOB = 'experiences.send-booking-confirmation';
/** Subscribed to `BookingCancelled`: stops the provider from taking money for the cancelled booking's pending payment. */
export const CANCEL_BOOKING_PAYMENT_JOB = 'experiences.cancel-booking-payment';
