import request from 'supertest';
import { DomainEventRecord } from '@ocop/database';
import { MailMessage } from '@ocop/notifications';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const PASSWORD = 'Lang-Nghe-2025';

/** A logged-in admin page session: the cookies of the login (session and CSRF secret). */
async function pageLogin(server: unknown): Promise<string> {
  const form = await request(server as never).get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const jar = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const login = await request(server as never)
    .post('/login')
    .set('cookie', jar.join('; '))
    .type('form')
    .send({ _csrf: csrf, email: TEST_ADMIN.email, password: TEST_ADMIN.password, next: '/' });
  const sid = ([] as string[])
    .concat(login.headers['set-cookie'])
    .find((c) => c.includes('_sid='))!
    .split(';')[0];
  return [...jar, sid].join('; ');
}

describe('admin app: vendor approval and suspension (embedded default)', () => {
  let m: TestMarketplace;
  let villageId: string;
  let ownerToken: string;
  const clock = new FakeClock(new Date('2026-05-04T03:00:00Z'));
  const admin = () => request(m.admin.getHttpServer());
  const vendorApp = () => request(m.vendor.getHttpServer());
  const asAdmin = { authorization: '' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const events = (type: string) => m.infra.dataSource.getRepository(DomainEventRecord).findBy({ type });

  /** Registers an owner on the vendor app and signs a vendor up; returns the vendor and the owner's token. */
  async function signUp(email: string, name: string, locale?: string): Promise<{ id: string; token: string }> {
    await vendorApp()
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, name: `Chủ ${name}` })
      .expect(201);
    if (locale) await m.infra.dataSource.query('UPDATE users SET locale = ? WHERE email = ?', [locale, email]);
    const token = await m.token(m.vendor, email, PASSWORD);
    const res = await vendorApp().post('/api/vendors').set(bearer(token)).send({ name, type: 'cooperative', villageId }).expect(201);
    return { id: res.body.id, token };
  }

  beforeAll(async () => {
    m = await startTestMarketplace({ clock });
    asAdmin.authorization = `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}`;
    villageId = (await admin().post('/api/admin/villages').set(asAdmin).send({ name: 'Bát Tràng', province: 'Hà Nội', craft: 'gốm sứ' }).expect(201)).body.id;
    ownerToken = (await signUp('first@example.vn', 'HTX Một')).token;
  });
  afterAll(() => m.close());

  it('keeps every vendor route behind the admin role', async () => {
    const shopperToken = await m.token(m.admin, 'first@example.vn', PASSWORD);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      admin().get('/api/admin/vendors'),
      admin().get(`/api/admin/vendors/${id}`),
      admin().post(`/api/admin/vendors/${id}/approve`),
      admin().post(`/api/admin/vendors/${id}/suspend`),
    ]) {
      const res = await call.set(bearer(shopperToken));
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ statusCode: 403, message: 'This needs the admin role' });
    }
    expect((await admin().get('/api/admin/vendors?status=pending')).status).toBe(401);
    expect(ownerToken).toBeTruthy();
  });

  it('lists vendors by status with village and owner, and refuses another status', async () => {
    const res = await admin().get('/api/admin/vendors?status=pending').set(asAdmin);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'HTX Một',
        status: 'pending',
        village: expect.objectContaining({ id: villageId, name: 'Bát Tràng' }),
        owner: expect.objectContaining({ email: 'first@example.vn' }),
      }),
    ]);
    expect((await admin().get('/api/admin/vendors?status=approved').set(asAdmin)).body.items).toEqual([]);
    const bad = await admin().get('/api/admin/vendors?status=deleted').set(asAdmin);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      statusCode: 400,
      message: 'status: must be one of pending, approved, suspended',
      errors: [{ field: 'status', message: 'must be one of pending, approved, suspended' }],
    });
  });

  it('shows one vendor with its members; 404 for an unknown id, 400 for a malformed one', async () => {
    const [v] = (await admin().get('/api/admin/vendors?status=pending').set(asAdmin)).body.items;
    const res = await admin().get(`/api/admin/vendors/${v.id}`).set(asAdmin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: v.id, members: [{ email: 'first@example.vn', role: 'owner' }] });
    expect((await admin().get('/api/admin/vendors/00000000-0000-4000-8000-000000000000').set(asAdmin)).body).toEqual({ statusCode: 404, message: 'No such vendor' });
    expect((await admin().get('/api/admin/vendors/htx-mot').set(asAdmin)).body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect((await admin().post('/api/admin/vendors/00000000-0000-4000-8000-000000000000/approve').set(asAdmin).send({})).status).toBe(404);
  });

  it('approves a vendor once: approvedAt, one VendorApproved event, one e-mail; approving again changes nothing', async () => {
    const v = await signUp('second@example.vn', 'HTX Hai', 'en');
    const first = await admin().post(`/api/admin/vendors/${v.id}/approve`).set(asAdmin).send({});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: v.id, status: 'approved', approvedAt: '2026-05-04T03:00:00.000Z' });
    clock.advance(3600_000);
    const second = await admin().post(`/api/admin/vendors/${v.id}/approve`).set(asAdmin);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await events('VendorApproved')).map((e) => JSON.parse(e.payload))).toEqual([{ vendorId: v.id, at: '2026-05-04T03:00:00.000Z' }]);
    const mail = await m.infra.dataSource.getRepository(MailMessage).findBy({ template: 'vendor-approved', to: 'second@example.vn' });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ locale: 'en', subject: 'HTX Hai is approved to sell on OCOP Market' });
    expect((await vendorApp().get('/api/vendor/profile').set(bearer(v.token))).body.status).toBe('approved');
  });

  it('suspends with a reason, writes a VendorSuspended outbox row and e-mails the owner; the vendor without products still works', async () => {
    const v = await signUp('third@example.vn', 'HTX Ba');
    await admin().post(`/api/admin/vendors/${v.id}/approve`).set(asAdmin).expect(200);
    const res = await admin().post(`/api/admin/vendors/${v.id}/suspend`).set(asAdmin).send({ reason: 'Hậu kiểm không đạt' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: v.id, status: 'suspended', statusReason: 'Hậu kiểm không đạt' });
    const rows = (await events('VendorSuspended')).filter((e) => JSON.parse(e.payload).vendorId === v.id);
    expect(rows.map((e) => JSON.parse(e.payload))).toEqual([{ vendorId: v.id, reason: 'Hậu kiểm không đạt', at: clock.now().toISOString() }]);
    expect(await events('ProductListingChanged')).toEqual([]);
    const mail = await m.infra.dataSource.getRepository(MailMessage).findOneByOrFail({ template: 'vendor-suspended', to: 'third@example.vn' });
    expect(mail).toMatchObject({ locale: 'vi', subject: 'HTX Ba bị tạm ngừng bán trên Chợ OCOP' });
    expect(mail.text).toContain('Lý do: Hậu kiểm không đạt');

    const again = await admin().post(`/api/admin/vendors/${v.id}/suspend`).set(asAdmin).send({ reason: 'lần hai' });
    expect(again.body).toEqual(res.body);
    expect((await events('VendorSuspended')).filter((e) => JSON.parse(e.payload).vendorId === v.id)).toHaveLength(1);

    const profile = await vendorApp().get('/api/vendor/profile').set(bearer(v.token));
    expect(profile.body).toMatchObject({ status: 'suspended', statusReason: 'Hậu kiểm không đạt' });
    expect((await vendorApp().patch('/api/vendor/profile').set(bearer(v.token)).send({ address: 'Bát Tràng' })).status).toBe(200);
    expect((await vendorApp().get('/api/vendor/staff').set(bearer(v.token))).body.items).toHaveLength(1);

    const back = await admin().post(`/api/admin/vendors/${v.id}/approve`).set(asAdmin).send({ reason: 'Đã khắc phục' });
    expect(back.body).toMatchObject({ status: 'approved', statusReason: 'Đã khắc phục' });
    const bad = await admin().post(`/api/admin/vendors/${v.id}/suspend`).set(asAdmin).send({ reason: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual({ field: 'reason', message: 'must be a string' });
  });

  it('suspends a pending vendor too', async () => {
    const v = await signUp('fourth@example.vn', 'HTX Bốn');
    const res = await admin().post(`/api/admin/vendors/${v.id}/suspend`).set(asAdmin);
    expect(res.body).toMatchObject({ status: 'suspended', statusReason: null, approvedAt: null });
  });

  it('filters, approves and suspends on the /vendors pages', async () => {
    const v = await signUp('fifth@example.vn', 'HTX Năm');
    const cookie = await pageLogin(m.admin.getHttpServer());
    const list = await admin().get('/vendors?status=pending&lang=en').set('cookie', cookie);
    expect(list.status).toBe(200);
    expect(list.text).toContain('HTX Năm');
    expect(list.text).not.toContain('HTX Hai');
    expect(list.text).toContain('<strong>Pending</strong>');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(list.text)![1];

    const approve = await admin().post(`/vendors/${v.id}/approve`).set('cookie', cookie).type('form').send({ _csrf: csrf, back: '/vendors?status=pending', reason: '' });
    expect(approve.status).toBe(303);
    expect(approve.headers.location).toBe('/vendors?status=pending&done=approved&name=HTX%20N%C4%83m');
    expect(
      (
        await admin()
          .get(approve.headers.location + '&lang=en')
          .set('cookie', cookie)
      ).text,
    ).toContain('HTX Năm approved.');

    // No suspend button in the table: suspending starts on the vendor's own page and goes through a confirmation.
    const approvedList = await admin().get('/vendors?lang=en').set('cookie', cookie);
    expect(approvedList.text).not.toContain(`action="/vendors/${v.id}/suspend"`);
    const page = await admin().get(`/vendors/${v.id}?lang=en`).set('cookie', cookie);
    expect(page.text).toContain(`href="/vendors/${v.id}/suspend"`);
    const confirm = await admin().get(`/vendors/${v.id}/suspend?lang=en`).set('cookie', cookie);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Suspend HTX Năm?');
    expect(confirm.text).toContain('<li data-consequence="delisted" data-count="0">0 products will be delisted at once.</li>');
    const noReason = await admin().post(`/vendors/${v.id}/suspend?lang=en`).set('cookie', cookie).type('form').send({ _csrf: csrf, confirm: '1', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/<p class="field-error" id="confirm-reason-error"[^>]*>Reason: please fill this in\.<\/p>/);
    expect((await admin().get(`/api/admin/vendors/${v.id}`).set(asAdmin)).body.status).toBe('approved');
    const suspend = await admin().post(`/vendors/${v.id}/suspend`).set('cookie', cookie).type('form').send({ _csrf: csrf, confirm: '1', back: 'https://evil.example/', reason: 'Giấy tờ <giả>' });
    expect(suspend.status).toBe(303);
    expect(suspend.headers.location.startsWith(`/vendors/${v.id}?done=suspended`)).toBe(true);
    const detail = await admin().get(`/vendors/${v.id}?lang=en`).set('cookie', cookie);
    expect(detail.text).toContain('<td data-testid="status">Suspended</td>');
    expect(detail.text).toContain('Giấy tờ &lt;giả&gt;');
    expect(detail.text).toContain('fifth@example.vn');
    expect((await admin().get('/vendors?status=gone').set('cookie', cookie)).status).toBe(400);
    expect((await admin().post(`/vendors/${v.id}/approve`).set('cookie', cookie).type('form').send({ reason: '' })).status).toBe(403);
  });
});
