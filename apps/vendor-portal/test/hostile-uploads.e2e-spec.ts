import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AccountsService } from '@ocop/accounts';
import { seedVendorWithCertificate } from '@ocop/testing';
import { Product } from '@ocop/catalog';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EMAIL = 'lan@htx.example.vn';
const PASSWORD = 'Gom-Bat-Trang-2025';
const MALFORMED = 'the upload was incomplete or malformed; choose the file and send it again';

/** A multipart body with one PNG part, as a browser frames it. */
function part(boundary: string): Buffer {
  return Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="binh.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from('\r\n')]);
}

/** Uploads that cannot be read to their end: [what, content-type, body]. */
const BROKEN: [string, string, Buffer][] = [
  ['no boundary', 'multipart/form-data', Buffer.concat([part('XyZ'), Buffer.from('--XyZ--\r\n')])],
  ['a wrong boundary', 'multipart/form-data; boundary=AbC', Buffer.concat([part('XyZ'), Buffer.from('--XyZ--\r\n')])],
  ['a body cut off mid-part', 'multipart/form-data; boundary=XyZ', Buffer.concat([part('XyZ'), part('XyZ').subarray(0, 90)])],
  [
    'a second file cut off before its end',
    'multipart/form-data; boundary=XyZ',
    Buffer.concat([part('XyZ'), Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\n')]),
  ],
];

describe('vendor image uploads from hostile clients (embedded default)', () => {
  let m: TestMarketplace;
  let dir: string;
  let token: string;
  let cookie: string;
  let productId: string;
  const web = () => request(m.vendor.getHttpServer());
  const images = async () => (await m.infra.dataSource.getRepository(Product).findOneByOrFail({ id: productId })).images;
  const stored = () => readdirSync(dir, { recursive: true }).length;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-uploads-'));
    m = await startTestMarketplace({ env: { STORAGE_DIR: dir } });
    const seeded = await m.infra.tx.run((em) => seedVendorWithCertificate(em, { products: 0 }));
    const vendorId = seeded.vendor.id;
    const certId = seeded.cert.id;
    await web().post('/api/auth/register').send({ email: EMAIL, password: PASSWORD, name: 'Lan' }).expect(201);
    const [{ id: userId }] = await m.infra.dataSource.query('SELECT id FROM users WHERE email = ?', [EMAIL]);
    await m.vendor.get(AccountsService, { strict: false }).setVendor(userId, vendorId, 'owner');
    token = await m.token(m.vendor, EMAIL, PASSWORD);
    const created = await web()
      .post('/api/vendor/products')
      .set('authorization', `Bearer ${token}`)
      .send({ certificateId: certId, title: { vi: 'Bình gốm men lam' }, productGroup: 'handicrafts', priceVnd: 350000, stock: 12 })
      .expect(201);
    productId = created.body.id;
    const form = await web().get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const jar = ([] as string[])
      .concat(form.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const login = await web().post('/login').set('cookie', jar).type('form').send({ _csrf: csrf, email: EMAIL, password: PASSWORD, next: '/products' });
    expect(login.status).toBe(303);
    cookie = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('ocop_vendor_sid='))!
      .split(';')[0];
  });
  afterAll(async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 400 to an API upload with no boundary, a wrong boundary or a body cut off mid-part, storing nothing', async () => {
    const files = stored();
    for (const [what, type, body] of BROKEN) {
      const res = await web().post(`/api/vendor/products/${productId}/images`).set('authorization', `Bearer ${token}`).set('content-type', type).send(body);
      expect({ what, status: res.status, body: res.body }).toEqual({ what, status: 400, body: { statusCode: 400, message: `file: ${MALFORMED}`, errors: [{ field: 'file', message: MALFORMED }] } });
    }
    expect(await images()).toEqual([]);
    expect(stored()).toBe(files);
  });

  it("answers 404 for a product that is not the vendor's before reading its upload", async () => {
    for (const [what, type, body] of BROKEN) {
      const res = await web().post(`/api/vendor/products/${randomUUID()}/images`).set('authorization', `Bearer ${token}`).set('content-type', type).send(body);
      expect({ what, status: res.status }).toEqual({ what, status: 404 });
    }
    expect((await web().post(`/api/vendor/products/${randomUUID()}/images`).set('authorization', `Bearer ${token}`).send({ file: 'x' })).status).toBe(404);
  });

  it('answers 400 with the upload form to the same bodies on the product page, storing nothing', async () => {
    const page = await web().get(`/products/${productId}`).set('cookie', cookie);
    const csrf = encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(page.text)![1]);
    const cookies = [cookie, ...([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])].join('; ');
    const files = stored();
    for (const [what, type, body] of BROKEN) {
      // A body this broken never reaches its own token: these clients send it in the query string.
      const res = await web().post(`/products/${productId}/images?_csrf=${csrf}&lang=en`).set('cookie', cookies).set('content-type', type).send(body);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('The upload was incomplete or malformed; choose the photos and send them again.');
      expect(res.text).toContain('data-testid="product-form"');
    }
    expect(await images()).toEqual([]);
    expect(stored()).toBe(files);
  });

  it('still stores a whole upload after the broken ones', async () => {
    const res = await web()
      .post(`/api/vendor/products/${productId}/images`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'multipart/form-data; boundary=XyZ')
      .send(Buffer.concat([part('XyZ'), Buffer.from('--XyZ--\r\n')]));
    expect(res.status).toBe(201);
    expect(await images()).toHaveLength(1);
  });
});
