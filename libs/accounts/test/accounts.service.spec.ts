import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccountRequestLimiter, AccountsService, LoginLimiter, PasswordReset, RESET_MAILS_PER_ACCOUNT, Session, User, toActor } from '@ocop/accounts';
import { FakeClock, GoneError, loadConfig, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError, type Actor } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer, MailMessage } from '@ocop/notifications';
import { openTestDatabase } from '@ocop/testing';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const PASSWORD = 'Gốm-Bát-Tràng-2025';
const NEW_PASSWORD = 'Nón-Lá-Chuông-2026';
const IP = '203.0.113.9';

describe('AccountsService on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let jobs: InProcessJobQueue;
  let accounts: AccountsService;
  const clock = new FakeClock(new Date('2026-05-04T03:00:00Z'));

  beforeEach(async () => {
    clock.set('2026-05-04T03:00:00Z');
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    const tx = new Transactions(ds);
    const config = loadConfig({ NODE_ENV: 'test', STOREFRONT_URL: 'https://shop.ocop.test', VENDOR_URL: 'https://vendor.ocop.test', LOGIN_MAX_FAILURES: '5', REGISTRATIONS_PER_HOUR: '3' });
    jobs = new InProcessJobQueue(ds, tx, clock);
    const mailer = new Mailer(tx, jobs, config, clock);
    const limiter = new LoginLimiter({ maxFailures: 5, windowSeconds: 60 });
    accounts = new AccountsService(tx, config, clock, mailer, limiter, new AccountRequestLimiter({ registrationsPerHour: 3 }));
  });
  afterEach(async () => {
    await jobs.close();
    await cleanup();
  });

  async function person(email: string): Promise<Actor> {
    const { id } = await accounts.ensureUser({ email, password: PASSWORD, name: 'Lan', roles: ['shopper'] });
    return toActor(await ds.getRepository(User).findOneByOrFail({ id }));
  }
  const sessionsOf = (userId: string) => ds.getRepository(Session).countBy({ userId });
  const resetMails = (to: string) => ds.getRepository(MailMessage).find({ where: { to, template: 'password-reset' }, order: { createdAt: 'ASC' } });
  /** The token in the newest reset link mailed to `to`. */
  async function resetToken(to: string): Promise<string> {
    const mails = await resetMails(to);
    return /\/password-reset\/([A-Za-z0-9_-]+)"/.exec(mails[mails.length - 1].html)![1];
  }
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (err: Error) => err.constructor.name,
    );

  describe('login', () => {
    it('lets at most LOGIN_MAX_FAILURES of 29 parallel wrong passwords for one account be checked', async () => {
      await person('lan@example.vn');
      // Each from its own address, so only the account's count can stop them.
      const results = await Promise.all(Array.from({ length: 29 }, (_, i) => outcome(accounts.login('lan@example.vn', `wrong-${i}-pass`, `198.51.100.${i}`, 'api'))));
      expect(results.filter((r) => r === 'UnauthorizedError').length).toBeLessThanOrEqual(5);
      expect(results.filter((r) => r === 'TooManyRequestsError').length).toBeGreaterThanOrEqual(24);
      expect(results.filter((r) => r !== 'UnauthorizedError' && r !== 'TooManyRequestsError')).toEqual([]);
    });

    it('refuses even the right password once the account is locked', async () => {
      await person('lan@example.vn');
      for (let i = 0; i < 5; i++) await expect(accounts.login('lan@example.vn', 'wrong-password-1', IP, 'api')).rejects.toThrow(UnauthorizedError);
      const locked = await accounts.login('lan@example.vn', PASSWORD, '192.0.2.1', 'api').catch((e: unknown) => e);
      expect(locked).toBeInstanceOf(TooManyRequestsError);
      expect((locked as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    });

    it('forgets the account failures after a successful login', async () => {
      await person('lan@example.vn');
      for (let i = 0; i < 4; i++) await expect(accounts.login('lan@example.vn', 'wrong-password-1', IP, 'api')).rejects.toThrow(UnauthorizedError);
      await accounts.login('lan@example.vn', PASSWORD, IP, 'api');
      for (let i = 0; i < 5; i++) await expect(accounts.login('lan@example.vn', 'wrong-password-1', IP, 'api')).rejects.toThrow(UnauthorizedError);
      await expect(accounts.login('lan@example.vn', 'wrong-password-1', IP, 'api')).rejects.toThrow(TooManyRequestsError);
    });

    it('limits one client address to four times the failures, across accounts', async () => {
      for (let i = 0; i < 20; i++) await expect(accounts.login(`nobody${i}@example.vn`, 'wrong-password-1', IP, 'api')).rejects.toThrow(UnauthorizedError);
      await expect(accounts.login('nobody-else@example.vn', 'wrong-password-1', IP, 'api')).rejects.toThrow(TooManyRequestsError);
      await expect(accounts.login('nobody-else@example.vn', 'wrong-password-1', '192.0.2.1', 'api')).rejects.toThrow(UnauthorizedError);
    });
  });

  describe('register', () => {
    it('links the welcome mail to the configured URL of the app it was made on', async () => {
      await accounts.register({ email: 'hoa@example.vn', password: PASSWORD, name: 'Hoa' }, ['shopper'], 'vendor', IP);
      const mail = await ds.getRepository(MailMessage).findOneByOrFail({ to: 'hoa@example.vn', template: 'welcome' });
      expect(mail.html).toContain('href="https://vendor.ocop.test/login"');
    });

    it('creates at most REGISTRATIONS_PER_HOUR accounts per client address; a taken e-mail counts too', async () => {
      await accounts.register({ email: 'a@example.vn', password: PASSWORD, name: 'A' }, ['shopper'], 'storefront', IP);
      await expect(accounts.register({ email: 'a@example.vn', password: PASSWORD, name: 'A' }, ['shopper'], 'storefront', IP)).rejects.toThrow(/already exists/);
      await expect(accounts.register({ email: 'b@example.vn', password: 'short', name: 'B' }, ['shopper'], 'storefront', IP)).rejects.toThrow(ValidationError);
      await accounts.register({ email: 'b@example.vn', password: PASSWORD, name: 'B' }, ['shopper'], 'storefront', IP);
      const refused = await accounts.register({ email: 'c@example.vn', password: PASSWORD, name: 'C' }, ['shopper'], 'storefront', IP).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      expect(await ds.getRepository(User).existsBy({ email: 'c@example.vn' })).toBe(false);
      await accounts.register({ email: 'c@example.vn', password: PASSWORD, name: 'C' }, ['shopper'], 'storefront', '192.0.2.1');
    });
  });

  describe('changePassword', () => {
    it('sets the new password and ends every other session of the account, keeping the caller’s', async () => {
      const lan = await person('lan@example.vn');
      const mine = await accounts.login('lan@example.vn', PASSWORD, IP, 'page');
      await accounts.login('lan@example.vn', PASSWORD, IP, 'api');
      await accounts.login('lan@example.vn', PASSWORD, IP, 'page');
      const other = await person('other@example.vn');
      await accounts.login('other@example.vn', PASSWORD, IP, 'api');

      expect(await accounts.changePassword(lan, mine.token, PASSWORD, NEW_PASSWORD)).toEqual({ endedSessions: 2 });

      expect(await sessionsOf(lan.id)).toBe(1);
      expect(await accounts.authenticate(mine.token)).toMatchObject({ id: lan.id });
      expect(await sessionsOf(other.id)).toBe(1);
      await expect(accounts.login('lan@example.vn', PASSWORD, IP, 'api')).rejects.toThrow(UnauthorizedError);
      await accounts.login('lan@example.vn', NEW_PASSWORD, IP, 'api');
    });

    it('refuses a weak new password naming newPassword, and changes nothing', async () => {
      const lan = await person('lan@example.vn');
      const err = await accounts.changePassword(lan, null, PASSWORD, 'short1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe('newPassword');
      await accounts.login('lan@example.vn', PASSWORD, IP, 'api');
    });

    it('counts a wrong current password as a failed login of the account', async () => {
      const lan = await person('lan@example.vn');
      for (let i = 0; i < 5; i++) await expect(accounts.changePassword(lan, null, 'wrong-password-1', NEW_PASSWORD)).rejects.toThrow(UnauthorizedError);
      await expect(accounts.changePassword(lan, null, PASSWORD, NEW_PASSWORD)).rejects.toThrow(TooManyRequestsError);
      await expect(accounts.login('lan@example.vn', PASSWORD, IP, 'api')).rejects.toThrow(TooManyRequestsError);
    });

    it('makes reset links sent before the change unusable', async () => {
      const lan = await person('lan@example.vn');
      await accounts.requestPasswordReset('lan@example.vn', 'storefront', IP);
      const token = await resetToken('lan@example.vn');
      await accounts.changePassword(lan, null, PASSWORD, NEW_PASSWORD);
      await expect(accounts.resetPassword(token, 'Another-Password-77')).rejects.toThrow(NotFoundError);
    });
  });

  describe('password reset', () => {
    it('stores only the hash of a 30-minute token and mails a link to the app the request came to', async () => {
      const lan = await person('lan@example.vn');
      await accounts.requestPasswordReset('  LAN@example.vn ', 'vendor', IP);
      const [mail] = await resetMails('lan@example.vn');
      expect(mail.subject).toBe('Chọn mật khẩu mới cho Chợ OCOP');
      const token = await resetToken('lan@example.vn');
      expect(mail.html).toContain(`href="https://vendor.ocop.test/password-reset/${token}"`);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      const rows = await ds.getRepository(PasswordReset).find();
      expect(rows).toEqual([expect.objectContaining({ id: sha256(token), userId: lan.id, usedAt: null, expiresAt: new Date('2026-05-04T03:30:00Z') })]);
    });

    it('does nothing visible for an e-mail without an account', async () => {
      await expect(accounts.requestPasswordReset('nobody@example.vn', 'storefront', IP)).resolves.toBeUndefined();
      await expect(accounts.requestPasswordReset('not an e-mail', 'storefront', IP)).resolves.toBeUndefined();
      expect(await ds.getRepository(PasswordReset).count()).toBe(0);
      expect(await ds.getRepository(MailMessage).count()).toBe(0);
    });

    it('mails an account at most a few links an hour, and one client cannot spread requests over many accounts', async () => {
      await person('lan@example.vn');
      for (let i = 0; i < RESET_MAILS_PER_ACCOUNT + 3; i++) await accounts.requestPasswordReset('lan@example.vn', 'storefront', `198.51.100.${i}`);
      expect(await resetMails('lan@example.vn')).toHaveLength(RESET_MAILS_PER_ACCOUNT);

      for (let i = 0; i < 12; i++) await person(`p${i}@example.vn`);
      for (let i = 0; i < 12; i++) await accounts.requestPasswordReset(`p${i}@example.vn`, 'storefront', IP);
      expect(await ds.getRepository(MailMessage).countBy({ template: 'password-reset' })).toBe(RESET_MAILS_PER_ACCOUNT + 10);
    });

    it('sets the password, ends every session and works once', async () => {
      const lan = await person('lan@example.vn');
      await accounts.login('lan@example.vn', PASSWORD, IP, 'page');
      await accounts.login('lan@example.vn', PASSWORD, IP, 'api');
      await accounts.requestPasswordReset('lan@example.vn', 'storefront', IP);
      const token = await resetToken('lan@example.vn');

      await accounts.resetPassword(token, NEW_PASSWORD);

      expect(await sessionsOf(lan.id)).toBe(0);
      expect((await ds.getRepository(PasswordReset).findOneByOrFail({ id: sha256(token) })).usedAt).toEqual(clock.now());
      await accounts.login('lan@example.vn', NEW_PASSWORD, IP, 'api');
      await expect(accounts.resetPassword(token, 'Another-Password-77')).rejects.toThrow(NotFoundError);
      await expect(accounts.checkPasswordReset(token)).rejects.toThrow(NotFoundError);
    });

    it('lets exactly one of two requests racing with the same link through', async () => {
      await person('lan@example.vn');
      await accounts.requestPasswordReset('lan@example.vn', 'storefront', IP);
      const token = await resetToken('lan@example.vn');
      const results = await Promise.all([outcome(accounts.resetPassword(token, 'First-Password-111')), outcome(accounts.resetPassword(token, 'Second-Password-222'))]);
      expect(results.sort()).toEqual(['NotFoundError', 'ok']);
    });

    it('answers Gone for an expired link and NotFound for an unknown one', async () => {
      await person('lan@example.vn');
      await accounts.requestPasswordReset('lan@example.vn', 'storefront', IP);
      const token = await resetToken('lan@example.vn');
      await expect(accounts.resetPassword('made-up-token', NEW_PASSWORD)).rejects.toThrow(NotFoundError);
      clock.advance(30 * 60_000);
      await expect(accounts.checkPasswordReset(token)).rejects.toThrow(GoneError);
      await expect(accounts.resetPassword(token, NEW_PASSWORD)).rejects.toThrow(GoneError);
      await accounts.login('lan@example.vn', PASSWORD, IP, 'api');
    });

    it('refuses a weak password naming newPassword and leaves the link usable', async () => {
      await person('lan@example.vn');
      await accounts.requestPasswordReset('lan@example.vn', 'storefront', IP);
      const token = await resetToken('lan@example.vn');
      const err = await accounts.resetPassword(token, 'onlyletterspassword').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe('newPassword');
      await accounts.resetPassword(token, NEW_PASSWORD);
    });

    it('unlocks an account locked by failed logins', async () => {
      await person('lan@example.vn');
      for (let i = 0; i < 5; i++) await expect(accounts.login('lan@example.vn', 'wrong-password-1', `198.51.100.${i}`, 'api')).rejects.toThrow(UnauthorizedError);
      await expect(accounts.login('lan@example.vn', PASSWORD, IP, 'api')).rejects.toThrow(TooManyRequestsError);
      await accounts.requestPasswordReset('lan@example.vn', 'storefront', IP);
      await accounts.resetPassword(await resetToken('lan@example.vn'), NEW_PASSWORD);
      await accounts.login('lan@example.vn', NEW_PASSWORD, IP, 'api');
    });
  });
});
