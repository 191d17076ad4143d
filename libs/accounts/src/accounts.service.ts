import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { AppConfig, Clock, ConflictError, UnauthorizedError, ValidationError, type Actor, type Role } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { Mailer } from '@ocop/notifications';
import { LoginLimiter } from './login-limiter';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { Session } from './session.entity';
import { User } from './user.entity';

export type SessionKind = 'api' | 'page';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly limiter: LoginLimiter,
  ) {}

  /**
   * Creates a user with the given roles and queues a welcome e-mail in the same transaction.
   * Throws ValidationError (email, password, name) or ConflictError when the e-mail is taken.
   */
  async register(input: { email: string; password: string; name: string; locale?: string }, roles: Role[], loginUrl: string): Promise<{ id: string; email: string }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new ValidationError('email', 'must be a valid e-mail address');
    const name = input.name.trim();
    if (!name) throw new ValidationError('name', 'must not be empty');
    const problem = passwordProblem(input.password, email);
    if (problem) throw new ValidationError('password', problem);
    const passwordHash = await hashPassword(input.password);
    const user = this.newUser(email, name, passwordHash, roles, input.locale);
    const welcome = await this.tx.run(async (em) => {
      if (await em.existsBy(User, { email })) throw new ConflictError('An account with this e-mail already exists', { field: 'email' });
      await em.insert(User, user);
      return this.mailer.queue({ to: email, template: 'welcome', locale: user.locale, data: { name, email, loginUrl } }, em);
    });
    await this.mailer.dispatch(welcome);
    return { id: user.id, email };
  }

  /**
   * Checks the password and opens a session of the given kind. Throws UnauthorizedError on bad
   * credentials (without saying which part was wrong) and TooManyRequestsError when the client
   * has failed too often.
   */
  async login(email: string, password: string, ip: string, kind: SessionKind): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.check(ip, normalized);
    const user = await this.dataSource.getRepository(User).findOneBy({ email: normalized });
    // Verify against a real hash even for unknown e-mails so timing does not reveal accounts.
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH()), password);
    if (!user || !ok) {
      await this.limiter.failed(ip, normalized);
      throw new UnauthorizedError('Wrong e-mail or password');
    }
    await this.limiter.succeeded(ip, normalized);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3600_000);
    await this.tx.run(async (em) => {
      await em.insert(Session, { id: sha256(token), userId: user.id, kind, expiresAt });
      await em.update(User, { id: user.id }, { lastLoginAt: now });
      await em.delete(Session, { userId: user.id, expiresAt: LessThan(now) });
    });
    return { token, expiresAt, actor: toActor(user) };
  }

  /** The caller behind a token, or null when the token is unknown or expired. */
  async authenticate(token: string | undefined | null): Promise<Actor | null> {
    if (!token || token.length > 200) return null;
    const session = await this.dataSource.getRepository(Session).findOneBy({ id: sha256(token) });
    if (!session || session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const user = await this.dataSource.getRepository(User).findOneBy({ id: session.userId });
    return user ? toActor(user) : null;
  }

  /** Ends the session behind a token; idempotent. */
  async logout(token: string | undefined | null): Promise<void> {
    if (!token) return;
    await this.tx.run((em) => em.delete(Session, { id: sha256(token) }));
  }

  /**
   * Creates the user when no account has this e-mail (idempotent; an existing account is left
   * as it is, password included). Used for the configured admin and the demo logins.
   */
  async ensureUser(input: { email: string; password: string; name: string; roles: Role[]; locale?: string }, em?: EntityManager): Promise<{ id: string; created: boolean }> {
    const email = input.email.toLowerCase();
    const run = async (m: EntityManager) => {
      const existing = await m.findOneBy(User, { email });
      if (existing) return { id: existing.id, created: false };
      const user = this.newUser(email, input.name, await hashPassword(input.password), input.roles, input.locale);
      await m.insert(User, user);
      return { id: user.id, created: true };
    };
    return em ? run(em) : this.tx.run(run);
  }

  /** Links a user to a vendor as owner or staff (vendor membership). */
  async setVendor(userId: string, vendorId: string | null, role: 'owner' | 'staff' | null, em?: EntityManager): Promise<void> {
    const run = (m: EntityManager) => m.update(User, { id: userId }, { vendorId, vendorRole: vendorId ? role : null });
    await (em ? run(em) : this.tx.run(run));
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
