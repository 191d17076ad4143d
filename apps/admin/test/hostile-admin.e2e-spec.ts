import request from 'supertest';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const HEADER = 'decisionNo,certificateNo,decisionDate,issuingBody,level,vendor,productName,productGroup,stars,expiresAt,status,revokeReason';
const MALFORMED = 'the upload was incomplete or malformed';
const DOCS = ['/api/docs', '/api/docs/', '/api/docs/index.html', '/api/docs/openapi.json', '/api/docs/swagger-ui-init.js', '/api/docs-yaml', '/%61pi/docs/openapi.json'];

/** The session cookie of an admin logged in through the admin app's login page. */
async function adminPageLogin(server: unknown): Promise<string> {
  const form = await request(server as never).get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const jar = ([] as string[])
    .concat(form.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const login = await request(server as never)
    .post('/login')
    .set('cookie', jar)
    .type('form')
    .send({ _csrf: csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/' });
  expect(login.status).toBe(303);
  return ([] as string[])
    .concat(login.headers['set-cookie'])
    .find((c) => c.startsWith('ocop_admin_sid='))!
    .split(';')[0];
}

/** A CSV file part, as a browser frames it. */
const csvPart = (boundary: string, csv: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="registry.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`;

describe('admin app under hostile input (embedded default)', () => {
  let m: TestMarketplace;
  let cookie: string;
  const admin = () => request(m.admin.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace();
    cookie = await adminPageLogin(m.admin.getHttpServer());
  });
  afterAll(() => m.close());

  it('answers 400 to a registry upload with no boundary, a wrong boundary or a body cut off mid-part, writing nothing', async () => {
    const page = await admin().get('/certificates/import?lang=en').set('cookie', cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookies = [cookie, ...([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])].join('; ');
    const csv = `${HEADER}\n1/QĐ-UBND,,2025-03-01,UBND,provincial,htx-x,Trà,food,4,,,\n`;
    const certificates = Number((await m.infra.dataSource.query('SELECT COUNT(*) AS n FROM certificates'))[0].n);
    const broken: [string, string, string][] = [
      ['no boundary', 'multipart/form-data', `${csvPart('XyZ', csv)}--XyZ--\r\n`],
      ['a wrong boundary', 'multipart/form-data; boundary=AbC', `${csvPart('XyZ', csv)}--XyZ--\r\n`],
      ['a body cut off mid-part', 'multipart/form-data; boundary=XyZ', csvPart('XyZ', csv).slice(0, -20)],
    ];
    for (const [what, type, body] of broken) {
      const res = await admin()
        .post(`/certificates/import?lang=en&_csrf=${encodeURIComponent(csrf)}`)
        .set('cookie', cookies)
        .set('content-type', type)
        .send(body);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain(MALFORMED);
    }
    expect(Number((await m.infra.dataSource.query('SELECT COUNT(*) AS n FROM certificates'))[0].n)).toBe(certificates);
    const whole = await admin()
      .post(`/certificates/import?lang=en&_csrf=${encodeURIComponent(csrf)}`)
      .set('cookie', cookies)
      .set('content-type', 'multipart/form-data; boundary=XyZ')
      .send(`${csvPart('XyZ', csv)}--XyZ--\r\n`);
    expect(whole.status).toBe(200);
  });

  it('answers 400 naming the parameter when a registry filter is repeated in the address', async () => {
    for (const query of ['vendorId=&vendorId=', 'q=gom&q=tra', 'status=active&status=revoked', 'page=1&page=2']) {
      const res = await admin().get(`/certificates?lang=en&${query}`).set('cookie', cookie);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.text).toContain('must be given once');
    }
    expect((await admin().get('/certificates?lang=en&q=gom').set('cookie', cookie)).status).toBe(200);
  });

  it('serves the admin API documentation to anyone outside production', async () => {
    expect((await admin().get('/api/docs/openapi.json')).status).toBe(200);
    expect((await admin().get('/api/docs')).status).toBe(200);
  });
});

describe('admin API documentation in production', () => {
  let m: TestMarketplace;
  let adminToken: string;
  let shopperToken: string;
  const admin = () => request(m.admin.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace({ env: { NODE_ENV: 'production', SANDBOX_PAYMENTS: 'true', TRUST_PROXY: 'loopback' } });
    adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'buyer@example.vn', password: 'Mua-Hang-2025x', name: 'Buyer' }).expect(201);
    shopperToken = await m.token(m.storefront, 'buyer@example.vn', 'Mua-Hang-2025x');
  });
  afterAll(() => m.close());

  it('answers 401 without credentials and 403 to a caller who is not an admin, for the document, the UI and its script', async () => {
    for (const path of DOCS) {
      const anonymous = await admin().get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      expect(anonymous.text).not.toContain('/api/admin/');
      const shopper = await admin().get(path).set('authorization', `Bearer ${shopperToken}`);
      expect({ path, status: shopper.status }).toEqual({ path, status: 403 });
    }
  });

  it('serves it to an admin by bearer token or by the admin page session', async () => {
    const byToken = await admin().get('/api/docs/openapi.json').set('authorization', `Bearer ${adminToken}`);
    expect(byToken.status).toBe(200);
    expect(Object.keys(byToken.body.paths)).toContain('/api/admin/villages');
    const cookie = await adminPageLogin(m.admin.getHttpServer());
    for (const path of ['/api/docs', '/api/docs/openapi.json', '/api/docs/swagger-ui-init.js']) {
      expect({ path, status: (await admin().get(path).set('cookie', cookie)).status }).toEqual({ path, status: 200 });
    }
  });

  it('keeps the storefront and vendor documentation public', async () => {
    for (const app of [m.storefront, m.vendor]) {
      expect((await request(app.getHttpServer()).get('/api/docs/openapi.json')).status).toBe(200);
      expect((await request(app.getHttpServer()).get('/api/docs')).status).toBe(200);
    }
  });

  it('sends HSTS only on answers to requests that came over HTTPS', async () => {
    expect((await admin().get('/login')).headers['strict-transport-security']).toBeUndefined();
    const tls = await admin().get('/login').set('x-forwarded-proto', 'https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const notFound = await request(m.storefront.getHttpServer()).get('/api/no-such-route').set('x-forwarded-proto', 'https');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
