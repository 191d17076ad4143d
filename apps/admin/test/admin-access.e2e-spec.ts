import request from 'supertest';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

/** Reads the CSRF token and cookies a login form hands out. */
async function loginForm(server: unknown, path = '/login') {
  const res = await request(server as never).get(path);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  return { csrf: csrf!, cookie: cookies.join('; '), page: res };
}

describe('admin app: role walls, pages, CSRF (embedded default)', () => {
  let m: TestMarketplace;
  let shopperToken: string;
  let adminToken: string;
  const admin = () => request(m.admin.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace();
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'buyer@example.vn', password: 'Mua-Hang-2025x', name: 'Buyer' }).expect(201);
    shopperToken = await m.token(m.admin, 'buyer@example.vn', 'Mua-Hang-2025x');
    adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => m.close());

  it('creates the configured admin account at start-up', async () => {
    const me = await admin().get('/api/auth/me').set('authorization', `Bearer ${adminToken}`);
    expect(me.body).toMatchObject({ email: TEST_ADMIN.email, roles: ['admin'] });
  });

  it('answers 403 to a non-admin token on an admin route and 401 without one', async () => {
    const res = await admin().get('/api/admin/outbox').set('authorization', `Bearer ${shopperToken}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, message: 'This needs the admin role' });
    expect((await admin().get('/api/admin/outbox')).status).toBe(401);
  });

  it('lists the outbox to an admin, newest first, and validates paging', async () => {
    const res = await admin().get('/api/admin/outbox').set('authorization', `Bearer ${adminToken}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { to: string }) => i.to)).toContain('buyer@example.vn');
    const bad = await admin().get('/api/admin/outbox?limit=0').set('authorization', `Bearer ${adminToken}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'limit', message: 'must be an integer from 1 to 200' }]);
  });

  it('does not accept a page session cookie on the API', async () => {
    const form = await loginForm(m.admin.getHttpServer());
    const login = await admin().post('/login').set('cookie', form.cookie).type('form').send({ _csrf: form.csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/' });
    const sid = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('ocop_admin_sid='))!
      .split(';')[0];
    expect((await admin().get('/api/admin/outbox').set('cookie', sid)).status).toBe(401);
  });

  it('sends a visitor without a session from an admin page to the login page', async () => {
    const res = await admin().get('/outbox');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Foutbox');
  });

  it('refuses a login form posted without its CSRF token', async () => {
    const form = await loginForm(m.admin.getHttpServer());
    const res = await admin().post('/login').set('cookie', form.cookie).type('form').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('ocop_admin_sid=');
  });

  it('logs an admin in through the form and shows the outbox page; a shopper is turned away', async () => {
    const asShopper = await loginForm(m.admin.getHttpServer());
    const refused = await admin()
      .post('/login')
      .set('cookie', `${asShopper.cookie}; ocop_admin_lang=en`)
      .type('form')
      .send({ _csrf: asShopper.csrf, email: 'buyer@example.vn', password: 'Mua-Hang-2025x', next: '/' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('This account may not enter this area.');
    expect(refused.headers['set-cookie']?.toString() ?? '').not.toContain('ocop_admin_sid=');

    const form = await loginForm(m.admin.getHttpServer(), '/login?next=/outbox&lang=en');
    const login = await admin().post('/login').set('cookie', form.cookie).type('form').send({ _csrf: form.csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/outbox' });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/outbox');
    const sid = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('ocop_admin_sid='))!
      .split(';')[0];
    const page = await admin().get('/outbox?lang=en').set('cookie', sid);
    expect(page.status).toBe(200);
    expect(page.text).toContain('buyer@example.vn');
    expect(page.text).toContain('<h1>Outbox</h1>');
  });

  it('never follows a login to another site', async () => {
    const form = await loginForm(m.admin.getHttpServer());
    const login = await admin().post('/login').set('cookie', form.cookie).type('form').send({ _csrf: form.csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '//evil.example/x' });
    expect(login.headers.location).toBe('/');
  });

  it("switches the page language with ?lang= and remembers it in the admin app's own cookie", async () => {
    const de = await admin().get('/login?lang=de');
    expect(de.text).toContain('<h1>Anmelden</h1>');
    expect(de.headers['set-cookie']?.toString()).toMatch(/(^|[ ,])ocop_admin_lang=de;/);
    const again = await admin().get('/login').set('cookie', 'ocop_admin_lang=id');
    expect(again.text).toContain('<h1>Masuk</h1>');
    // Another app's choice on the same host (the storefront's, the vendor app's) leaves the admin's pages as they were.
    for (const other of ['ocop_lang=en', 'ocop_vendor_lang=en']) expect((await admin().get('/login').set('cookie', other)).text).toContain('<h1>Đăng nhập</h1>');
    const vi = await admin().get('/login');
    expect(vi.text).toContain('<h1>Đăng nhập</h1>');
  });

  it('escapes user-supplied text on pages', async () => {
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'xss@example.vn', password: 'Xss-Test-2025', name: '<script>alert(1)</script>' }).expect(201);
    const form = await loginForm(m.admin.getHttpServer());
    const login = await admin().post('/login').set('cookie', form.cookie).type('form').send({ _csrf: form.csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/outbox' });
    const sid = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('ocop_admin_sid='))!
      .split(';')[0];
    const page = await admin().get('/outbox').set('cookie', sid);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;');
  });

  it('sets security headers (helmet)', async () => {
    const res = await admin().get('/login');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
