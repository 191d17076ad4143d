import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { AppConfig, Clock, ConflictError, GoneError, NotFoundError, Rules, UnauthorizedError, ValidationError, type Actor, type Role } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { Mailer } from '@ocop/notifications';
import { AccountsRepository } from './accounts.repository';
import { LoginLimiter } from './login-limiter';
import { hashPassword, passwordRule, verifyPassword } from './password';
import { AccountRequestLimiter } from './request-limiter';
import { User } from './user.entity';

export type SessionKind = 'api' | 'page';
/** The app a request came to; links in mails point back to its configured public URL. */
export type AppName = keyof AppConfig['urls'];

/** How long a password-reset link works. */
export const PASSWORD_RESET_MINUTES = 30;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toActor(u: User): Actor {
  const granted = u.roles ? (u.roles.split(',').filter(Boolean) as Role[]) : [];
  const roles = new Set<Role>(granted);
  if (u.vendorId) roles.add('vendor');
  return { id: u.id, email: u.email, name: u.name, roles: [...roles], vendorId: u.vendorId, vendorRole: u.vendorRole, locale: u.locale };
}

/** Users, passwords and sessions. */
@Injectable()
export class AccountsService {
  private readonly requests: AccountRequestLimiter;
  private readonly repo: AccountsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly limiter: LoginLimiter,
    @Optional() requests?: AccountRequestLimiter,
  ) {
    // The apps share one from the infrastructure; a service built by hand for a test gets its own.
    this.requests = requests ?? new AccountRequestLimiter({ registrationsPerHour: config.registrationsPerHour });
    this.repo = new AccountsRepository(tx);
  }

  /**
   * Creates a user with the given roles and queues a welcome e-mail, linking to the configured
   * URL of `app`, in the same transaction. Throws ValidationError (email, password, name),
   * TooManyRequestsError when this client address has created too many accounts this hour, or
   * ConflictError when the e-mail is taken (which still counts towards the client's limit).
   */
  async register(input: { email: string; password: string; name: string; locale?: string }, roles: Role[], app: AppName, ip: string): Promise<{ id: string; email: string }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new ValidationError('email', Rules.isEmail());
    const name = input.name.trim();
    if (!name) throw new ValidationError('name', Rules.required());
    const problem = passwordRule(input.password, email);
    if (problem) throw new ValidationError('password', problem);
    await this.requests.registration(ip);
    const passwordHash = await hashPassword(input.password);
    const user = this.newUser(email, name, passwordHash, roles, input.locale);
    const loginUrl = `${this.config.urls[app]}/login`;
    const welcome = await this.tx.run(async () => {
      if (await this.repo.emailTaken(email)) throw new ConflictError('An account with this e-mail already exists', { field: 'email' });
      await this.repo.insertUser(user);
      return this.mailer.queue({ to: email, template: 'welcome', locale: user.locale, data: { name, email, loginUrl } });
    });
    await this.mailer.dispatch(welcome);
    return { id: user.id, email };
  }

  /**
   * Checks the password and opens a session of the given kind. The attempt is counted before the
   * password is checked (see LoginLimiter), so throws TooManyRequestsError once the account or
   * the client has used up its attempts, even with the right password, until the window passes;
   * UnauthorizedError on bad credentials (without saying which part was wrong).
   */
  async login(email: string, password: string, ip: string, kind: SessionKind): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.attempt(ip, normalized);
    const user = await this.repo.userByEmail(normalized);
    // Verify against a real hash even for unknown e-mails so timing does not reveal accounts.
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH()), password);
    if (!user || !ok) throw new UnauthorizedError('Wrong e-mail or password');
    await this.limiter.succeeded(ip, normalized);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3600_000);
    await this.tx.run(() => this.repo.openSession({ id: sha256(token), userId: user.id, kind, expiresAt }, now));
    return { token, expiresAt, actor: toActor(user) };
  }

  /**
   * Replaces the caller's password after checking the current one, and ends every other session
   * of the account (the one behind `currentSessionToken` stays) and every unused reset link.
   * Throws ValidationError('newPassword') for a weak password, UnauthorizedError when the current
   * password is wrong and TooManyRequestsError when the account is locked: a wrong current
   * password counts as a failed login.
   */
  async changePassword(actor: Actor, currentSessionToken: string | null, currentPassword: string, newPassword: string): Promise<{ endedSessions: number }> {
    const problem = passwordRule(newPassword, actor.email);
    if (problem) throw new ValidationError('newPassword', problem);
    await this.limiter.attemptAccount(actor.email);
    const user = await this.repo.userById(actor.id);
    if (!user) throw new UnauthorizedError('Log in first');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new UnauthorizedError('The current password is wrong');
    await this.limiter.succeeded(null, user.email);
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    const endedSessions = await this.tx.run(async () => {
      const repo = this.repo;
      await repo.setPassword(user.id, passwordHash);
      await repo.retireResets(user.id, now);
      return repo.endSessions(user.id, currentSessionToken ? sha256(currentSessionToken) : null);
    });
    return { endedSessions };
  }

  /**
   * E-mails a single-use link to choose a new password, valid for PASSWORD_RESET_MINUTES, to
   * `<configured URL of app>/password-reset/<token>` when an account has this e-mail. Answers the
   * same way, never throwing, whether or not the account exists and whether or not this client
   * or account is over its hourly limit (then nothing is sent), so it reveals no accounts and
   * cannot flood an inbox.
   */
  async requestPasswordReset(email: string, app: AppName, ip: string): Promise<void> {
    const normalized = String(email).trim().toLowerCase();
    if (!EMAIL.test(normalized) || normalized.length > 254) return;
    if (!(await this.requests.resetRequest(ip, normalized))) return;
    const user = await this.repo.userByEmail(normalized);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000);
    const resetUrl = `${this.config.urls[app]}/password-reset/${token}`;
    const mail = await this.tx.run(async () => {
      await this.repo.addReset({ id: sha256(token), userId: user.id, expiresAt }, now);
      return this.mailer.queue({ to: user.email, template: 'password-reset', locale: user.locale, data: { name: user.name, resetUrl, minutes: PASSWORD_RESET_MINUTES } });
    });
    await this.mailer.dispatch(mail);
  }

  /**
   * Whether a reset link may still be used: throws NotFoundError when it is unknown or used and
   * GoneError when it has expired. Changes nothing.
   */
  async checkPasswordReset(token: string): Promise<void> {
    const reset = token && token.length <= 200 ? await this.repo.resetById(sha256(token)) : null;
    if (!reset || reset.usedAt) throw new NotFoundError('This password-reset link is unknown or has been used');
    if (reset.expiresAt.getTime() <= this.clock.now().getTime()) throw new GoneError('This password-reset link has expired');
  }

  /**
   * Sets a new password through a reset link. The link works once, also when two requests race
   * with it; every session of the account ends, every other link stops working and the account's
   * failed logins are forgotten. Throws NotFoundError (unknown or used link), GoneError (expired)
   * or ValidationError('newPassword').
   */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.checkPasswordReset(token);
    const id = sha256(token);
    const reset = (await this.repo.resetById(id))!;
    const user = await this.repo.userById(reset.userId);
    if (!user) throw new NotFoundError('This password-reset link is unknown or has been used');
    const problem = passwordRule(newPassword, user.email);
    if (problem) throw new ValidationError('newPassword', problem);
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    await this.tx.run(async () => {
      const repo = this.repo;
      if (!(await repo.spendReset(id, now))) {
        if ((await repo.resetById(id))?.usedAt) throw new NotFoundError('This password-reset link is unknown or has been used');
        throw new GoneError('This password-reset link has expired');
      }
      await repo.setPassword(user.id, passwordHash);
      await repo.retireResets(user.id, now);
      await repo.endSessions(user.id, null);
    });
    await this.limiter.clear(user.email);
  }

  /** The caller behind a token, or null when the token is unknown or expired. */
  async authenticate(token: string | undefined | null): Promise<Actor | null> {
    if (!token || token.length > 200) return null;
    const session = await this.repo.sessionById(sha256(token));
    if (!session || session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const user = await this.repo.userById(session.userId);
    return user ? toActor(user) : null;
  }

  /** Ends the session behind a token; idempotent. */
  async logout(token: string | undefined | null): Promise<void> {
    if (!token) return;
    await this.tx.run(() => this.repo.endSession(sha256(token)));
  }

  /**
   * Creates the user when no account has this e-mail (idempotent; an existing account is left
   * as it is, password included). Used for the configured admin and the demo logins. Joins the
   * caller's transaction when there is one.
   */
  async ensureUser(input: { email: string; password: string; name: string; roles: Role[]; locale?: string }): Promise<{ id: string; created: boolean }> {
    const email = input.email.toLowerCase();
    const known = await this.repo.userByEmail(email);
    if (known) return { id: known.id, created: false };
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async () => {
      const existing = await this.repo.userByEmail(email);
      if (existing) return { id: existing.id, created: false };
      const user = this.newUser(email, input.name, passwordHash, input.roles, input.locale);
      await this.repo.insertUser(user);
      return { id: user.id, created: true };
    });
  }

  /** Links a user to a vendor as owner or staff (vendor membership), or unlinks it; idempotent. Joins the caller's transaction when there is one. */
  async setVendor(userId: string, vendorId: string | null, role: 'owner' | 'staff' | null): Promise<void> {
    await this.tx.run(() => this.repo.setVendor(userId, vendorId, role));
  }

  private newUser(email: string, name: string, passwordHash: string, roles: Role[], locale = 'vi'): User {
    return Object.assign(new User(), {
      id: randomUUID(),
      email,
      name,
      passwordHash,
      roles: roles.filter((r) => r !== 'vendor').join(','),
      vendorId: null,
      vendorRole: null,
      locale,
      lastLoginAt: null,
    });
  }
}

// A hash with the same parameters as real ones, so an unknown e-mail costs as much as a known one.
let dummyHash: Promise<string> | undefined;
const DUMMY_HASH = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
