import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { MailMessage } from '@ocop/notifications';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const PASSWORD = 'Gốm-Bát-Tràng-2025';
const NEW_PASSWORD = 'Nón-Lá-Chuông-2026';
const URLS = { STOREFRONT_URL: 'https://shop.ocop.test', VENDOR_URL: 'https://vendor.ocop.test', ADMIN_URL: 'https://admin.ocop.test' };
/** The test client connects over loopback, so naming loopback makes it a trusted proxy. */
const BEHIND_PROXY = { ...URLS, TRUST_PROXY: '127.0.0.1,::1' };

const setCookies = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/**
 * One browser on one app: keeps the cookies the app sets, sends every request with `headers`
 * (a forwarded address, say) and posts forms with the CSRF token of the page they are on.
 */
function browser(app: NestFastifyApplication, headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const keep = (res: request.Response) => {
    for (const c of setCookies(res)) {
      const pair = c.split(';')[0];
      const name = pair.slice(0, pair.indexOf('='));
      if (/expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const web = () => request(app.getHttpServer());
  return {
    jar,
    get: async (path: string) => keep(await web().get(path).set(headers).set('cookie', cookie())),
    post: async (path: string, form: Record<string, string>) => keep(await web().post(path).set(headers).set('cookie', cookie()).type('form').send(form)),
    async submit(page: string, action: string, form: Record<string, string>) {
      const csrf = csrfOf((await this.get(page)).text);
      return this.post(action, { _csrf: csrf, ...form });
    },
  };
}

/** Waits for a mail to `to` from `template` to be written to the outbox, and returns the newest. */
async function mailTo(m: TestMarketplace, to: string, template: string): Promise<MailMessage> {
  const repo = m.infra.dataSource.getRepository(MailMessage);
  const [newest] = await repo.find({ where: { to, template }, order: { createdAt: 'DESC' }, take: 1 });
  if (!newest) throw new Error(`no ${template} mail to ${to}`);
  return newest;
}
const resetTokenIn = (mail: MailMessage) => /\/password-reset\/([A-Za-z0-9_-]+)"/.exec(mail.html)![1];

describe('account security without a trusted proxy (TRUST_PROXY unset)', () => {
  let m: TestMarketplace;
  const api = (app: NestFastifyApplication) => request(app.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace({ env: URLS });
  });
  afterAll(() => m.close());

  it('links the welcome mail to STOREFRONT_URL (VENDOR_URL on the vendor app) whatever Host and X-Forwarded-Host say', async () => {
    const evil = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' };
    await api(m.storefront).post('/api/auth/register').set(evil).send({ email: 'host@example.vn', password: PASSWORD, name: 'Host' }).expect(201);
    const welcome = await mailTo(m, 'host@example.vn', 'welcome');
    expect(welcome.html).toContain('href="https://shop.ocop.test/login"');
    expect(welcome.html).not.toContain('evil.example');

    await api(m.vendor).post('/api/auth/register').set(evil).send({ email: 'coop@example.vn', password: PASSWORD, name: 'Coop' }).expect(201);
    expect((await mailTo(m, 'coop@example.vn', 'welcome')).html).toContain('href="https://vendor.ocop.test/login"');

    await api(m.storefront).post('/api/auth/password-reset').set(evil).send({ email: 'host@example.vn' }).expect(202);
    expect((await mailTo(m, 'host@example.vn', 'password-reset')).html).toMatch(/href="https:\/\/shop\.ocop\.test\/password-reset\/[A-Za-z0-9_-]+"/);
  });

  it('does not mark the session cookie Secure because a client claims X-Forwarded-Proto: https', async () => {
    const b = browser(m.storefront, { 'x-forwarded-proto': 'https' });
    const login = await b.submit('/login', '/login', { email: 'host@example.vn', password: PASSWORD, next: '/' });
    expect(login.status).toBe(303);
    const sid = setCookies(login).find((c) => c.startsWith('ocop_storefront_sid='))!;
    expect(sid).not.toMatch(/;\s*Secure/i);
  });

  // Runs last: it spends this client address's failed logins for the window.
  it('counts failed logins by the connection address, not by a forged X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await api(m.storefront)
        .post('/api/auth/login')
        .set('x-forwarded-for', `198.51.100.${i}`)
        .send({ email: `guess${i}@example.vn`, password: 'wrong-password-1' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
  });
});

describe('account security behind a trusted proxy (TRUST_PROXY=127.0.0.1,::1)', () => {
  let m: TestMarketplace;
  let clients = 0;
  /** A new client address, forwarded by the trusted proxy, so each test has its own address count. */
  const nextClient = () => `203.0.113.${++clients}`;
  const post = (app: NestFastifyApplication, path: string, ip = nextClient()) => request(app.getHttpServer()).post(path).set('x-forwarded-for', ip);
  const get = (app: NestFastifyApplication, path: string, ip = nextClient()) => request(app.getHttpServer()).get(path).set('x-forwarded-for', ip);
  const register = (email: string, app?: NestFastifyApplication) =>
    post(app ?? m.storefront, '/api/auth/register')
      .send({ email, password: PASSWORD, name: email.split('@')[0] })
      .expect(201);
  const login = (app: NestFastifyApplication, email: string, password: string, ip?: string) => post(app, '/api/auth/login', ip).send({ email, password });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    m = await startTestMarketplace({ env: BEHIND_PROXY });
  });
  afterAll(() => m.close());

  describe('proxy headers', () => {
    it('counts failed logins by the forwarded client address when the proxy is trusted', async () => {
      for (let i = 0; i < 25; i++) {
        expect((await login(m.storefront, `nobody${i}@example.vn`, 'wrong-password-1')).status).toBe(401);
      }
    });

    it('still links mails to the configured URL when the trusted proxy forwards another host', async () => {
      await post(m.storefront, '/api/auth/register')
        .set({ 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' })
        .send({ email: 'fwd@example.vn', password: PASSWORD, name: 'Fwd' })
        .expect(201);
      const welcome = await mailTo(m, 'fwd@example.vn', 'welcome');
      expect(welcome.html).toContain('href="https://shop.ocop.test/login"');
      expect(welcome.html).not.toContain('evil.example');
    });
  });

  describe('the login limit', () => {
    it('answers 401 to at most LOGIN_MAX_FAILURES of 29 parallel wrong passwords for one account, 429 to the rest', async () => {
      await register('parallel@example.vn');
      const res = await Promise.all(Array.from({ length: 29 }, () => login(m.storefront, 'parallel@example.vn', 'wrong-password-1')));
      const statuses = res.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(24);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    });

    it('locks an account on the vendor and admin apps, API and login page, once it is locked on the storefront', async () => {
      await register('locked@example.vn');
      for (let i = 0; i < 5; i++) expect((await login(m.storefront, 'locked@example.vn', 'wrong-password-1')).status).toBe(401);
      for (const app of [m.storefront, m.vendor, m.admin]) {
        const res = await login(app, 'locked@example.vn', PASSWORD);
        expect(res.status).toBe(429);
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        const page = await browser(app, { 'x-forwarded-for': nextClient() }).submit('/login?lang=en', '/login?lang=en', { email: 'locked@example.vn', password: PASSWORD, next: '/' });
        expect(page.status).toBe(429);
        expect(page.text).toContain('Too many failed logins');
        expect(setCookies(page).join()).not.toContain('_sid=');
      }
    });

    it('forgets the failures of an account after a successful login', async () => {
      await register('forgets@example.vn');
      for (let i = 0; i < 4; i++) expect((await login(m.vendor, 'forgets@example.vn', 'wrong-password-1')).status).toBe(401);
      expect((await login(m.storefront, 'forgets@example.vn', PASSWORD)).status).toBe(200);
      const after: number[] = [];
      for (let i = 0; i < 6; i++) after.push((await login(m.admin, 'forgets@example.vn', 'wrong-password-1')).status);
      expect(after).toEqual([401, 401, 401, 401, 401, 429]);
    });
  });

  describe('the login page', () => {
    it('follows a next path with Vietnamese letters, percent-encoded, and hands over a working session cookie', async () => {
      await register('next@example.vn');
      const b = browser(m.storefront, { 'x-forwarded-for': nextClient() });
      const res = await b.submit('/login', '/login', { email: 'next@example.vn', password: PASSWORD, next: '/products?q=gốm' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/products?q=g%E1%BB%91m');
      expect(b.jar.has('ocop_storefront_sid')).toBe(true);
      const [{ n }] = await m.infra.dataSource.query("SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.userId WHERE u.email = 'next@example.vn'");
      expect(Number(n)).toBe(1);
      expect((await b.get('/account')).status).toBe(200);
    });

    it('replaces the CSRF secret at login, so a token from before the login no longer validates', async () => {
      await register('csrf@example.vn');
      const b = browser(m.storefront, { 'x-forwarded-for': nextClient() });
      const before = csrfOf((await b.get('/login')).text);
      const secretBefore = b.jar.get('ocop_storefront_csrf');
      expect((await b.post('/login', { _csrf: before, email: 'csrf@example.vn', password: PASSWORD, next: '/' })).status).toBe(303);
      expect(b.jar.get('ocop_storefront_csrf')).toEqual(expect.any(String));
      expect(b.jar.get('ocop_storefront_csrf')).not.toBe(secretBefore);
      expect((await b.post('/logout', { _csrf: before })).status).toBe(403);
      expect((await b.submit('/', '/logout', {})).status).toBe(303);
    });

    it('offers a forgotten-password link', async () => {
      const page = await get(m.vendor, '/login?lang=en');
      expect(page.text).toContain('<a href="/password-reset" data-testid="forgot-password">Forgot your password?</a>');
    });
  });

  describe('password change (API)', () => {
    it('changes the password and ends every other session of the account', async () => {
      await register('change@example.vn');
      const mine = (await login(m.storefront, 'change@example.vn', PASSWORD)).body.accessToken;
      const other = (await login(m.vendor, 'change@example.vn', PASSWORD)).body.accessToken;
      const page = browser(m.storefront, { 'x-forwarded-for': nextClient() });
      await page.submit('/login', '/login', { email: 'change@example.vn', password: PASSWORD, next: '/' });

      const res = await post(m.storefront, '/api/auth/password').set(bearer(mine)).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ endedSessions: 2 });

      expect((await get(m.storefront, '/api/auth/me').set(bearer(mine))).status).toBe(200);
      expect((await get(m.vendor, '/api/auth/me').set(bearer(other))).status).toBe(401);
      expect((await page.get('/account')).status).toBe(303);
      expect((await login(m.admin, 'change@example.vn', PASSWORD)).status).toBe(401);
      expect((await login(m.admin, 'change@example.vn', NEW_PASSWORD)).status).toBe(200);
    });

    it('answers 401 to a wrong current password, 400 naming newPassword to a weak one, 401 without a token', async () => {
      await register('change2@example.vn');
      const token = (await login(m.vendor, 'change2@example.vn', PASSWORD)).body.accessToken;
      const wrong = await post(m.vendor, '/api/auth/password').set(bearer(token)).send({ currentPassword: 'wrong-password-1', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ statusCode: 401, message: 'The current password is wrong' });
      const weak = await post(m.vendor, '/api/auth/password').set(bearer(token)).send({ currentPassword: PASSWORD, newPassword: 'short1' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors).toEqual([{ field: 'newPassword', message: 'must be at least 10 characters long' }]);
      expect((await post(m.vendor, '/api/auth/password').send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);
      expect((await login(m.vendor, 'change2@example.vn', PASSWORD)).status).toBe(200);
    });
  });

  describe('password reset (API)', () => {
    it('answers 202 the same way whether or not the account exists, and mails a link only to an account', async () => {
      await register('reset@example.vn', m.vendor);
      const known = await post(m.vendor, '/api/auth/password-reset').send({ email: 'reset@example.vn' });
      const unknown = await post(m.vendor, '/api/auth/password-reset').send({ email: 'nobody-here@example.vn' });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      const mail = await mailTo(m, 'reset@example.vn', 'password-reset');
      expect(mail.html).toContain(`href="https://vendor.ocop.test/password-reset/${resetTokenIn(mail)}"`);
      await expect(mailTo(m, 'nobody-here@example.vn', 'password-reset')).rejects.toThrow(/no password-reset mail/);
      expect((await post(m.vendor, '/api/auth/password-reset').send({ email: 'not-an-email' })).status).toBe(400);
    });

    it('sets the new password with the token once, ending every session of the account', async () => {
      await register('reset2@example.vn');
      const before = (await login(m.storefront, 'reset2@example.vn', PASSWORD)).body.accessToken;
      await post(m.storefront, '/api/auth/password-reset').send({ email: 'reset2@example.vn' }).expect(202);
      const token = resetTokenIn(await mailTo(m, 'reset2@example.vn', 'password-reset'));

      const res = await post(m.admin, '/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(200);
      expect((await get(m.storefront, '/api/auth/me').set(bearer(before))).status).toBe(401);
      expect((await login(m.storefront, 'reset2@example.vn', NEW_PASSWORD)).status).toBe(200);

      const again = await post(m.storefront, '/api/auth/password-reset/confirm').send({ token, newPassword: 'Another-Password-77' });
      expect(again.status).toBe(404);
      expect((await post(m.storefront, '/api/auth/password-reset/confirm').send({ token: 'made-up', newPassword: NEW_PASSWORD })).status).toBe(404);
    });

    it('answers 410 to an expired token', async () => {
      await register('reset3@example.vn');
      await post(m.storefront, '/api/auth/password-reset').send({ email: 'reset3@example.vn' }).expect(202);
      const token = resetTokenIn(await mailTo(m, 'reset3@example.vn', 'password-reset'));
      await m.infra.dataSource.query("UPDATE password_resets SET expiresAt = '2020-01-01 00:00:00.000' WHERE userId = (SELECT id FROM users WHERE email = 'reset3@example.vn')");
      const res = await post(m.storefront, '/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(410);
      const page = await get(m.storefront, `/password-reset/${token}?lang=en`);
      expect(page.status).toBe(410);
      expect(page.text).toContain('This link has expired. Ask for a new one.');
    });
  });

  describe('password pages', () => {
    it('asks for the e-mail and gives the same answer whether or not the account exists', async () => {
      await register('pagereset@example.vn');
      const b = browser(m.storefront, { 'x-forwarded-for': nextClient() });
      const form = await b.get('/password-reset?lang=en');
      expect(form.status).toBe(200);
      expect(form.text).toContain('<h1>Reset your password</h1>');
      const known = await b.submit('/password-reset', '/password-reset', { email: 'pagereset@example.vn' });
      const unknown = await b.submit('/password-reset', '/password-reset', { email: 'nobody-at-all@example.vn' });
      const notAnEmail = await b.submit('/password-reset', '/password-reset', { email: 'x' });
      for (const res of [known, unknown, notAnEmail]) {
        expect(res.status).toBe(200);
        expect(res.text).toContain('If an account has this e-mail, a link to choose a new password is on its way.');
      }
      expect((await b.post('/password-reset', { email: 'pagereset@example.vn' })).status).toBe(403);
    });

    it('lets a person choose a new password through the mailed link, once', async () => {
      await register('pagechoose@example.vn');
      await post(m.storefront, '/api/auth/password-reset').send({ email: 'pagechoose@example.vn' }).expect(202);
      const token = resetTokenIn(await mailTo(m, 'pagechoose@example.vn', 'password-reset'));
      const b = browser(m.storefront, { 'x-forwarded-for': nextClient() });
      const page = `/password-reset/${token}?lang=en`;

      const form = await b.get(page);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`action="/password-reset/${token}"`);
      const mismatch = await b.submit(page, `/password-reset/${token}?lang=en`, { newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` });
      expect(mismatch.status).toBe(400);
      expect(mismatch.text).toContain('The two new passwords do not match.');
      const weak = await b.submit(page, `/password-reset/${token}?lang=en`, { newPassword: 'short1', confirmPassword: 'short1' });
      expect(weak.status).toBe(400);
      expect(weak.text).toContain('The new password is too weak');

      const done = await b.submit(page, `/password-reset/${token}?lang=en`, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(done.status).toBe(200);
      expect(done.text).toContain('Your password has been changed');
      expect((await login(m.storefront, 'pagechoose@example.vn', NEW_PASSWORD)).status).toBe(200);

      const used = await b.get(page);
      expect(used.status).toBe(404);
      expect(used.text).toContain('This link is not valid or has already been used.');
    });

    it('changes the password of the logged-in person, who stays logged in while other sessions end', async () => {
      await register('pagechange@example.vn');
      const other = (await login(m.storefront, 'pagechange@example.vn', PASSWORD)).body.accessToken;
      const b = browser(m.storefront, { 'x-forwarded-for': nextClient() });
      expect((await b.get('/account/password')).headers.location).toBe('/login?next=%2Faccount%2Fpassword');
      await b.submit('/login', '/login', { email: 'pagechange@example.vn', password: PASSWORD, next: '/account' });

      const account = await b.get('/account?lang=en');
      expect(account.status).toBe(200);
      expect(account.text).toContain('pagechange@example.vn');
      expect(account.text).toContain('href="/account/password"');

      const wrong = await b.submit('/account/password?lang=en', '/account/password?lang=en', { currentPassword: 'wrong-password-1', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('The current password is wrong.');
      const changed = await b.submit('/account/password?lang=de', '/account/password?lang=de', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      expect(changed.text).toContain('Ihr Passwort wurde geändert.');

      expect((await b.get('/account')).status).toBe(200);
      expect((await get(m.storefront, '/api/auth/me').set(bearer(other))).status).toBe(401);
      expect((await login(m.storefront, 'pagechange@example.vn', NEW_PASSWORD)).status).toBe(200);
    });

    it('serves the password pages on the vendor and admin apps too', async () => {
      for (const app of [m.vendor, m.admin]) {
        expect((await get(app, '/password-reset?lang=id')).text).toContain('<h1>Atur ulang kata sandi</h1>');
      }
      const admin = browser(m.admin, { 'x-forwarded-for': nextClient() });
      await admin.submit('/login', '/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/' });
      const page = await admin.get('/account/password?lang=vi');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<h1>Đổi mật khẩu</h1>');
      expect(page.text).toContain('name="_csrf"');
    });

    it('documents the password routes in OpenAPI', async () => {
      const res = await get(m.vendor, '/api/docs/openapi.json');
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/password', '/api/auth/password-reset', '/api/auth/password-reset/confirm']));
      expect(res.body.components.schemas.ChangePasswordDto.properties).toHaveProperty('newPassword');
    });
  });
});

describe('account security with a short login window and few registrations (LOGIN_WINDOW_SECONDS=2, REGISTRATIONS_PER_HOUR=3)', () => {
  let m: TestMarketplace;
  const post = (app: NestFastifyApplication, path: string, ip: string) => request(app.getHttpServer()).post(path).set('x-forwarded-for', ip);

  beforeAll(async () => {
    m = await startTestMarketplace({ env: { ...BEHIND_PROXY, LOGIN_WINDOW_SECONDS: '2', REGISTRATIONS_PER_HOUR: '3' } });
  });
  afterAll(() => m.close());

  it('refuses even the right password while the account is locked, and lets it in once the window has passed', async () => {
    await post(m.storefront, '/api/auth/register', '192.0.2.1').send({ email: 'window@example.vn', password: PASSWORD, name: 'W' }).expect(201);
    const wrong = await Promise.all(Array.from({ length: 5 }, (_, i) => post(m.storefront, '/api/auth/login', `192.0.2.${10 + i}`).send({ email: 'window@example.vn', password: 'wrong-password-1' })));
    expect(wrong.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const locked = await post(m.vendor, '/api/auth/login', '192.0.2.20').send({ email: 'window@example.vn', password: PASSWORD });
    expect(locked.status).toBe(429);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await post(m.vendor, '/api/auth/login', '192.0.2.20').send({ email: 'window@example.vn', password: PASSWORD })).status).toBe(200);
  });

  it('creates at most REGISTRATIONS_PER_HOUR accounts per client address, counted across the storefront and vendor apps', async () => {
    const register = (app: NestFastifyApplication, email: string, ip: string) => post(app, '/api/auth/register', ip).send({ email, password: PASSWORD, name: 'R' });
    expect((await register(m.storefront, 'r1@example.vn', '198.51.100.7')).status).toBe(201);
    expect((await register(m.vendor, 'r2@example.vn', '198.51.100.7')).status).toBe(201);
    expect((await register(m.storefront, 'r3@example.vn', '198.51.100.7')).status).toBe(201);
    for (const app of [m.storefront, m.vendor]) {
      const refused = await register(app, 'r4@example.vn', '198.51.100.7');
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ statusCode: 429, message: 'Too many new accounts from this address; try again later' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await register(m.storefront, 'r4@example.vn', '198.51.100.8')).status).toBe(201);
  });
});
