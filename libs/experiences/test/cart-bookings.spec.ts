import { randomUUID } from 'node:crypto';
import { Product } from '@ocop/catalog';
import { Events, type Actor } from '@ocop/core';
import { DomainEventRecord } from '@ocop/database';
import { CartItem, cartKeyForGuest, cartKeyForUser, Order, SubOrder } from '@ocop/orders';
import { LedgerEntry, Payment, Refund } from '@ocop/payments';
import { describeMysql } from '@ocop/testing';
import { Booking } from '../src/booking.entity';
import { CartBooking } from '../src/cart-booking.entity';
import { ExperienceSlot } from '../src/experience-slot.entity';
import { hostWithSlot, openExperiences, shopper, type Lib } from './experiences-fixtures';

const HUE = { name: 'Trần Văn Minh', line1: '5 Lê Lợi', city: 'Huế', country: 'VN', phone: '+84 905 123 456' };
const ADMIN: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };

/** The flows of one dialect (SQLite, the fast suite; MariaDB, where locks and snapshots are real). */
function cartBookings(dialect: 'sqlite' | 'mysql') {
  let lib: Lib;
  beforeEach(async () => {
    lib = await openExperiences(dialect);
  });
  afterEach(() => lib.close());

  const slotRow = (id: string) => lib.ds.getRepository(ExperienceSlot).findOneByOrFail({ id });
  const stockOf = async (id: string) => (await lib.ds.getRepository(Product).findOneByOrFail({ id })).stock;
  const bookingsOf = (orderId: string) => lib.ds.getRepository(Booking).findBy({ orderId });
  const sum = (rows: LedgerEntry[]) => rows.reduce((a, e) => a + e.amountVnd, 0);

  /** A shopper whose cart holds one product of the host and `people` places on the slot. */
  async function cartWithBoth(h: Awaited<ReturnType<typeof hostWithSlot>>, people = 2, name = 'Lan') {
    const who = await shopper(lib.tx, name, 'en');
    const key = cartKeyForUser(who.id);
    await lib.cart.add(key, h.products[0].id, 1);
    await lib.cartBookings.add(key, h.slot.id, people, 'en');
    return { who, key };
  }

  async function pay(who: Actor, orderId: string) {
    const payment = await lib.payments.startForOrder(orderId);
    await lib.payments.completeSandbox(who, payment.id, 'succeeded');
    return payment;
  }

  it('prices places beside products: the total counts both, a date that cannot be had says why and counts nothing', async () => {
    const h = await hostWithSlot(lib, { capacity: 3 });
    const { key } = await cartWithBoth(h, 2);
    const view = await lib.cart.view(key, lib.clock.now(), 'en');
    expect(view).toMatchObject({ itemsVnd: 350_000, bookingsVnd: 500_000, totalVnd: 850_000, count: 2, sellableCount: 2 });
    expect(view.bookings).toMatchObject([
      { slotId: h.slot.id, experienceId: h.experience.id, people: 2, unitPriceVnd: 250_000, lineVnd: 500_000, available: true, reason: null, remaining: 3, vendor: { name: 'Hộ gốm Bát Tràng' } },
    ]);
    expect(view.bookings[0].when).toBe('Wednesday, 17 June 2026, 10:00');
    expect(view.bookings[0].title).toMatchObject({ en: 'Bát Tràng pottery class' });
    expect(await lib.cart.count(key)).toBe(2);

    // Someone else books two of the three seats: the place is flagged, out of the total, still in the cart.
    await lib.bookings.book(await shopper(lib.tx, 'Minh'), { slotId: h.slot.id, people: 2 });
    const full = await lib.cart.view(key);
    expect(full.bookings[0]).toMatchObject({ available: false, reason: 'slot_full', lineVnd: 0, remaining: 1 });
    expect(full).toMatchObject({ totalVnd: 350_000, count: 2, sellableCount: 1 });

    await lib.experiences.setPublished(h.host, h.experience.id, false);
    expect((await lib.cart.view(key)).bookings[0]).toMatchObject({ reason: 'not_available', lineVnd: 0 });
    await lib.experiences.setPublished(h.host, h.experience.id, true);
    await lib.bookings.cancelSlot(h.host, h.slot.id);
    expect((await lib.cart.view(key)).bookings[0]).toMatchObject({ reason: 'slot_closed', problem: 'the host cancelled this date' });
  });

  it('refuses places like a booking: unknown date 404, party outside the limits 400 naming people, full or cancelled date 409; adding a date again sets its party', async () => {
    const h = await hostWithSlot(lib, { capacity: 3 });
    const key = cartKeyForUser(randomUUID());
    await expect(lib.cartBookings.add(key, randomUUID(), 2)).rejects.toMatchObject({ status: 404, details: { errors: [{ field: 'slotId' }] } });
    await expect(lib.cartBookings.add(key, h.slot.id, 5)).rejects.toMatchObject({ status: 400, field: 'people' });
    await expect(lib.cartBookings.add(key, h.slot.id, 0)).rejects.toMatchObject({ status: 400, field: 'people' });
    await lib.cartBookings.add(key, h.slot.id, 1);
    expect((await lib.cartBookings.add(key, h.slot.id, 3)).bookings).toMatchObject([{ people: 3 }]);
    expect(await lib.ds.getRepository(CartBooking).countBy({ cartKey: key })).toBe(1);
    await lib.bookings.book(await shopper(lib.tx), { slotId: h.slot.id, people: 2 });
    await expect(lib.cartBookings.add(key, h.slot.id, 2)).rejects.toMatchObject({ status: 409, details: { reason: 'slot_full', remaining: 1 } });
    await lib.bookings.cancelSlot(h.host, h.slot.id);
    await expect(lib.cartBookings.add(key, h.slot.id, 1)).rejects.toMatchObject({ status: 409, details: { reason: 'slot_closed' } });
    expect((await lib.cartBookings.remove(key, h.slot.id)).bookings).toEqual([]);
    // Places hold no seats while they wait in a cart.
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
  });

  it('checks products and places out in one order: stock and seats taken, bookings awaiting the order’s payment, the cart emptied', async () => {
    const h = await hostWithSlot(lib);
    const { who, key } = await cartWithBoth(h, 3);
    const order = await lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    expect(order).toMatchObject({ itemsVnd: 350_000, bookingsVnd: 750_000, shippingVnd: 30_000, totalVnd: 1_130_000, status: 'awaiting_payment' });
    expect(await lib.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ bookingsVnd: 750_000, totalVnd: 1_130_000 });
    expect(await lib.ds.getRepository(SubOrder).findBy({ orderId: order.id })).toMatchObject([{ itemsVnd: 350_000, shippingVnd: 30_000, totalVnd: 380_000 }]);
    const [booking] = await bookingsOf(order.id);
    expect(booking).toMatchObject({ status: 'awaiting_payment', slotId: h.slot.id, people: 3, unitPriceVnd: 250_000, totalVnd: 750_000, userId: who.id, locale: 'en' });
    expect(booking.expiresAt.getTime()).toBe(order.expiresAt.getTime());
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(3);
    expect(await stockOf(h.products[0].id)).toBe(9);
    expect(await lib.cart.view(key)).toMatchObject({ items: [], bookings: [], count: 0 });
  });

  it('checks out a cart of places alone without an address: no parcel, no shipping, bank transfer allowed', async () => {
    const h = await hostWithSlot(lib, { startsInHours: 5 });
    const who = await shopper(lib.tx);
    await lib.cartBookings.add(cartKeyForUser(who.id), h.slot.id, 2);
    await expect(lib.checkout.checkout(who, { paymentMethod: 'vietqr' }, 'vi')).rejects.toMatchObject({ status: 400, field: 'paymentMethod' });
    const order = await lib.checkout.checkout(who, { paymentMethod: 'sandbox' }, 'vi');
    expect(order).toMatchObject({ itemsVnd: 0, shippingVnd: 0, bookingsVnd: 500_000, totalVnd: 500_000 });
    expect(await lib.ds.getRepository(SubOrder).countBy({ orderId: order.id })).toBe(0);
    // The order must be paid before the date starts (5 hours away, later than the payment time here).
    expect(order.expiresAt.getTime() - lib.clock.now().getTime()).toBe(30 * 60_000);

    // A product in the cart needs the address again.
    const other = await shopper(lib.tx, 'Minh');
    await lib.cart.add(cartKeyForUser(other.id), h.products[0].id, 1);
    await lib.cartBookings.add(cartKeyForUser(other.id), h.slot.id, 1);
    await expect(lib.checkout.checkout(other, { paymentMethod: 'sandbox' }, 'vi')).rejects.toMatchObject({ status: 400, field: 'shippingAddress' });
  });

  it('ends the payment time at the start of the earliest booked date', async () => {
    const h = await hostWithSlot(lib, { startsInHours: 0.25 });
    const who = await shopper(lib.tx);
    await lib.cartBookings.add(cartKeyForUser(who.id), h.slot.id, 1);
    const order = await lib.checkout.checkout(who, { paymentMethod: 'sandbox' }, 'vi');
    expect(order.expiresAt.getTime()).toBe(h.slot.startsAt.getTime());
  });

  it('answers 409 naming a full date and writes nothing: no order, no stock or seats taken, the cart intact', async () => {
    const h = await hostWithSlot(lib, { capacity: 2 });
    const { who, key } = await cartWithBoth(h, 2);
    await lib.bookings.book(await shopper(lib.tx, 'Minh'), { slotId: h.slot.id, people: 1 });
    const err = (await lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en').catch((e: unknown) => e)) as {
      status: number;
      details: { errors: { field: string; message: string }[] };
    };
    expect(err.status).toBe(409);
    expect(err.details.errors).toEqual([{ field: `bookings.${h.slot.id}`, message: 'Bát Tràng pottery class, Wednesday, 17 June 2026 10:00: only 1 place is left on this date' }]);
    expect(await lib.ds.getRepository(Order).count()).toBe(0);
    expect(await stockOf(h.products[0].id)).toBe(10);
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(1);
    expect(await lib.ds.getRepository(Booking).countBy({ userId: who.id })).toBe(0);
    expect(await lib.ds.getRepository(CartItem).countBy({ cartKey: key })).toBe(1);
    expect(await lib.ds.getRepository(CartBooking).countBy({ cartKey: key })).toBe(1);
    expect(await lib.ds.getRepository(DomainEventRecord).countBy({ type: Events.OrderPlaced })).toBe(0);
  });

  it('rolls the seats back when a product is short, and the stock back when the seats are gone at the last moment', async () => {
    const h = await hostWithSlot(lib, { capacity: 4 });
    const { who, key } = await cartWithBoth(h, 2);
    await lib.ds.getRepository(Product).update({ id: h.products[0].id }, { stock: 0 });
    await expect(lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en')).rejects.toMatchObject({
      status: 409,
      details: { errors: [{ field: `items.${h.products[0].id}` }] },
    });
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
    expect(await lib.ds.getRepository(Booking).count()).toBe(0);
    expect(await lib.ds.getRepository(CartBooking).countBy({ cartKey: key })).toBe(1);
  });

  it('confirms the order’s bookings when its payment arrives: ledger entries carry the booking and the order, the confirmation e-mail is queued', async () => {
    const h = await hostWithSlot(lib, { type: 'household' });
    const { who } = await cartWithBoth(h, 2);
    const order = await lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    const payment = await pay(who, order.id);
    expect(await lib.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'paid' });
    const [booking] = await bookingsOf(order.id);
    expect(booking).toMatchObject({ status: 'confirmed', paidAt: expect.any(Date) });
    const entries = await lib.ds.getRepository(LedgerEntry).findBy({ bookingId: booking.id });
    expect(Object.fromEntries(entries.map((e) => [e.kind, e.amountVnd]))).toEqual({ sale: 500_000, commission: -40_000, vat_withheld: -25_000, pit_withheld: -10_000 });
    expect(entries.every((e) => e.orderId === order.id && e.subOrderId === null)).toBe(true);
    // The goods' own sale: the parcel's items and shipping only.
    const sales = await lib.ds.getRepository(LedgerEntry).findBy({ orderId: order.id, kind: 'sale' });
    expect(sales.filter((e) => e.bookingId === null).map((e) => e.amountVnd)).toEqual([380_000]);
    expect(await lib.ds.getRepository(DomainEventRecord).countBy({ type: Events.BookingConfirmed })).toBe(1);
    expect(await lib.notices.sendConfirmation({ bookingId: booking.id })).toBe(true);
    const view = await lib.bookings.getForShopper(who, booking.id);
    expect(view).toMatchObject({ order: { id: order.id, reference: order.reference }, payment: { id: payment.id, status: 'succeeded' }, cancellable: true });
    expect(await lib.bookings.listForOrder(who, order.id)).toMatchObject([{ id: booking.id }]);
    expect(await lib.bookings.listForOrder(await shopper(lib.tx, 'Minh'), order.id)).toEqual([]);
  });

  it('cancels the bookings of an expired order and frees their seats with its stock; their own expiry leaves them to the order', async () => {
    const h = await hostWithSlot(lib);
    const { who } = await cartWithBoth(h, 3);
    const order = await lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    const payment = await lib.payments.startForOrder(order.id);
    lib.clock.advance(31 * 60_000);
    expect(await lib.bookings.expireUnpaid()).toBe(0);
    expect((await bookingsOf(order.id))[0].status).toBe('awaiting_payment');
    expect(await lib.orders.expireUnpaid()).toBe(1);
    expect((await bookingsOf(order.id))[0]).toMatchObject({ status: 'cancelled', cancelReason: 'payment_expired' });
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
    expect(await stockOf(h.products[0].id)).toBe(10);
    // The booking's cancellation never touches the order's payment (the order's own job does).
    expect(await lib.bookings.cancelPendingPayment({ bookingId: (await bookingsOf(order.id))[0].id })).toBe(false);
    expect((await lib.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).status).toBe('pending');

    // Money that arrives anyway is returned whole, once; the booking stays cancelled.
    await lib.payments.completeSandbox(who, payment.id, 'succeeded');
    expect(await lib.ds.getRepository(Refund).findBy({ paymentId: payment.id })).toMatchObject([{ amountVnd: 1_130_000, status: 'succeeded', bookingId: null, orderId: order.id }]);
    expect((await bookingsOf(order.id))[0]).toMatchObject({ status: 'cancelled', paidAt: null });
    expect(await lib.ds.getRepository(LedgerEntry).count()).toBe(0);
  });

  it('refunds a shopper’s cancellation of a booking paid with an order from that order’s payment, once, leaving the parcel as it is', async () => {
    const h = await hostWithSlot(lib);
    const { who } = await cartWithBoth(h, 2);
    const order = await lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    const [unpaid] = await bookingsOf(order.id);
    await expect(lib.bookings.cancel(who, unpaid.id)).rejects.toMatchObject({ status: 409, details: { reason: 'order_unpaid', orderReference: order.reference } });
    expect((await lib.bookings.getForShopper(who, unpaid.id)).cancellable).toBe(false);
    const payment = await pay(who, order.id);

    const cancelled = await lib.bookings.cancel(who, unpaid.id);
    expect(cancelled).toMatchObject({ status: 'refunded', refundedVnd: 500_000 });
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
    expect(await lib.ds.getRepository(Refund).findBy({ paymentId: payment.id })).toMatchObject([
      { orderId: order.id, bookingId: unpaid.id, subOrderId: null, amountVnd: 500_000, status: 'succeeded', reason: 'booking_cancelled_by_shopper' },
    ]);
    expect(await lib.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).toMatchObject({ status: 'partially_refunded', refundedVnd: 500_000 });
    expect(await lib.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'paid', refundedVnd: 500_000 });
    expect(await lib.ds.getRepository(SubOrder).findBy({ orderId: order.id })).toMatchObject([{ status: 'paid', refundedVnd: 0 }]);
    expect(sum(await lib.ds.getRepository(LedgerEntry).findBy({ bookingId: unpaid.id }))).toBe(0);
    await expect(lib.bookings.cancel(who, unpaid.id)).rejects.toMatchObject({ status: 409, details: { reason: 'not_cancellable' } });
    expect(await lib.ds.getRepository(Refund).countBy({ paymentId: payment.id })).toBe(1);

    // The admin's refund of the order returns the goods and shipping: all of it is back then.
    const goods = await lib.refunds.refund(ADMIN, order.id, null, 'damaged');
    expect(goods).toMatchObject({ amountVnd: 380_000, bookingId: null, status: 'succeeded' });
    expect(await lib.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'refunded', refundedVnd: 880_000 });
    expect(await lib.ds.getRepository(Payment).findOneByOrFail({ id: payment.id })).toMatchObject({ status: 'refunded', refundedVnd: 880_000 });
    await expect(lib.refunds.refund(ADMIN, order.id, null, 'again')).rejects.toMatchObject({ status: 409 });
  });

  it('refunds an order’s booking when its host cancels the date, before or after the order is paid', async () => {
    const h = await hostWithSlot(lib);
    const paidFirst = await cartWithBoth(h, 2, 'Lan');
    const unpaidFirst = await cartWithBoth(h, 1, 'Minh');
    const early = await lib.checkout.checkout(paidFirst.who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    const late = await lib.checkout.checkout(unpaidFirst.who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    const earlyPayment = await pay(paidFirst.who, early.id);
    const latePayment = await lib.payments.startForOrder(late.id);

    expect(await lib.bookings.cancelSlot(h.host, h.slot.id)).toMatchObject({ refunded: 1, cancelled: 1, refundedVnd: 500_000 });
    expect(await lib.ds.getRepository(Refund).findBy({ paymentId: earlyPayment.id })).toMatchObject([{ orderId: early.id, bookingId: (await bookingsOf(early.id))[0].id, amountVnd: 500_000 }]);
    expect(await lib.ds.getRepository(Order).findOneByOrFail({ id: early.id })).toMatchObject({ status: 'paid', refundedVnd: 500_000 });

    // The other order is paid after its date was cancelled: the goods stay sold, the place's part goes back.
    await lib.payments.completeSandbox(unpaidFirst.who, latePayment.id, 'succeeded');
    const [lateBooking] = await bookingsOf(late.id);
    expect(lateBooking).toMatchObject({ status: 'cancelled', cancelReason: 'slot_cancelled', refundedVnd: 250_000, paidAt: null });
    expect(await lib.ds.getRepository(Refund).findBy({ paymentId: latePayment.id })).toMatchObject([{ orderId: late.id, bookingId: lateBooking.id, amountVnd: 250_000, status: 'succeeded' }]);
    expect(await lib.ds.getRepository(Order).findOneByOrFail({ id: late.id })).toMatchObject({ status: 'paid', refundedVnd: 250_000 });
    expect(await lib.ds.getRepository(LedgerEntry).countBy({ bookingId: lateBooking.id })).toBe(0);
    expect((await slotRow(h.slot.id)).seatsTaken).toBe(0);
  });

  it('moves a guest’s places into the shopper’s cart on sign-in; the shopper’s own party wins for a date both hold', async () => {
    const h = await hostWithSlot(lib);
    const second = await lib.experiences.addSlot(h.host, h.experience.id, { startsAt: new Date(lib.clock.now().getTime() + 9 * 86_400_000).toISOString(), capacity: 5 });
    const guest = cartKeyForGuest('a-guest-token-0123456789012345678901234567');
    const who = await shopper(lib.tx);
    const mine = cartKeyForUser(who.id);
    await lib.cartBookings.add(guest, h.slot.id, 4);
    await lib.cartBookings.add(guest, second.id, 1);
    await lib.cartBookings.add(mine, h.slot.id, 2);
    const merged = await lib.cart.merge(guest, mine);
    expect(merged.bookings.map((b) => [b.slotId, b.people]).sort()).toEqual(
      [
        [h.slot.id, 2],
        [second.id, 1],
      ].sort(),
    );
    expect(await lib.ds.getRepository(CartBooking).countBy({ cartKey: guest })).toBe(0);
    expect((await lib.cart.merge(guest, mine)).bookings).toHaveLength(2);
  });

  it('brings bookings adrift in line with their order (a safety net behind the in-transaction handlers)', async () => {
    const h = await hostWithSlot(lib);
    const { who } = await cartWithBoth(h, 2);
    const order = await lib.checkout.checkout(who, { shippingAddress: HUE, paymentMethod: 'sandbox' }, 'en');
    // The order is paid by a process that confirmed nothing (simulated by marking it paid directly).
    await lib.orders.markPaid(order.id, lib.clock.now());
    expect(await lib.bookings.expireUnpaid()).toBe(0);
    const [booking] = await bookingsOf(order.id);
    expect(booking.status).toBe('confirmed');
    expect(await lib.ds.getRepository(LedgerEntry).countBy({ bookingId: booking.id, kind: 'sale' })).toBe(1);
  });
}

describe('a cart holding products and experience bookings, paid in one checkout (SQLite)', () => cartBookings('sqlite'));
describeMysql('a cart holding products and experience bookings, paid in one checkout', () => cartBookings('mysql'));
