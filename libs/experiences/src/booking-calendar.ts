import { createEvent, type EventAttributes } from 'ics';

/** What a calendar entry for a booking shows. */
export interface BookingCalendarFacts {
  bookingId: string;
  reference: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  meetingPoint: string;
  description: string;
  url: string;
  /** When the booking was confirmed: the entry's time stamp, so building it again gives the same file. */
  stampedAt: Date;
  cancelled?: boolean;
}

/**
 * An iCalendar (RFC 5545) file of one booking, times in UTC, with a stable UID per booking so a
 * calendar updates the same entry. Pure. Throws when the facts cannot make a valid file.
 */
export function bookingIcs(f: BookingCalendarFacts): string {
  // `timestamp` (DTSTAMP) is read by ics though its types leave it out; fixed, so the file is reproducible.
  const attributes: EventAttributes & { timestamp: number } = {
    productId: 'ocop-marketplace/bookings',
    uid: `${f.bookingId}@bookings.ocop`,
    method: 'PUBLISH',
    title: `${f.title} (${f.reference})`,
    description: f.description,
    location: f.meetingPoint,
    url: f.url,
    start: f.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: f.durationMinutes },
    timestamp: f.stampedAt.getTime(),
    status: f.cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`calendar file of booking ${f.reference}: ${error?.message ?? 'empty'}`);
  return value;
}
