import { Product } from '@ocop/catalog';
import { CartItem, cartKeyForUser, Order } from '@ocop/orders';
import { describeMysql } from '@ocop/testing';
import { Booking } from '../src/booking.entity';
import { CartBooking } from '../src/cart-booking.entity';
import { ExperienceSlot } from '../src/experience-slot.entity';
import { hostWithSlot, openExperiences, shopper, type Lib } from './experiences-fixtures';

const SHOPPERS = 30;
const SEATS = 10;

/** 30 shoppers in parties of 1–3 race for a slot of 10 seats. */
function raceForTheSeats(dialect: 'sqlite' | 'mysql') {
  let lib: Lib;
  beforeEach(async () => {
    lib = await openExperiences(dialect);
  });
  afterEach(() => lib.close());

  it(`never sells more than ${SEATS} seats to ${SHOPPERS} shoppers booking parties of 1–3 at once, and seatsTaken matches the bookings`, async () => {
    const h = await hostWithSlot(lib, { capacity: SEATS });
    const shoppers = await Promise.all(Array.from({ length: SHOPPERS }, (_, i) => shopper(lib.tx, `S${i}`)));
    const results = await Promise.allSettled(shoppers.map((s, i) => lib.bookings.book(s, { slotId: h.slot.id, people: (i % 3) + 1 })));

    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.map((r) => (r.reason as { status?: number }).status)).toEqual(Array(lost.length).fill(409));
    const rows = await lib.ds.getRepository(Booking).findBy({ slotId: h.slot.id });
    const sold = rows.reduce((a, b) => a + b.people, 0);
    expect(sold).toBeLessThanOrEqual(SEATS);
    expect(sold).toBeGreaterThanOrEqual(SEATS - 2);
    expect(rows).toHaveLength(SHOPPERS - lost.length);
    expect((await lib.ds.getRepository(ExperienceSlot).findOneByOrFail({ id: h.slot.id })).seatsTaken).toBe(sold);
  });
}

const CART_SHOPPERS = 20;
const LAST_SEATS = 7;

/** 20 shoppers whose carts each hold a product and a party of 1–2 check out at once for the last 7 seats of a date. */
function raceThroughCheckout(dialect: 'sqlite' | 'mysql') {
  let lib: Lib;
  beforeEach(async () => {
    lib = await openExperiences(dialect);
  });
  afterEach(() => lib.close());

  it(`never oversells the last ${LAST_SEATS} seats to ${CART_SHOPPERS} carts holding a product and a party, and a refused checkout takes nothing`, async () => {
    const h = await hostWithSlot(lib, { capacity: 10 });
    const productId = h.products[0].id;
    await lib.tx.run((em) => em.update(Product, { id: productId }, { stock: 100 }));
    await lib.bookings.book(await shopper(lib.tx, 'Early'), { slotId: h.slot.id, people: 10 - LAST_SEATS });
    const shoppers = await Promise.all(Array.from({ length: CART_SHOPPERS }, (_, i) => shopper(lib.tx, `C${i}`)));
    for (const [i, s] of shoppers.entries()) {
      await lib.cart.add(cartKeyForUser(s.id), productId, 1);
      await lib.cartBookings.add(cartKeyForUser(s.id), h.slot.id, (i % 2) + 1);
    }
    const address = { name: 'Lan', line1: '1 Phố Huế', city: 'Hà Nội', country: 'VN', phone: '0912345678' };
    const results = await Promise.allSettled(shoppers.map((s) => lib.checkout.checkout(s, { shippingAddress: address, paymentMethod: 'sandbox' }, 'vi')));

    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.map((r) => (r.reason as { status?: number }).status)).toEqual(Array(lost.length).fill(409));
    const placed = results.filter((r): r is PromiseFulfilledResult<Order> => r.status === 'fulfilled').map((r) => r.value);
    expect(placed.length).toBeGreaterThan(0);

    const bookings = await lib.ds.getRepository(Booking).findBy({ slotId: h.slot.id });
    const sold = bookings.reduce((a, b) => a + b.people, 0);
    expect(sold).toBeLessThanOrEqual(10);
    expect(sold).toBeGreaterThanOrEqual(9);
    expect((await lib.ds.getRepository(ExperienceSlot).findOneByOrFail({ id: h.slot.id })).seatsTaken).toBe(sold);
    // One booking per placed order, none without one; the stock went to exactly the placed orders.
    const orders = await lib.ds.getRepository(Order).find();
    expect(orders.map((o) => o.id).sort()).toEqual(placed.map((o) => o.id).sort());
    expect(
      bookings
        .filter((b) => b.orderId)
        .map((b) => b.orderId)
        .sort(),
    ).toEqual(placed.map((o) => o.id).sort());
    for (const o of orders) expect(o.totalVnd).toBe(o.itemsVnd + o.shippingVnd + o.bookingsVnd);
    expect((await lib.ds.getRepository(Product).findOneByOrFail({ id: productId })).stock).toBe(100 - placed.length);
    const refused = shoppers.filter((s) => !placed.some((o) => o.userId === s.id));
    for (const s of refused) {
      expect(await lib.ds.getRepository(CartItem).countBy({ cartKey: cartKeyForUser(s.id) })).toBe(1);
      expect(await lib.ds.getRepository(CartBooking).countBy({ cartKey: cartKeyForUser(s.id) })).toBe(1);
    }
  });
}

describe('booking races on SQLite', () => raceForTheSeats('sqlite'));
describeMysql('booking races', () => raceForTheSeats('mysql'));
describe('checkout races for the last seats on SQLite', () => raceThroughCheckout('sqlite'));
describeMysql('checkout races for the last seats', () => raceThroughCheckout('mysql'));
