import request from 'supertest';
import { AccountsService } from '@ocop/accounts';
import { seedVendorWithCertificate } from '@ocop/testing';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const VENDOR = { email: 'lan@htx.example.vn', password: 'Gom-Bat-Trang-2025' };

/** `[[[…"x"…]]]` or `{"a":{"a":…1…}}`, `depth` levels deep. */
const deepArray = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** The cookies a browser holds after a GET: the session given, plus any set by the answer. */
function cookiesAfter(res: request.Response, cookie: string): string {
  return [cookie, ...([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])].filter(Boolean).join('; ');
}

describe('hostile input to the shared HTTP layer (embedded default)', () => {
  let m: TestMarketplace;
  let adminToken: string;
  let vendorToken: string;
  let vendorCookie: string;
  let certId: string;
  let vendorId: string;
  const storefront = () => request(m.storefront.getHttpServer());
  const vendor = () => request(m.vendor.getHttpServer());
  const admin = () => request(m.admin.getHttpServer());
  const count = async (table: string) => Number((await m.infra.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const json = (r: request.Test, body: string) => r.set('content-type', 'application/json').send(body);

  /** Logs in through an app's login page; the session cookie alone. */
  async function pageLogin(server: unknown, email: string, password: string): Promise<string> {
    const form = await request(server as never).get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const login = await request(server as never)
      .post('/login')
      .set('cookie', cookiesAfter(form, ''))
      .type('form')
      .send({ _csrf: csrf, email, password, next: '/' });
    expect(login.status).toBe(303);
    return ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.includes('_sid='))!
      .split(';')[0];
  }

  /** A page's CSRF token with the cookies to send it with. */
  async function csrf(server: unknown, cookie: string, path: string): Promise<{ token: string; cookies: string }> {
    const res = await request(server as never)
      .get(path)
      .set('cookie', cookie);
    expect(res.status).toBe(200);
    return { token: /name="_csrf" value="([^"]+)"/.exec(res.text)![1], cookies: cookiesAfter(res, cookie) };
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    const seeded = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 0, vendorName: 'HTX Gốm Lan' }));
    vendorId = seeded.vendor.id;
    certId = seeded.cert.id;
    await vendor().post('/api/auth/register').send({ email: VENDOR.email, password: VENDOR.password, name: 'Lan' }).expect(201);
    const [{ id: userId }] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [VENDOR.email]);
    await m.vendor.get(AccountsService, { strict: false }).setVendor(userId, vendorId, 'owner');
    vendorToken = await m.token(m.vendor, VENDOR.email, VENDOR.password);
    vendorCookie = await pageLogin(m.vendor.getHttpServer(), VENDOR.email, VENDOR.password);
  });
  afterAll(async () => {
    await m.close();
  });

  describe('field names in validation errors', () => {
    it('names an unknown field "(" with 400 on the login route instead of failing with 500', async () => {
      const res = await storefront().post('/api/auth/login').send({ email: 'a@example.test', password: 'x', '(': 1 });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: '(', message: 'property ( should not exist' }]);
    });

    it('names unknown fields full of pattern syntax on other DTO routes, nested ones included', async () => {
      const users = await count('users');
      const register = await storefront().post('/api/auth/register').send({ email: 'new@example.test', password: 'Very-Long-Pass-123', name: 'N', '[': 1 });
      expect(register.status).toBe(400);
      expect(register.body.errors).toContainEqual({ field: '[', message: 'property [ should not exist' });
      expect(await count('users')).toBe(users);

      const villages = await count('villages');
      const top = await admin().post('/api/admin/villages').set('authorization', `Bearer ${adminToken}`).send({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', '*+?': 1 });
      expect(top.status).toBe(400);
      expect(top.body.errors).toContainEqual({ field: '*+?', message: 'property *+? should not exist' });
      const nested = await admin()
        .post('/api/admin/villages')
        .set('authorization', `Bearer ${adminToken}`)
        .send({ name: 'Vạn Phúc', province: 'Hà Nội', craft: 'lụa', story: { vi: 'Làng lụa', '(?<x>': 'y' } });
      expect(nested.status).toBe(400);
      expect(nested.body.errors).toContainEqual({ field: 'story.(?<x>', message: 'property (?<x> should not exist' });
      expect(await count('villages')).toBe(villages);

      const products = await count('products');
      const product = await vendor()
        .post('/api/vendor/products')
        .set('authorization', `Bearer ${vendorToken}`)
        .send({ certificateId: certId, title: { vi: 'Bình gốm', '\\': 'x' }, productGroup: 'handicrafts', priceVnd: 350000, stock: 1, ')': 1 });
      expect(product.status).toBe(400);
      expect(product.body.errors).toEqual(
        expect.arrayContaining([
          { field: ')', message: 'property ) should not exist' },
          { field: 'title.\\', message: 'property \\ should not exist' },
        ]),
      );
      expect(await count('products')).toBe(products);
    });

    it('answers 400 at once to field names built to make a pattern backtrack', async () => {
      // Made into a pattern, the first backtracks for seconds, and each further `.*` multiplies that by ten.
      for (const key of [`${'.*'.repeat(8)}\\d`, `(a+)+$${'a'.repeat(40)}`]) {
        const started = Date.now();
        const res = await storefront()
          .post('/api/auth/login')
          .send({ email: 'a@example.test', password: 'x', [key]: 1 });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: key, message: `property ${key} should not exist` }]);
        expect(Date.now() - started).toBeLessThan(1000);
      }
    });
  });

  describe('JSON bodies', () => {
    it('refuses JSON nested 3,000 deep with 400 on login and on a DTO with nested objects, writing nothing', async () => {
      for (const body of [`{"email":${deepArray(3000)},"password":"x"}`, deepObject(3000)]) {
        const res = await json(storefront().post('/api/auth/login'), body);
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('deeper than 32 levels');
      }
      const villages = await count('villages');
      for (const story of [deepObject(3000), `{"vi":${deepArray(3000)}}`]) {
        const res = await json(admin().post('/api/admin/villages').set('authorization', `Bearer ${adminToken}`), `{"name":"Vạn Phúc","province":"Hà Nội","craft":"lụa","story":${story}}`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: 'body', message: 'nests arrays and objects deeper than 32 levels' }]);
      }
      expect(await count('villages')).toBe(villages);
    });

    it('still reads ordinary nesting and brackets inside strings', async () => {
      const res = await json(
        admin().post('/api/admin/villages').set('authorization', `Bearer ${adminToken}`),
        `{"name":"Làng ${'['.repeat(100)}","province":"Hà Nội","craft":"gốm","story":{"vi":"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"}}`,
      );
      expect(res.status).toBe(201);
    });

    it('refuses a lone surrogate in an e-mail address with 400 naming the field, creating no account', async () => {
      const users = await count('users');
      const register = await json(storefront().post('/api/auth/register'), '{"email":"lan\\ud800@example.test","password":"Very-Long-Pass-123","name":"Lan"}');
      expect(register.status).toBe(400);
      expect(register.body.errors).toEqual([{ field: 'email', message: 'must be well-formed Unicode text (it holds a lone surrogate)' }]);
      expect(await count('users')).toBe(users);
      const login = await json(storefront().post('/api/auth/login'), '{"email":"lan\\udc00@example.test","password":"x"}');
      expect(login.status).toBe(400);
      expect(login.body.errors[0].field).toBe('email');
    });

    it('refuses lone surrogates in nested strings, list items and keys', async () => {
      const villages = await count('villages');
      const auth = (r: request.Test) => r.set('authorization', `Bearer ${adminToken}`);
      const story = await json(auth(admin().post('/api/admin/villages')), '{"name":"Vạn Phúc","province":"Hà Nội","craft":"lụa","story":{"vi":"lụa \\ud83d"}}');
      expect(story.status).toBe(400);
      expect(story.body.errors).toEqual([{ field: 'story.vi', message: 'must be well-formed Unicode text (it holds a lone surrogate)' }]);
      const list = await json(auth(admin().post('/api/admin/villages')), '{"name":"Vạn Phúc","province":"Hà Nội","craft":"lụa","networks":["ok","\\udfff"]}');
      expect(list.status).toBe(400);
      expect(list.body.errors[0].field).toBe('networks.1');
      const key = await json(auth(admin().post('/api/admin/villages')), '{"name":"Vạn Phúc","province":"Hà Nội","craft":"lụa","\\ud800x":1}');
      expect(key.status).toBe(400);
      expect(key.body.errors[0].field).toBe('\ufffdx');
      expect(await count('villages')).toBe(villages);
      const emoji = await json(auth(admin().post('/api/admin/villages')), '{"name":"Vạn Phúc \\ud83e\\uddf5","province":"Hà Nội","craft":"lụa"}');
      expect(emoji.status).toBe(201);
    });

    it('refuses a charset other than UTF-8 with 415', async () => {
      const res = await storefront().post('/api/auth/login').set('content-type', 'application/json; charset=utf-16').send('{"email":"a@example.test","password":"x"}');
      expect(res.status).toBe(415);
      expect(res.body.message).toBe('JSON must be sent as UTF-8, not utf-16');
      const ok = await storefront().post('/api/auth/login').set('content-type', 'application/json; charset="UTF-8"').send('{"email":"a@example.test","password":"x"}');
      expect(ok.status).toBe(401);
    });

    it('answers 400 to an empty body, a __proto__ key and constructor.prototype, writing nothing', async () => {
      const villages = await count('villages');
      const auth = (r: request.Test) => r.set('authorization', `Bearer ${adminToken}`);
      for (const body of ['', '{"name":"V","province":"P","craft":"C","__proto__":{"admin":true}}', '{"name":"V","province":"P","craft":"C","constructor":{"prototype":{"admin":true}}}']) {
        const res = await json(auth(admin().post('/api/admin/villages')), body);
        expect(res.status).toBe(400);
      }
      expect(await count('villages')).toBe(villages);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('answers 400 to numbers too large for any field', async () => {
      const products = await count('products');
      for (const n of ['1e400', '99999999999999999999999', '-1e400']) {
        const res = await json(
          vendor().post('/api/vendor/products').set('authorization', `Bearer ${vendorToken}`),
          `{"certificateId":"${certId}","title":{"vi":"Bình"},"productGroup":"handicrafts","priceVnd":${n},"stock":${n}}`,
        );
        expect(res.status).toBe(400);
      }
      expect(await count('products')).toBe(products);
      expect((await storefront().get('/api/products?minPrice=1e400&page=99999999999999999999')).status).toBe(400);
    });
  });

  describe('query strings and paths', () => {
    it('refuses malformed percent-escapes in a query string with 400, on the API and on pages', async () => {
      const api = await storefront().get('/api/products?q=%E0%A4%A');
      expect(api.status).toBe(400);
      expect(api.body.errors).toEqual([{ field: 'q', message: 'has a malformed percent-escape (send UTF-8, percent-encoded)' }]);
      expect((await storefront().get('/products?q=%E0%A4%A')).status).toBe(400);
      const surrogate = await storefront().get('/api/products?q=%ED%A0%80');
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.errors[0].field).toBe('q');
      expect((await storefront().get('/api/products?q=%E1%BA%A5m+%C4%91%E1%BA%A5t')).status).toBe(200);
    });

    it('answers 400 to a malformed path escape', async () => {
      for (const path of ['/%', '/api/%', '/products/%E0%A4']) expect((await storefront().get(path)).status).toBe(400);
    });

    it('answers 400 to a string parameter given twice, never 500', async () => {
      expect((await storefront().get('/api/products?page=1&page=2')).status).toBe(400);
      expect((await storefront().get('/products?page=1&page=2')).status).toBe(400);
      expect((await storefront().get('/api/products/binh-gom?lang=vi&lang=en')).status).toBe(400);
      const certs = await admin().get('/api/admin/certificates?status=active&status=revoked&q=a&q=b').set('authorization', `Bearer ${adminToken}`);
      expect(certs.status).toBe(400);
    });

    it('refuses a __proto__ query parameter with 400', async () => {
      const res = await storefront().get('/api/products?__proto__=x');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: '__proto__', message: 'is not allowed as a parameter name' }]);
      expect((await storefront().get('/products?%5F%5Fproto%5F%5F=x')).status).toBe(400);
      expect((await admin().get('/api/admin/certificates?__proto__=1').set('authorization', `Bearer ${adminToken}`)).status).toBe(400);
    });
  });

  describe('API and pages apart however the path is spelled', () => {
    it('never lets a page cookie authorise the API through an encoded or unusual path', async () => {
      const variants = [
        '/%61pi/vendor/profile',
        '/%2561pi/vendor/profile',
        '//api/vendor/profile',
        '/api/./vendor/profile',
        '/API/vendor/profile',
        '/api%2Fvendor/profile',
        '/api/vendor/%70rofile',
        '/x/../api/vendor/profile',
        '/%61%70%69/vendor/profile',
      ];
      for (const path of variants) {
        const res = await vendor().get(path).set('cookie', vendorCookie);
        expect({ path, status: res.status }).not.toEqual({ path, status: 200 });
      }
      for (const path of ['/api/vendor/profile', '/%61pi/vendor/profile']) {
        const res = await vendor().get(path).set('cookie', vendorCookie);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ statusCode: 401, message: 'Log in first' });
      }
      expect((await vendor().get('/%61pi/vendor/profile').set('authorization', `Bearer ${vendorToken}`)).status).toBe(200);
    });

    it('changes nothing through an encoded API path with a page cookie', async () => {
      const res = await vendor().patch('/%61pi/vendor/profile').set('cookie', vendorCookie).send({ name: 'Taken over' });
      expect(res.status).toBe(401);
      const [{ name }] = await m.infra.dataSource.query('SELECT name FROM vendors WHERE id = ?', [vendorId]);
      expect(name).toBe('HTX Gốm Lan');
    });

    it('keeps the CSRF check on a page reached through an encoded path', async () => {
      const products = await count('products');
      for (const path of ['/%70roducts', '/products']) {
        const res = await vendor()
          .post(path)
          .set('cookie', vendorCookie)
          .type('form')
          .send({ certificateId: certId, title_vi: 'Bình gốm', productGroup: 'handicrafts', priceVnd: '350000', stock: '3' });
        expect(res.status).toBe(403);
      }
      expect(await count('products')).toBe(products);
    });
  });

  describe('form bodies on page routes', () => {
    it('treats a repeated CSRF token as none (403), never 500', async () => {
      const { token, cookies } = await csrf(m.vendor.getHttpServer(), vendorCookie, '/products/new');
      const products = await count('products');
      const res = await vendor()
        .post('/products')
        .set('cookie', cookies)
        .type('form')
        .send(`_csrf=${encodeURIComponent(token)}&_csrf=${encodeURIComponent(token)}&title_vi=x`);
      expect(res.status).toBe(403);
      const header = await vendor().post('/products').set('cookie', cookies).set('x-csrf-token', `${token}, ${token}`).type('form').send('title_vi=x');
      expect(header.status).toBe(403);
      expect(await count('products')).toBe(products);
    });

    it('answers 400 to a page form post without a body or with a body that is no form, never 500', async () => {
      const { token, cookies } = await csrf(m.vendor.getHttpServer(), vendorCookie, '/products/new');
      const products = await count('products');
      const post = () => vendor().post('/products').set('cookie', cookies).set('x-csrf-token', token);
      const empty = await post();
      expect(empty.status).toBe(400);
      expect(empty.headers['content-type']).toContain('text/html');
      for (const body of ['null', '[]', '"x"', '7']) expect({ body, status: (await json(post(), body)).status }).toEqual({ body, status: 400 });
      expect((await post().set('content-type', 'text/plain').send('certificateId=x')).status).toBe(400);
      expect(await count('products')).toBe(products);
    });

    it('answers 4xx to lists where a page form expects text', async () => {
      const products = await count('products');
      const v = await csrf(m.vendor.getHttpServer(), vendorCookie, '/products/new');
      const product = await vendor()
        .post('/products')
        .set('cookie', v.cookies)
        .type('form')
        .send(`_csrf=${encodeURIComponent(v.token)}&certificateId=${certId}&certificateId=${certId}&title_vi=a&title_vi=b&productGroup=handicrafts&priceVnd=1&priceVnd=2&stock=1`);
      expect(product.status).toBe(400);
      expect(await count('products')).toBe(products);

      const adminCookie = await pageLogin(m.admin.getHttpServer(), TEST_ADMIN.email, TEST_ADMIN.password);
      const villages = await count('villages');
      const a = await csrf(m.admin.getHttpServer(), adminCookie, '/villages');
      const village = await admin()
        .post('/villages')
        .set('cookie', a.cookies)
        .type('form')
        .send(`_csrf=${encodeURIComponent(a.token)}&name=a&name=b&province=p&province=q&craft=c`);
      expect(village.status).toBe(400);
      expect(await count('villages')).toBe(villages);

      const form = await storefront().get('/login');
      const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      const login = await storefront()
        .post('/login')
        .set('cookie', cookiesAfter(form, ''))
        .type('form')
        .send(`_csrf=${encodeURIComponent(token)}&email=a%40example.test&email=b%40example.test&password=x&password=y`);
      expect(login.status).toBeGreaterThanOrEqual(400);
      expect(login.status).toBeLessThan(500);
    });
  });

  describe('security headers', () => {
    const expectHeaders = (what: string, res: request.Response) => {
      expect({ what, csp: res.headers['content-security-policy'] ?? null }).toEqual({ what, csp: expect.stringContaining("default-src 'self'") });
      expect({ what, nosniff: res.headers['x-content-type-options'] }).toEqual({ what, nosniff: 'nosniff' });
      expect({ what, frame: res.headers['x-frame-options'] }).toEqual({ what, frame: 'SAMEORIGIN' });
    };

    it("sends them on the framework's own 400s and 404s, API and pages", async () => {
      const cases: [string, () => request.Test, number][] = [
        ['bad JSON (API)', () => json(storefront().post('/api/auth/login'), '{'), 400],
        ['bad JSON (page)', () => json(storefront().post('/login'), '{'), 400],
        ['malformed URL (API)', () => storefront().get('/api/%'), 400],
        ['malformed URL (page)', () => storefront().get('/%'), 400],
        ['body too large', () => json(storefront().post('/api/auth/login'), `{"email":"${'a'.repeat(20 * 1024 * 1024)}"}`), 413],
        ['unsupported media type (API)', () => storefront().post('/api/auth/login').set('content-type', 'application/xml').send('<a/>'), 415],
        ['unsupported media type (page)', () => storefront().post('/login').set('content-type', 'application/xml').send('<a/>'), 415],
        ['not found (API)', () => storefront().get('/api/no-such-route'), 404],
        ['not found (page)', () => storefront().get('/no-such-page'), 404],
        ['malformed query (page)', () => storefront().get('/products?q=%'), 400],
      ];
      for (const [what, send, status] of cases) {
        const res = await send();
        expect({ what, status: res.status }).toEqual({ what, status });
        expectHeaders(what, res);
      }
    });

    it('sends no HSTS over plain HTTP', async () => {
      for (const res of [
        await storefront().get('/'),
        await storefront().get('/api/products'),
        await storefront().get('/api/no-such-route'),
        await storefront().get('/%'),
        await vendor().get('/login'),
      ]) {
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });
  });
});
