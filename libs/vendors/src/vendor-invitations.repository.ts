import { IsNull, MoreThan, type FindOneOptions } from 'typeorm';
import type { Transactions } from '@ocop/database';
import { User } from '@ocop/accounts';
import { Vendor } from './vendor.entity';
import { VendorInvitation } from './vendor-invitation.entity';

/** A pending invitation as its vendor's owner sees it. */
export interface PendingInvitation {
  id: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The queries over staff invitations. Reads and changes made for an owner take the vendor id as a
 * required argument; the invitee finds an invitation only by its token's hash. Each method joins
 * the caller's transaction (`Transactions.manager()`).
 */
export class VendorInvitationRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  private get locks(): boolean {
    return this.em.connection.options.type !== 'better-sqlite3';
  }

  /**
   * The vendor, locked until the transaction ends on MySQL-compatible servers, so one vendor's
   * invitations are written one at a time and its daily count cannot be overrun by parallel calls.
   * SQLite runs one transaction at a time and needs no lock.
   */
  vendorForUpdate(id: string): Promise<Pick<Vendor, 'id' | 'name'> | null> {
    const options: FindOneOptions<Vendor> = { select: { id: true, name: true }, where: { id } };
    if (this.locks) options.lock = { mode: 'pessimistic_write' };
    return this.em.findOne(Vendor, options);
  }

  vendorName(id: string): Promise<Pick<Vendor, 'id' | 'name'> | null> {
    return this.em.findOne(Vendor, { select: { id: true, name: true }, where: { id } });
  }

  /** The account with this e-mail, if any, for writing the mail in the invitee's language. */
  account(email: string): Promise<Pick<User, 'id' | 'locale'> | null> {
    return this.em.findOne(User, { select: { id: true, locale: true }, where: { email } });
  }

  personName(id: string): Promise<string | null> {
    return this.em.findOne(User, { select: { id: true, name: true }, where: { id } }).then((u) => u?.name ?? null);
  }

  /** How many invitations the vendor wrote since `since` (withdrawn and replaced ones too). */
  countForVendorSince(vendorId: string, since: Date): Promise<number> {
    return this.em.countBy(VendorInvitation, { vendorId, createdAt: MoreThan(since) });
  }

  /** How many invitations any vendor wrote to this address since `since`. */
  countForEmailSince(email: string, since: Date): Promise<number> {
    return this.em.countBy(VendorInvitation, { email, createdAt: MoreThan(since) });
  }

  insert(row: VendorInvitation): Promise<unknown> {
    return this.em.insert(VendorInvitation, row);
  }

  /**
   * Ends, as of `now`, the vendor's invitations to this address that are still open, so a new
   * invitation replaces them and their links stop working. Returns how many were ended.
   */
  async closePendingTo(vendorId: string, email: string, now: Date): Promise<number> {
    const res = await this.em
      .createQueryBuilder()
      .update(VendorInvitation)
      .set({ expiresAt: now })
      .where('vendorId = :vendorId AND email = :email AND acceptedAt IS NULL AND expiresAt > :now', { vendorId, email, now })
      .execute();
    return res.affected ?? 0;
  }

  /** Ends one of the vendor's open invitations as of `now`; false when the vendor has no such open invitation. */
  async close(vendorId: string, id: string, now: Date): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(VendorInvitation)
      .set({ expiresAt: now })
      .where('id = :id AND vendorId = :vendorId AND acceptedAt IS NULL AND expiresAt > :now', { id, vendorId, now })
      .execute();
    return (res.affected ?? 0) > 0;
  }

  /** The vendor's open invitations, newest first. */
  pending(vendorId: string, now: Date): Promise<PendingInvitation[]> {
    return this.em.find(VendorInvitation, {
      select: { id: true, email: true, createdAt: true, expiresAt: true },
      where: { vendorId, acceptedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  byTokenHash(tokenHash: string): Promise<VendorInvitation | null> {
    return this.em.findOneBy(VendorInvitation, { tokenHash });
  }

  /**
   * Marks the invitation accepted by `userId` with one conditional statement; true only for the
   * one caller whose statement changed the row, so two parallel accepts make one membership.
   */
  async claim(tokenHash: string, userId: string, now: Date): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(VendorInvitation)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where('tokenHash = :tokenHash AND acceptedAt IS NULL AND expiresAt > :now', { tokenHash, now })
      .execute();
    return res.affected === 1;
  }
}
