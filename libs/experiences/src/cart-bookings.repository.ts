import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { CartBooking } from './cart-booking.entity';

/** Statements on `cart_bookings` (places on experience dates waiting in carts); each joins the caller's transaction. */
export class CartBookingsRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** The cart's places, oldest first (inserted with a millisecond time, as cart items are). */
  rows(cartKey: string): Promise<CartBooking[]> {
    return this.em.getRepository(CartBooking).find({ where: { cartKey }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  line(cartKey: string, slotId: string): Promise<CartBooking | null> {
    return this.em.getRepository(CartBooking).findOneBy({ cartKey, slotId });
  }

  count(cartKey: string): Promise<number> {
    return this.em.getRepository(CartBooking).countBy({ cartKey });
  }

  /** Sets the party of the cart's place on the date, creating the line when missing (a concurrent creation is updated instead). */
  async setPeople(cartKey: string, slotId: string, people: number): Promise<void> {
    const set = await this.em.getRepository(CartBooking).update({ cartKey, slotId }, { people });
    if ((set.affected ?? 0) > 0) return;
    try {
      await this.em.getRepository(CartBooking).insert({ id: randomUUID(), cartKey, slotId, people, createdAt: new Date() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.em.getRepository(CartBooking).update({ cartKey, slotId }, { people });
    }
  }

  /** Removes places of the cart (all of them without `slotIds`); returns how many went. */
  async remove(cartKey: string, slotIds?: string[]): Promise<number> {
    if (slotIds && slotIds.length === 0) return 0;
    const res = await this.em.getRepository(CartBooking).delete(slotIds ? { cartKey, slotId: In(slotIds) } : { cartKey });
    return res.affected ?? 0;
  }

  /** Moves one line to another cart; false when that cart already holds the date (the line stays where it was). */
  async moveLine(id: string, intoKey: string): Promise<boolean> {
    try {
      const res = await this.em.getRepository(CartBooking).update({ id }, { cartKey: intoKey });
      return (res.affected ?? 0) === 1;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
}
