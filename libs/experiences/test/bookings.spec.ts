import { Events } from '@ocop/core';
import { DomainEventRecord } from '@ocop/database';
import { MailMessage } from '@ocop/notifications';
import { LedgerEntry, Payment, Refund } from '@ocop/payments';
import { Booking } from '../src/booking.entity';
import { ExperienceSlot } from '../src/experience-slot.entity';
import { hostWithSlot, memberOf, openExperiences, shopper, type Lib } from './experiences-fixtures';

describe('experiences and bookings (SQLite)', () => {
  let lib: Lib;
  beforeEach(async () => {
    lib = await openExperiences();
  });
  afterEach(() => lib.close());

  const slotRow = (id: string) => lib.ds.getRepository(ExperienceSlot).findOneByOrFail({ id });
  const bookingRow = (id: string) => lib.ds.getRepository(Booking).findOneByOrFail({ id });
  const entries = (bookingId: string) => lib.ds.getRepository(LedgerEntry).findBy({ bookingId });
  const sum = (rows: LedgerEntry[], kinds?: string[]) => rows.filter((e) => !kinds || kinds.includes(e.kind)).reduce((a, e) => a + e.amountVnd, 0);

  async function bookAndPay(h: Awaited<ReturnType<typeof hostWithSlot>>, people = 2, name = 'Lan', locale = 'en') {
    const who = await shopper(lib.tx, name, locale);
    const booking = await lib.bookings.book(who, { slotId: h.slot.id, people }, locale);
    await lib.payments.completeSandbox(who, booking.payment!.id, 'succeeded');
    return { who, booking: await lib.bookings.getForShopper(who, booking.id) };
  }

  it('keeps a vendor’s experiences to itself: another vendor’s answers 404, drafts stay off the storefront', async () => {
    const h = await hostWithSlot(lib);
    const other = memberOf(h.vendor.id.replace(/^./, h.vendor.id[0] === 'a' ? 'b' : 'a'));
    await expect(lib.experiences.update(other, h.experience.id, { durationMinutes: 90 })).rejects.toMatchObject({ status: 404 });
    await expect(lib.experiences.addSlot(other, h.experience.id, { startsAt: '2026-07-01T02:00:00Z', capacity: 5 })).rejects.toMatchObject({ status: 404 });
    await expect(lib.bookings.cancelSlot(other, h.slot.id)).rejects.toMatchObject({ status: 404 });
    await expect(lib.experiences.create(h.host, { title: { en: 'No Vietnamese' }, durationMinutes: 60, pricePerPersonVnd: 1, languages: ['en'], maxGroupSize: 2 })).rejects.toMatchObject({
      status: 400,
      field: 'title',
    });
    await expect(lib.experiences.addSlot(h.host, h.experience.id, { startsAt: '2020-01-01T00:00:00Z', capacity: 5 })).rejects.toMatchObject({ status: 400, field: 'startsAt' });
    await lib.experiences.setPublished(h.host, h.experience.id, false);
    await expect(lib.experiences.getPublic(h.experience.id)).rejects.toMatchObject({ status: 404 });
    await lib.experiences.setPublished(h.host, h.experience.id, true);
    expect((await lib.experiences.listPublic(h.village.slug)).map((e) => e.id)).toEqual([h.experience.id]);
    expect(await lib.experiences.upcomingSlots(h.experience.id)).toMatchObject([{ id: h.slot.id, capacity: 10, remaining: 10 }]);
  });

  it('books seats awaiting payment, confirms on payment, writes the ledger at the frozen commission and e-mails the confirmation with a calendar file and village products', async () => {
    const h = await hostWithSlot(lib);
    const lan = await shopper(lib.tx, 'Lan', 'en');
    const booked = await lib.bookings.book(lan, { slotId: h.slot.id, people: 3 }, 'en');
    expect(booked).toMatchObject({ status: 'awaiting_payment', people: 3, totalVnd: 750_000, payment: { provider: 'sandbox', status: 'pending', purpose: 'booking' } });
    expect(booked.expiresAt.getTime() - lib.clock.now().getTime()).toBe(30 * 60_000);
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(3);
    expect(await lib.experiences.upcomingSlots(h.experience.id)).toMatchObject([{ remaining: 7 }]);

    await lib.payments.completeSandbox(lan, booked.payment!.id, 'succeeded');
    expect(await bookingRow(booked.id)).toMatchObject({ status: 'confirmed' });
    const rows = await entries(booked.id);
    expect(rows.map((e) => [e.kind, e.amountVnd, e.rateBps]).sort()).toEqual([
      ['commission', -60_000, 800],
      ['sale', 750_000, null],
    ]);
    const outbox = await lib.ds.getRepository(DomainEventRecord).findBy({ type: Events.BookingConfirmed });
    expect(outbox).toHaveLength(1);

    expect(await lib.notices.sendConfirmation({ bookingId: booked.id })).toBe(true);
    expect(await lib.notices.sendConfirmation({ bookingId: booked.id })).toBe(false);
    const mail = await lib.ds.getRepository(MailMessage).findOneByOrFail({ dedupeKey: `booking-confirmed:${booked.id}` });
    expect(mail).toMatchObject({ to: lan.email, locale: 'en' });
    expect(mail.subject).toContain(booked.reference);
    expect(mail.text).toContain('Xưởng gốm, Xóm 3, Bát Tràng');
    expect(mail.text).toMatch(/Wednesday, 17 June 2026, 10:00–12:00 \(Vietnam time, UTC\+7\)/);
    expect(mail.html).toContain('http://shop.test/products/');
    const [ics] = await lib.mailer.attachmentsOf(mail);
    expect(ics).toMatchObject({ filename: 'booking.ics', contentType: expect.stringContaining('text/calendar') });
    expect(ics.content).toContain('DTSTART:20260617T030000Z');
    expect(ics.content).toContain(`UID:${booked.id}@bookings.ocop`);
    expect(ics.content).toContain('DURATION:PT120M');
  });

  it('withholds services VAT 5 % and PIT 2 % for a household host', async () => {
    const h = await hostWithSlot(lib, { type: 'household' });
    const { booking } = await bookAndPay(h, 2);
    const rows = await entries(booking.id);
    expect(Object.fromEntries(rows.map((e) => [e.kind, e.amountVnd]))).toEqual({ sale: 500_000, commission: -40_000, vat_withheld: -25_000, pit_withheld: -10_000 });
    expect(sum(rows)).toBe(425_000);
  });

  it('refuses parties outside the experience’s limits (400) and a party that does not fit (409), taking no seats', async () => {
    const h = await hostWithSlot(lib, { capacity: 5 });
    const lan = await shopper(lib.tx);
    await expect(lib.bookings.book(lan, { slotId: h.slot.id, people: 5 })).rejects.toMatchObject({ status: 400, field: 'people' });
    await expect(lib.bookings.book(lan, { slotId: h.slot.id, people: 0 })).rejects.toMatchObject({ status: 400, field: 'people' });
    await lib.bookings.book(lan, { slotId: h.slot.id, people: 4 });
    await expect(lib.bookings.book(lan, { slotId: h.slot.id, people: 2 })).rejects.toMatchObject({ status: 409, details: { reason: 'slot_full', remaining: 1 } });
    await lib.bookings.book(lan, { slotId: h.slot.id, people: 1 });
    await expect(lib.bookings.book(lan, { slotId: h.slot.id, people: 1 })).rejects.toMatchObject({ status: 409, details: { reason: 'slot_full' } });
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(5);
    expect(await lib.ds.getRepository(Booking).count()).toBe(2);
  });

  it('expires unpaid bookings once, freeing their seats, and refunds money that arrives afterwards', async () => {
    const h = await hostWithSlot(lib);
    const lan = await shopper(lib.tx);
    const booked = await lib.bookings.book(lan, { slotId: h.slot.id, people: 2 });
    expect(await lib.bookings.expireUnpaid()).toBe(0);
    lib.clock.advance(31 * 60_000);
    const results = await Promise.all([lib.bookings.expireUnpaid(), lib.bookings.expireUnpaid(), lib.bookings.cancelUnpaid(booked.id, 'payment_expired')]);
    expect(results.filter((r) => r === 1 || r === true)).toHaveLength(1);
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
    expect(await bookingRow(booked.id)).toMatchObject({ status: 'cancelled', cancelReason: 'payment_expired' });
    expect(await lib.bookings.cancelPendingPayment({ bookingId: booked.id })).toBe(true);

    // The shopper's money arrives late: kept nowhere, returned in full, no ledger entry stays.
    await lib.payments.completeSandbox(lan, booked.payment!.id, 'succeeded');
    expect(await bookingRow(booked.id)).toMatchObject({ status: 'cancelled', refundedVnd: 500_000 });
    expect(await lib.ds.getRepository(Refund).findBy({ paymentId: booked.payment!.id })).toMatchObject([{ status: 'succeeded', amountVnd: 500_000, reason: 'booking_cancelled_before_payment' }]);
    expect(await lib.ds.getRepository(Payment).findOneByOrFail({ id: booked.payment!.id })).toMatchObject({ status: 'refunded' });
    expect(await entries(booked.id)).toEqual([]);
  });

  it('refunds a shopper’s cancellation in full at least 48 hours before the start, with the ledger reversed to zero', async () => {
    const h = await hostWithSlot(lib, { type: 'household', startsInHours: 49 });
    const { who, booking } = await bookAndPay(h, 2);
    expect(booking.refundIfCancelledVnd).toBe(500_000);
    const cancelled = await lib.bookings.cancel(who, booking.id);
    expect(cancelled).toMatchObject({ status: 'refunded', refundedVnd: 500_000, cancelReason: 'shopper' });
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
    expect(await lib.ds.getRepository(Payment).findOneByOrFail({ id: booking.payment!.id })).toMatchObject({ status: 'refunded', refundedVnd: 500_000 });
    const rows = await entries(booking.id);
    expect(sum(rows)).toBe(0);
    expect(sum(rows, ['commission', 'commission_reversal'])).toBe(0);
    expect(sum(rows, ['vat_withheld', 'vat_reversal', 'pit_withheld', 'pit_reversal'])).toBe(0);
    await expect(lib.bookings.cancel(who, booking.id)).rejects.toMatchObject({ status: 409, details: { reason: 'not_cancellable' } });
  });

  it('returns nothing for a cancellation inside the window, still freeing the seats; another shopper’s booking answers 404', async () => {
    const h = await hostWithSlot(lib, { startsInHours: 47 });
    const { who, booking } = await bookAndPay(h, 2);
    expect(booking.refundIfCancelledVnd).toBe(0);
    const stranger = await shopper(lib.tx, 'Minh');
    await expect(lib.bookings.cancel(stranger, booking.id)).rejects.toMatchObject({ status: 404 });
    await expect(lib.bookings.getForShopper(stranger, booking.id)).rejects.toMatchObject({ status: 404 });
    expect(await lib.bookings.cancel(who, booking.id)).toMatchObject({ status: 'cancelled', refundedVnd: 0 });
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
    expect(await lib.ds.getRepository(Refund).countBy({ paymentId: booking.payment!.id })).toBe(0);
    expect(sum(await entries(booking.id))).toBe(750_000 - 250_000 - 40_000);
  });

  it('cancelling a slot refunds every confirmed booking exactly once, e-mails each shopper and cancels unpaid ones', async () => {
    const h = await hostWithSlot(lib);
    const paid = [await bookAndPay(h, 2, 'Lan'), await bookAndPay(h, 3, 'Minh', 'de'), await bookAndPay(h, 1, 'Hoa', 'vi')];
    const unpaidShopper = await shopper(lib.tx, 'Tuan');
    const unpaid = await lib.bookings.book(unpaidShopper, { slotId: h.slot.id, people: 2 });
    expect(await lib.bookings.slotCancellationPreview(h.host, h.slot.id)).toMatchObject({ refunded: 3, cancelled: 1, refundedVnd: 1_500_000, refundedPeople: 6, cancelledPeople: 2 });

    const [first, second] = await Promise.all([lib.bookings.cancelSlot(h.host, h.slot.id), lib.bookings.cancelSlot(h.host, h.slot.id)]);
    expect([first, second].map((r) => r.refunded).sort()).toEqual([0, 3]);
    expect(await lib.bookings.cancelSlot(h.host, h.slot.id)).toMatchObject({ refunded: 0, cancelled: 0 });

    for (const { booking } of paid) {
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'refunded', cancelReason: 'slot_cancelled', refundedVnd: booking.totalVnd });
      expect(await lib.ds.getRepository(Refund).findBy({ paymentId: booking.payment!.id })).toMatchObject([{ status: 'succeeded', amountVnd: booking.totalVnd }]);
      expect(sum(await entries(booking.id))).toBe(0);
    }
    expect(await bookingRow(unpaid.id)).toMatchObject({ status: 'cancelled', cancelReason: 'slot_cancelled' });
    const mails = await lib.ds.getRepository(MailMessage).findBy({ template: 'booking-slot-cancelled' });
    expect(mails.map((m) => m.locale).sort()).toEqual(['de', 'en', 'vi']);
    expect(mails.find((m) => m.locale === 'de')!.text).toContain('750.000');
    expect((await slotRow(h.slot.id)).status).toBe('cancelled');
    expect(await lib.experiences.upcomingSlots(h.experience.id)).toEqual([]);
    await expect(lib.bookings.book(unpaidShopper, { slotId: h.slot.id, people: 1 })).rejects.toMatchObject({ status: 409, details: { reason: 'slot_closed' } });
  });
});
