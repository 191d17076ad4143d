import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, type BookingEvent } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { Mailer, type MailAttachment, type MailMessage } from '@ocop/notifications';
import { formatVnd } from '@ocop/orders';
import { bookingIcs } from './booking-calendar';
import { textIn, vietnamDateTime } from './experience.rules';
import { ExperiencesRepository } from './experiences.repository';

export const BOOKING_CONFIRMATION_TEMPLATE = 'booking-confirmation';
const CONFIRMATION_KEY = 'booking-confirmed:';
/** Products of the village shown under the confirmation. */
const TIE_IN_PRODUCTS = 3;

/**
 * The e-mail a shopper gets once a booking is paid, in the booking's language: date and time in
 * Vietnam time, meeting point, what is included, a few products of the village, and the booking
 * as a calendar file (`booking.ics`, built from the booking whenever the message is delivered or
 * shown, so the outbox rows stay as they are). Sent once per booking (dedupe key
 * `booking-confirmed:<bookingId>`).
 */
@Injectable()
export class BookingNotices {
  private readonly repo: ExperiencesRepository;

  constructor(
    tx: Transactions,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.repo = new ExperiencesRepository(tx);
    mailer.attachWith(BOOKING_CONFIRMATION_TEMPLATE, (message) => this.attachments(message));
  }

  /** Queues the confirmation of a confirmed booking; false when unknown, not confirmed or already sent. */
  async sendConfirmation(event: Pick<BookingEvent, 'bookingId'>): Promise<boolean> {
    const b = await this.repo.booking(event.bookingId);
    if (!b || b.status !== 'confirmed') return false;
    const [user, experience, slot] = await Promise.all([this.repo.user(b.userId), this.repo.experience(b.experienceId), this.repo.slot(b.slotId)]);
    if (!user || !experience || !slot) return false;
    const [village, vendor] = await Promise.all([this.repo.village(experience.villageId), this.repo.vendor(b.vendorId)]);
    const locale = b.locale;
    const { date, time } = vietnamDateTime(slot.startsAt, locale);
    const end = vietnamDateTime(new Date(slot.startsAt.getTime() + experience.durationMinutes * 60_000), locale);
    const products = await this.repo.sellableProductsOfVillage(experience.villageId, this.clock.now(), TIE_IN_PRODUCTS);
    const shop = this.config.urls.storefront;
    const message = await this.mailer.queue({
      to: user.email,
      template: BOOKING_CONFIRMATION_TEMPLATE,
      locale,
      dedupeKey: `${CONFIRMATION_KEY}${b.id}`,
      data: {
        name: user.name,
        reference: b.reference,
        title: textIn(experience.title, locale),
        host: vendor?.name ?? '',
        village: village?.name ?? '',
        date,
        time,
        endTime: end.time,
        people: b.people,
        total: formatVnd(b.totalVnd, locale),
        meetingPoint: experience.meetingPoint,
        included: textIn(experience.included, locale),
        freeCancellationHours: experience.freeCancellationHours,
        bookingUrl: `${shop}/bookings/${b.id}`,
        villageUrl: village ? `${shop}/villages/${village.slug}` : null,
        products: products.map((p) => ({ title: textIn(p.title, locale), price: formatVnd(p.priceVnd, locale), url: `${shop}/products/${p.slug}` })),
      },
    });
    return message !== null;
  }

  /** The calendar file of the booking a confirmation message is about; none when the booking is gone. */
  async attachments(message: Pick<MailMessage, 'dedupeKey'>): Promise<MailAttachment[]> {
    const id = message.dedupeKey?.startsWith(CONFIRMATION_KEY) ? message.dedupeKey.slice(CONFIRMATION_KEY.length) : null;
    const b = id ? await this.repo.booking(id) : null;
    if (!b) return [];
    const [experience, slot] = await Promise.all([this.repo.experience(b.experienceId), this.repo.slot(b.slotId)]);
    if (!experience || !slot) return [];
    const village = await this.repo.village(experience.villageId);
    const title = textIn(experience.title, b.locale);
    const ics = bookingIcs({
      bookingId: b.id,
      reference: b.reference,
      title,
      startsAt: slot.startsAt,
      durationMinutes: experience.durationMinutes,
      meetingPoint: [experience.meetingPoint, village?.name].filter(Boolean).join(' — '),
      description: `${b.reference} · ${b.people} × ${title}`,
      url: `${this.config.urls.storefront}/bookings/${b.id}`,
      stampedAt: b.paidAt ?? b.createdAt,
      cancelled: b.status !== 'confirmed',
    });
    return [{ filename: 'booking.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }];
  }
}
