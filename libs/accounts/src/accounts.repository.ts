import { IsNull, LessThan, MoreThan, Not } from 'typeorm';
import type { Transactions } from '@ocop/database';
import { PasswordReset } from './password-reset.entity';
import { Session } from './session.entity';
import { User } from './user.entity';

/**
 * Every query on users, sessions and password resets. Ids of sessions and resets are SHA-256
 * hashes of their tokens. Each method joins the caller's transaction (`Transactions.manager()`).
 */
export class AccountsRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  userByEmail(email: string): Promise<User | null> {
    return this.em.findOneBy(User, { email });
  }

  userById(id: string): Promise<User | null> {
    return this.em.findOneBy(User, { id });
  }

  emailTaken(email: string): Promise<boolean> {
    return this.em.existsBy(User, { email });
  }

  async insertUser(user: User): Promise<void> {
    await this.em.insert(User, user);
  }

  /** Links a user to a vendor (or unlinks it with null); the role is cleared without a vendor. */
  async setVendor(userId: string, vendorId: string | null, role: 'owner' | 'staff' | null): Promise<void> {
    await this.em.update(User, { id: userId }, { vendorId, vendorRole: vendorId ? role : null });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.em.update(User, { id: userId }, { passwordHash });
  }

  sessionById(id: string): Promise<Session | null> {
    return this.em.findOneBy(Session, { id });
  }

  async openSession(session: Pick<Session, 'id' | 'userId' | 'kind' | 'expiresAt'>, now: Date): Promise<void> {
    await this.em.insert(Session, session);
    await this.em.update(User, { id: session.userId }, { lastLoginAt: now });
    await this.em.delete(Session, { userId: session.userId, expiresAt: LessThan(now) });
  }

  async endSession(id: string): Promise<void> {
    await this.em.delete(Session, { id });
  }

  /** Ends every session of the user except `keepId` (every one when null); returns how many ended. */
  async endSessions(userId: string, keepId: string | null): Promise<number> {
    const res = await this.em.delete(Session, keepId ? { userId, id: Not(keepId) } : { userId });
    return res.affected ?? 0;
  }

  async addReset(reset: Pick<PasswordReset, 'id' | 'userId' | 'expiresAt'>, now: Date): Promise<void> {
    await this.em.delete(PasswordReset, { userId: reset.userId, expiresAt: LessThan(now) });
    await this.em.insert(PasswordReset, { ...reset, usedAt: null });
  }

  resetById(id: string): Promise<PasswordReset | null> {
    return this.em.findOneBy(PasswordReset, { id });
  }

  /**
   * Spends a reset link: one conditional UPDATE, so of two requests racing with the same link
   * exactly one gets true. False when it was used already or has expired.
   */
  async spendReset(id: string, now: Date): Promise<boolean> {
    const res = await this.em.update(PasswordReset, { id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    return res.affected === 1;
  }

  /** Makes every unused reset link of the user unusable (its password has just changed). */
  async retireResets(userId: string, now: Date): Promise<void> {
    await this.em.update(PasswordReset, { userId, usedAt: IsNull() }, { usedAt: now });
  }
}
