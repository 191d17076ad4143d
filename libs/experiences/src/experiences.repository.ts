import { In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { User } from '@ocop/accounts';
import { Product } from '@ocop/catalog';
import { Certificate } from '@ocop/certification';
import { Order } from '@ocop/orders';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { Booking, type BookingStatus } from './booking.entity';
import { Experience } from './experience.entity';
import { ExperienceSlot } from './experience-slot.entity';

export type VendorFacts = Pick<Vendor, 'id' | 'name' | 'type' | 'status' | 'villageId' | 'commissionBps' | 'address'>;
export type VillageFacts = Pick<Village, 'id' | 'slug' | 'name' | 'province'>;
export type ProductTeaser = Pick<Product, 'id' | 'slug' | 'title' | 'priceVnd'>;
export type OrderFacts = Pick<Order, 'id' | 'reference' | 'userId' | 'status' | 'paidAt' | 'cancelReason' | 'expiresAt'>;

/**
 * Every query of experiences, slots and bookings, and the reads of vendors, villages, users and
 * products they need. Vendor-owned reads take `vendorId`. Seats change only by conditional
 * updates. Each method joins the caller's transaction (`Transactions.manager()`).
 */
export class ExperiencesRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  // Neighbours (read only).

  vendor(id: string): Promise<VendorFacts | null> {
    return this.em.getRepository(Vendor).findOne({ where: { id }, select: { id: true, name: true, type: true, status: true, villageId: true, commissionBps: true, address: true } });
  }

  village(id: string): Promise<VillageFacts | null> {
    return this.em.getRepository(Village).findOne({ where: { id }, select: { id: true, slug: true, name: true, province: true } });
  }

  villageBySlug(slug: string): Promise<VillageFacts | null> {
    return this.em.getRepository(Village).findOne({ where: { slug }, select: { id: true, slug: true, name: true, province: true } });
  }

  user(id: string): Promise<Pick<User, 'id' | 'email' | 'name' | 'locale'> | null> {
    return this.em.getRepository(User).findOne({ where: { id }, select: { id: true, email: true, name: true, locale: true } });
  }

  /** The order a booking was checked out with (read only: orders changes it). */
  order(id: string): Promise<OrderFacts | null> {
    return this.em.getRepository(Order).findOne({ where: { id }, select: { id: true, reference: true, userId: true, status: true, paidAt: true, cancelReason: true, expiresAt: true } });
  }

  async vendorsByIds(ids: string[]): Promise<VendorFacts[]> {
    if (ids.length === 0) return [];
    return this.em
      .getRepository(Vendor)
      .find({ where: { id: In([...new Set(ids)]) }, select: { id: true, name: true, type: true, status: true, villageId: true, commissionBps: true, address: true } });
  }

  async villagesByIds(ids: string[]): Promise<VillageFacts[]> {
    if (ids.length === 0) return [];
    return this.em.getRepository(Village).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, slug: true, name: true, province: true } });
  }

  users(ids: string[]): Promise<Pick<User, 'id' | 'email' | 'name' | 'locale'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.getRepository(User).find({ where: { id: In(ids) }, select: { id: true, email: true, name: true, locale: true } });
  }

  /**
   * Up to `limit` products of the village that sell now (listed, certificate active and not
   * expired, vendor approved), newest listed first.
   */
  sellableProductsOfVillage(villageId: string, now: Date, limit: number): Promise<ProductTeaser[]> {
    return this.em
      .getRepository(Product)
      .createQueryBuilder('p')
      .innerJoin(Certificate, 'c', 'c.id = p.certificateId AND c.vendorId = p.vendorId')
      .innerJoin(Vendor, 'v', 'v.id = p.vendorId')
      .select(['p.id', 'p.slug', 'p.title', 'p.priceVnd'])
      .where("p.villageId = :villageId AND p.state = 'listed' AND c.status = 'active' AND c.expiresAt > :now AND v.status = 'approved'", { villageId, now })
      .orderBy('p.listedAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  // Experiences.

  async tryInsertExperience(e: Experience): Promise<boolean> {
    try {
      await this.em.createQueryBuilder().insert().into(Experience).values(e).updateEntity(false).execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  experience(id: string): Promise<Experience | null> {
    return this.em.getRepository(Experience).findOneBy({ id });
  }

  /** The vendor's experience; null for another vendor's. */
  experienceOfVendor(vendorId: string, id: string): Promise<Experience | null> {
    return this.em.getRepository(Experience).findOneBy({ id, vendorId });
  }

  experiencesOfVendor(vendorId: string): Promise<Experience[]> {
    return this.em.getRepository(Experience).find({ where: { vendorId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Published experiences whose host vendor is approved, in a village or everywhere, newest first. */
  publishedExperiences(villageId: string | null): Promise<Experience[]> {
    const q = this.em.getRepository(Experience).createQueryBuilder('e').innerJoin(Vendor, 'v', "v.id = e.vendorId AND v.status = 'approved'").where("e.status = 'published'");
    if (villageId) q.andWhere('e.villageId = :villageId', { villageId });
    return q.orderBy('e.createdAt', 'DESC').addOrderBy('e.id', 'ASC').limit(200).getMany();
  }

  async updateExperience(vendorId: string, id: string, set: Partial<Experience>): Promise<void> {
    await this.em.getRepository(Experience).update({ id, vendorId }, set);
  }

  // Slots.

  async insertSlot(s: ExperienceSlot): Promise<void> {
    await this.em.getRepository(ExperienceSlot).insert(s);
  }

  slot(id: string): Promise<ExperienceSlot | null> {
    return this.em.getRepository(ExperienceSlot).findOneBy({ id });
  }

  slotsOfExperience(experienceId: string): Promise<ExperienceSlot[]> {
    return this.em.getRepository(ExperienceSlot).find({ where: { experienceId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Open slots of the experience starting after `after`, soonest first. */
  upcomingSlots(experienceId: string, after: Date, limit = 200): Promise<ExperienceSlot[]> {
    return this.em.getRepository(ExperienceSlot).find({ where: { experienceId, status: 'open', startsAt: MoreThan(after) }, order: { startsAt: 'ASC', id: 'ASC' }, take: limit });
  }

  /**
   * Takes `seats` on an open slot that has not started, in one conditional update
   * (`seatsTaken + seats <= capacity`); returns whether it did. Never overbooks, whatever runs at once.
   */
  async takeSeats(slotId: string, seats: number, now: Date): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(ExperienceSlot)
      .set({ seatsTaken: () => 'seatsTaken + :seats' })
      .where("id = :slotId AND status = 'open' AND startsAt > :now AND seatsTaken + :seats <= capacity")
      .setParameters({ slotId, seats, now })
      .execute();
    return res.affected === 1;
  }

  /** Gives `seats` back (never below zero). Call only in the transaction that moved a booking out of holding them. */
  async freeSeats(slotId: string, seats: number): Promise<void> {
    await this.em
      .createQueryBuilder()
      .update(ExperienceSlot)
      .set({ seatsTaken: () => 'CASE WHEN seatsTaken >= :seats THEN seatsTaken - :seats ELSE 0 END' })
      .where('id = :slotId')
      .setParameters({ slotId, seats })
      .execute();
  }

  /** open → cancelled in one conditional update; returns whether this call did it. */
  async cancelSlot(slotId: string, at: Date): Promise<boolean> {
    const res = await this.em.createQueryBuilder().update(ExperienceSlot).set({ status: 'cancelled', cancelledAt: at }).where("id = :slotId AND status = 'open'", { slotId }).execute();
    return res.affected === 1;
  }

  // Bookings.

  async tryInsertBooking(b: Booking): Promise<boolean> {
    try {
      await this.em.createQueryBuilder().insert().into(Booking).values(b).updateEntity(false).execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  booking(id: string): Promise<Booking | null> {
    return this.em.getRepository(Booking).findOneBy({ id });
  }

  bookingsOfUser(userId: string): Promise<Booking[]> {
    return this.em.getRepository(Booking).find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' }, take: 200 });
  }

  bookingsOfSlot(slotId: string, statuses?: BookingStatus[]): Promise<Booking[]> {
    return this.em.getRepository(Booking).find({ where: { slotId, ...(statuses ? { status: In(statuses) } : {}) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The vendor's bookings of one experience, soonest slot first. */
  bookingsOfExperience(vendorId: string, experienceId: string): Promise<Booking[]> {
    return this.em.getRepository(Booking).find({ where: { vendorId, experienceId }, order: { createdAt: 'DESC', id: 'ASC' }, take: 1000 });
  }

  slotsByIds(ids: string[]): Promise<ExperienceSlot[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.getRepository(ExperienceSlot).findBy({ id: In(ids) });
  }

  experiencesByIds(ids: string[]): Promise<Experience[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.getRepository(Experience).findBy({ id: In(ids) });
  }

  /** Unpaid bookings paid on their own whose payment time ran out by `now` (those of an order follow the order). */
  expiredUnpaid(now: Date, limit = 200): Promise<Booking[]> {
    return this.em.getRepository(Booking).find({ where: { status: 'awaiting_payment', orderId: IsNull(), expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: limit });
  }

  /** The bookings an order's checkout made, oldest first. */
  bookingsOfOrder(orderId: string): Promise<Booking[]> {
    return this.em.getRepository(Booking).find({ where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Ids of orders whose bookings still wait for payment although the order no longer does (paid or cancelled), oldest first. */
  async ordersWithBookingsAdrift(limit = 200): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder()
      .select('DISTINCT b.orderId', 'orderId')
      .from(Booking, 'b')
      .innerJoin(Order, 'o', 'o.id = b.orderId')
      .where("b.status = 'awaiting_payment' AND o.status <> 'awaiting_payment'")
      .limit(limit)
      .getRawMany<{ orderId: string }>();
    return rows.map((r) => r.orderId);
  }

  /**
   * The booking as last committed, locked until the transaction ends on MySQL-compatible servers
   * (a plain read there answers from the transaction's snapshot, which may predate a concurrent
   * cancellation that a conditional update has just seen).
   */
  currentBooking(id: string): Promise<Booking | null> {
    // SQLite runs one transaction at a time and needs no lock.
    if (this.em.connection.options.type === 'better-sqlite3') return this.booking(id);
    return this.em.getRepository(Booking).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Moves a booking from one of `from` to `to` in one conditional update; returns whether this
   * call moved it (so whatever follows the move, freeing seats or refunding, happens once).
   */
  async moveBooking(id: string, from: BookingStatus[], to: BookingStatus, set: Partial<Booking> = {}): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Booking)
      .set({ ...set, status: to })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return res.affected === 1;
  }

  async addRefunded(id: string, amountVnd: number): Promise<void> {
    await this.em
      .createQueryBuilder()
      .update(Booking)
      .set({ refundedVnd: () => 'refundedVnd + :amount' })
      .where('id = :id')
      .setParameters({ id, amount: amountVnd })
      .execute();
  }
}
