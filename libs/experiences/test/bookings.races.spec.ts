import { describeMysql } from '@ocop/testing';
import { Booking } from '../src/booking.entity';
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

describe('booking races on SQLite', () => raceForTheSeats('sqlite'));
describeMysql('booking races', () => raceForTheSeats('mysql'));
