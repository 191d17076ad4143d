import request from 'supertest';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const PASSWORD = 'Lang-Nghe-2025';

/** A logged-in page session: the cookies of the login (session and CSRF secret). */
async function pageLogin(server: unknown, email: string, password: string): Promise<string> {
  const form = await request(server as never).get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const jar = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const login = await request(server as never).post('/login').set('cookie', jar.join('; ')).type('form').send({ _csrf: csrf, email, password, next: '/' });
  expect(login.status).toBe(303);
  const sid = ([] as string[]).concat(login.headers['set-cookie']).find((c) => c.includes('_sid='))!.split(';')[0];
  return [...jar, sid].join('; ');
}

/** Posts a page form the way a browser does: reads the CSRF token from `page`, then posts. */
async function postForm(server: unknown, cookie: string, page: string, action: string, data: Record<string, string>) {
  const res = await request(server as never).get(page).set('cookie', cookie);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
  return request(server as never).post(action).set('cookie', cookie).type('form').send({ _csrf: csrf, ...data });
}

describe('vendor app: onboarding, profile and staff (embedded default)', () => {
  let m: TestMarketplace;
  let adminToken: string;
  let villageId: string;
  const vendorApp = () => request(m.vendor.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function registered(email: string, name = email.split('@')[0]): Promise<string> {
    await vendorApp().post('/api/auth/register').send({ email, password: PASSWORD, name }).expect(201);
    return m.token(m.vendor, email, PASSWORD);
  }

  beforeAll(async () => {
    m = await startTestMarketplace();
    adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    const v = await request(m.admin.getHttpServer()).post('/api/admin/villages').set(bearer(adminToken)).send({ name: 'Bát Tràng', province: 'Hà Nội', craft: 'gốm sứ' }).expect(201);
    villageId = v.body.id;
  });
  afterAll(() => m.close());

  it('creates a pending vendor for any logged-in person and makes them its owner', async () => {
    expect((await vendorApp().post('/api/vendors').send({ name: 'X', type: 'cooperative', villageId })).status).toBe(401);
    const token = await registered('owner1@example.vn', 'Trần Văn Gốm');
    const res = await vendorApp().post('/api/vendors').set(bearer(token)).send({ name: 'HTX Gốm sứ Bát Tràng', type: 'cooperative', villageId, taxCode: '0101234567' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), slug: 'htx-gom-su-bat-trang', status: 'pending', type: 'cooperative', villageId, taxCode: '0101234567', approvedAt: null });
    const me = await vendorApp().get('/api/auth/me').set(bearer(token));
    expect(me.body).toMatchObject({ vendorId: res.body.id, roles: expect.arrayContaining(['vendor']) });
    const profile = await vendorApp().get('/api/vendor/profile').set(bearer(token));
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ id: res.body.id, status: 'pending', village: { id: villageId, name: 'Bát Tràng' } });
  });

  it('refuses a second vendor for the same person with 409', async () => {
    const token = await registered('owner2@example.vn');
    await vendorApp().post('/api/vendors').set(bearer(token)).send({ name: 'Hộ Gốm Hai', type: 'household', villageId }).expect(201);
    const again = await vendorApp().post('/api/vendors').set(bearer(token)).send({ name: 'Hộ Gốm Ba', type: 'household', villageId });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ statusCode: 409, message: 'You already work for a vendor', reason: 'already_member' });
  });

  it('answers 400 naming the field for a bad vendor', async () => {
    const token = await registered('owner3@example.vn');
    const post = (body: object) => vendorApp().post('/api/vendors').set(bearer(token)).send(body);
    const noVillage = await post({ name: 'Hộ Ba', type: 'household', villageId: '00000000-0000-4000-8000-000000000000' });
    expect(noVillage.status).toBe(400);
    expect(noVillage.body.errors).toEqual([{ field: 'villageId', message: 'no village has this id' }]);
    const tax = await post({ name: 'Hộ Ba', type: 'household', villageId, taxCode: '010123456' });
    expect(tax.status).toBe(400);
    expect(tax.body.errors).toEqual([{ field: 'taxCode', message: 'must be a Vietnamese tax code: 10 digits, or 10 digits, "-" and 3 digits' }]);
    const type = await post({ name: 'Hộ Ba', type: 'shop', villageId });
    expect(type.body.errors).toEqual([{ field: 'type', message: 'must be one of cooperative, enterprise, household' }]);
    const unknown = await post({ name: 'Hộ Ba', type: 'household', villageId, status: 'approved' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    expect((await post({ type: 'household', villageId })).body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
    expect((await post({ name: 'Hộ Ba', type: 'household', villageId, taxCode: '0101234567-002' })).status).toBe(201);
  });

  it('answers 404 for the profile and staff of someone who works for no vendor', async () => {
    const token = await registered('nobody1@example.vn');
    const res = await vendorApp().get('/api/vendor/profile').set(bearer(token));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: 'You do not work for a vendor' });
    expect((await vendorApp().get('/api/vendor/staff').set(bearer(token))).status).toBe(404);
    expect((await vendorApp().get('/api/vendor/profile')).status).toBe(401);
  });

  it('runs the staff flow: the owner adds and removes staff, staff may not, the owner stays', async () => {
    const owner = await registered('owner4@example.vn', 'Chủ Bốn');
    const vendor = (await vendorApp().post('/api/vendors').set(bearer(owner)).send({ name: 'HTX Bốn', type: 'cooperative', villageId }).expect(201)).body;
    const staffToken = await registered('staff4@example.vn', 'Nhân Viên Bốn');
    const me4 = (await vendorApp().get('/api/auth/me').set(bearer(staffToken))).body;

    const added = await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'STAFF4@example.vn' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ userId: me4.id, email: 'staff4@example.vn', name: 'Nhân Viên Bốn', role: 'staff' });
    expect((await vendorApp().get('/api/auth/me').set(bearer(staffToken))).body).toMatchObject({ vendorId: vendor.id, roles: expect.arrayContaining(['vendor']) });

    const list = await vendorApp().get('/api/vendor/staff').set(bearer(staffToken));
    expect(list.body.items.map((i: { email: string; role: string }) => `${i.email}:${i.role}`)).toEqual(['owner4@example.vn:owner', 'staff4@example.vn:staff']);

    const missing = await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'ghost@example.vn' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('no account with this e-mail');
    const taken = await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'owner1@example.vn' });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ statusCode: 409, message: 'This account already works for a vendor', reason: 'already_member' });
    const bad = await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'email', message: 'must be a valid e-mail address' }]);

    const byStaff = await vendorApp().post('/api/vendor/staff').set(bearer(staffToken)).send({ email: 'nobody1@example.vn' });
    expect(byStaff.status).toBe(403);
    expect(byStaff.body).toEqual({ statusCode: 403, message: "Only the vendor's owner may do this" });
    expect((await vendorApp().delete(`/api/vendor/staff/${me4.id}`).set(bearer(staffToken))).status).toBe(403);

    const ownerId = (await vendorApp().get('/api/auth/me').set(bearer(owner))).body.id;
    const removeOwner = await vendorApp().delete(`/api/vendor/staff/${ownerId}`).set(bearer(owner));
    expect(removeOwner.status).toBe(409);
    expect(removeOwner.body).toMatchObject({ statusCode: 409, reason: 'owner' });
    const otherOwnerId = (await vendorApp().get('/api/auth/me').set(bearer(await m.token(m.vendor, 'owner1@example.vn', PASSWORD)))).body.id;
    expect((await vendorApp().delete(`/api/vendor/staff/${otherOwnerId}`).set(bearer(owner))).status).toBe(404);
    const badId = await vendorApp().delete('/api/vendor/staff/not-a-uuid').set(bearer(owner));
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ field: 'userId', message: 'must be a UUID' }]);

    expect((await vendorApp().delete(`/api/vendor/staff/${me4.id}`).set(bearer(owner))).status).toBe(204);
    expect((await vendorApp().get('/api/vendor/profile').set(bearer(staffToken))).status).toBe(404);
    expect((await vendorApp().get('/api/vendor/staff').set(bearer(owner))).body.items).toHaveLength(1);
  });

  it('lets only the owner change the profile, scoped to their own vendor', async () => {
    const owner = await registered('owner5@example.vn');
    const vendor = (await vendorApp().post('/api/vendors').set(bearer(owner)).send({ name: 'HTX Năm', type: 'enterprise', villageId }).expect(201)).body;
    const staffToken = await registered('staff5@example.vn');
    await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'staff5@example.vn' }).expect(201);

    const res = await vendorApp().patch('/api/vendor/profile').set(bearer(owner)).send({ name: 'Công ty Gốm Năm', address: 'Bát Tràng, Gia Lâm', taxCode: '0109876543-001', contactEmail: 'ban-hang@example.vn' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: vendor.id, slug: 'htx-nam', name: 'Công ty Gốm Năm', address: 'Bát Tràng, Gia Lâm', taxCode: '0109876543-001', contactEmail: 'ban-hang@example.vn', status: 'pending' });
    expect((await vendorApp().patch('/api/vendor/profile').set(bearer(staffToken)).send({ name: 'Của tôi' })).status).toBe(403);
    const badTax = await vendorApp().patch('/api/vendor/profile').set(bearer(owner)).send({ taxCode: 'abc' });
    expect(badTax.status).toBe(400);
    expect(badTax.body.errors[0].field).toBe('taxCode');
    expect((await vendorApp().patch('/api/vendor/profile').set(bearer(owner)).send({ status: 'approved' })).status).toBe(400);
    const other = await vendorApp().get('/api/vendor/profile').set(bearer(await m.token(m.vendor, 'owner4@example.vn', PASSWORD)));
    expect(other.body.name).toBe('HTX Bốn');
  });

  it('shows the home page by state: a link to onboarding, then waiting for approval, then suspended with the reason', async () => {
    await registered('page6@example.vn', 'Chị Sáu');
    const cookie = await pageLogin(m.vendor.getHttpServer(), 'page6@example.vn', PASSWORD);
    const before = await vendorApp().get('/?lang=en').set('cookie', cookie);
    expect(before.text).toContain('data-testid="no-vendor"');
    expect(before.text).toContain('href="/onboarding"');

    const page = await vendorApp().get('/onboarding?lang=en').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<option value="${villageId}" >Bát Tràng (Hà Nội)</option>`);
    expect(page.text).toContain('<option value="household" >Household business</option>');
    const bad = await postForm(m.vendor.getHttpServer(), cookie, '/onboarding', '/onboarding', { name: 'Hộ Sáu', type: 'household', villageId, taxCode: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('taxCode: must be a Vietnamese tax code');
    expect(bad.text).toContain('value="Hộ Sáu"');
    const created = await postForm(m.vendor.getHttpServer(), cookie, '/onboarding', '/onboarding', { name: 'Hộ Sáu', type: 'household', villageId, taxCode: '', address: '' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/');

    const pending = await vendorApp().get('/?lang=en').set('cookie', cookie);
    expect(pending.text).toContain('<h2>Hộ Sáu</h2>');
    expect(pending.text).toContain('Waiting for approval');
    expect(pending.text).toContain('href="/products"');
    expect(pending.text).toContain('href="/certificates"');
    expect((await vendorApp().get('/onboarding').set('cookie', cookie)).headers.location).toBe('/');

    const vendorId = (await vendorApp().get('/api/auth/me').set(bearer(await m.token(m.vendor, 'page6@example.vn', PASSWORD)))).body.vendorId;
    await request(m.admin.getHttpServer()).post(`/api/admin/vendors/${vendorId}/suspend`).set(bearer(adminToken)).send({ reason: 'Hồ sơ thiếu giấy phép <kinh doanh>' }).expect(200);
    const suspended = await vendorApp().get('/?lang=vi').set('cookie', cookie);
    expect(suspended.text).toContain('Đã bị tạm ngừng');
    expect(suspended.text).toContain('Lý do: Hồ sơ thiếu giấy phép &lt;kinh doanh&gt;');
  });

  it('lets the owner manage staff on the staff page', async () => {
    const owner = await registered('page7@example.vn', 'Anh Bảy');
    await vendorApp().post('/api/vendors').set(bearer(owner)).send({ name: 'HTX Bảy', type: 'cooperative', villageId }).expect(201);
    await registered('helper7@example.vn', 'Em Bảy');
    const cookie = await pageLogin(m.vendor.getHttpServer(), 'page7@example.vn', PASSWORD);
    const add = await postForm(m.vendor.getHttpServer(), cookie, '/staff', '/staff', { email: 'helper7@example.vn' });
    expect(add.status).toBe(303);
    const page = await vendorApp().get('/staff?lang=en').set('cookie', cookie);
    expect(page.text).toContain('helper7@example.vn');
    expect(page.text).toContain('<td>Owner</td>');
    const ghost = await postForm(m.vendor.getHttpServer(), cookie, '/staff', '/staff', { email: 'ghost7@example.vn' });
    expect(ghost.status).toBe(404);
    expect(ghost.text).toContain('no account with this e-mail');
    const helperId = /action="\/staff\/([0-9a-f-]{36})\/remove"/.exec(page.text)![1];
    const removed = await postForm(m.vendor.getHttpServer(), cookie, '/staff', `/staff/${helperId}/remove`, {});
    expect(removed.status).toBe(303);
    expect((await vendorApp().get('/staff').set('cookie', cookie)).text).not.toContain('helper7@example.vn');

    const helperCookie = await pageLogin(m.vendor.getHttpServer(), 'helper7@example.vn', PASSWORD);
    expect((await vendorApp().get('/staff').set('cookie', helperCookie)).status).toBe(404);
  });
});
