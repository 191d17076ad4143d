import request from 'supertest';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const PASSWORD = 'Lang-Nghe-2025';
const VENDOR_URL = 'https://ban-hang.example.vn';

/** A logged-in page session: the cookies of the login (session and CSRF secret). */
async function pageLogin(server: unknown, email: string, password: string): Promise<string> {
  const form = await request(server as never).get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const jar = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  const login = await request(server as never)
    .post('/login')
    .set('cookie', jar.join('; '))
    .type('form')
    .send({ _csrf: csrf, email, password, next: '/' });
  expect(login.status).toBe(303);
  const sid = ([] as string[])
    .concat(login.headers['set-cookie'])
    .find((c) => c.includes('_sid='))!
    .split(';')[0];
  return [...jar, sid].join('; ');
}

/** Posts a page form the way a browser does: reads the CSRF token from `page`, then posts. */
async function postForm(server: unknown, cookie: string, page: string, action: string, data: Record<string, string>) {
  const res = await request(server as never)
    .get(page)
    .set('cookie', cookie);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
  return request(server as never)
    .post(action)
    .set('cookie', cookie)
    .type('form')
    .send({ _csrf: csrf, ...data });
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

  /** The invitation links mailed to `to`, oldest first (SQLite stamps rows to the second, so in insertion order). */
  async function links(to: string): Promise<string[]> {
    const rows: { html: string }[] = await m.infra.dataSource.query(`SELECT html FROM mail_messages WHERE "to" = ? AND template = 'staff-invitation' ORDER BY rowid`, [to]);
    return rows.map((r) => /href="([^"]+\/invitations\/[^"]+)"/.exec(r.html)![1]);
  }
  const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
  const latestToken = async (to: string) => tokenOf((await links(to)).at(-1)!);

  /** Invites `email` to the owner's vendor and accepts the mailed link as `token`'s holder. */
  async function join(ownerToken: string, email: string, token: string) {
    await vendorApp().post('/api/vendor/staff').set(bearer(ownerToken)).send({ email }).expect(202);
    await vendorApp()
      .post(`/api/vendor/invitations/${await latestToken(email)}/accept`)
      .set(bearer(token))
      .expect(200);
  }

  beforeAll(async () => {
    // This suite registers many people from one test client.
    m = await startTestMarketplace({ env: { VENDOR_URL, REGISTRATIONS_PER_HOUR: '1000' } });
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

  it('invites instead of adding: 202 with the same answer for any address, and nobody joins before accepting', async () => {
    const owner = await registered('owner4@example.vn', 'Chủ Bốn');
    await vendorApp().post('/api/vendors').set(bearer(owner)).send({ name: 'HTX Bốn', type: 'cooperative', villageId }).expect(201);
    const staffToken = await registered('staff4@example.vn', 'Nhân Viên Bốn');

    const invite = (email: string) => vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email });
    const answers = [];
    for (const email of ['STAFF4@example.vn', 'ghost@example.vn', 'owner1@example.vn']) {
      const res = await invite(email);
      expect(res.status).toBe(202);
      answers.push({ ...res.body, message: res.body.message.replace(email.toLowerCase(), '<address>') });
    }
    expect(answers[0]).toEqual({ message: 'An invitation was sent to <address> if the address can receive one; nobody joins until they accept it' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    expect((await vendorApp().get('/api/auth/me').set(bearer(staffToken))).body.vendorId ?? null).toBeNull();
    expect((await vendorApp().get('/api/vendor/profile').set(bearer(staffToken))).status).toBe(404);
    const list = await vendorApp().get('/api/vendor/staff').set(bearer(owner));
    expect(list.body.items.map((i: { email: string }) => i.email)).toEqual(['owner4@example.vn']);
    expect(list.body.invitations.map((i: { email: string }) => i.email).sort()).toEqual(['ghost@example.vn', 'owner1@example.vn', 'staff4@example.vn']);
    expect(list.body.invitations[0]).toEqual({ id: expect.any(String), email: expect.any(String), createdAt: expect.any(String), expiresAt: expect.any(String) });
    for (const email of ['staff4@example.vn', 'ghost@example.vn', 'owner1@example.vn']) expect(await links(email)).toHaveLength(1);

    const bad = await invite('not-an-address');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'email', message: 'must be a valid e-mail address' }]);
    expect((await vendorApp().post('/api/vendor/staff').send({ email: 'x@example.vn' })).status).toBe(401);
  });

  it('builds the mailed link from the configured vendor address, never from the request', async () => {
    const owner = await m.token(m.vendor, 'owner4@example.vn', PASSWORD);
    await registered('hostile4@example.vn');
    const res = await vendorApp()
      .post('/api/vendor/staff')
      .set(bearer(owner))
      .set('host', 'evil.example')
      .set('x-forwarded-host', 'evil.example')
      .set('x-forwarded-proto', 'http')
      .send({ email: 'hostile4@example.vn' });
    expect(res.status).toBe(202);
    const [link] = await links('hostile4@example.vn');
    expect(link).toMatch(new RegExp(`^${VENDOR_URL}/invitations/[A-Za-z0-9_-]{43}$`));
  });

  it('makes the invitee staff on accept, once; 404 to another account, an unknown or used token; 410 once withdrawn; 409 to a member', async () => {
    const owner = await m.token(m.vendor, 'owner4@example.vn', PASSWORD);
    const staffToken = await m.token(m.vendor, 'staff4@example.vn', PASSWORD);
    const nobody = await registered('nobody4@example.vn');
    const token = await latestToken('staff4@example.vn');
    const accept = (t: string, as?: string) => {
      const r = vendorApp().post(`/api/vendor/invitations/${t}/accept`);
      return as ? r.set(bearer(as)) : r;
    };

    expect((await accept(token)).status).toBe(401);
    const other = await accept(token, nobody);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ statusCode: 404, message: 'No such invitation' });
    expect((await accept('A'.repeat(43), staffToken)).body).toEqual({ statusCode: 404, message: 'No such invitation' });
    const taken = await accept(await latestToken('owner1@example.vn'), await m.token(m.vendor, 'owner1@example.vn', PASSWORD));
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ statusCode: 409, message: 'You already work for a vendor', reason: 'already_member' });

    const vendorId = (await vendorApp().get('/api/auth/me').set(bearer(owner))).body.vendorId;
    const ok = await accept(token, staffToken);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ vendorId, vendorName: 'HTX Bốn', role: 'staff' });
    expect((await vendorApp().get('/api/auth/me').set(bearer(staffToken))).body).toMatchObject({ vendorId, roles: expect.arrayContaining(['vendor']) });
    expect((await accept(token, staffToken)).status).toBe(404);
    const list = await vendorApp().get('/api/vendor/staff').set(bearer(staffToken));
    expect(list.body).toEqual({ items: [expect.objectContaining({ email: 'owner4@example.vn', role: 'owner' }), expect.objectContaining({ email: 'staff4@example.vn', role: 'staff' })] });

    await registered('late4@example.vn');
    const late = await m.token(m.vendor, 'late4@example.vn', PASSWORD);
    await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'late4@example.vn' }).expect(202);
    const pending = (await vendorApp().get('/api/vendor/staff').set(bearer(owner))).body.invitations.find((i: { email: string }) => i.email === 'late4@example.vn');
    const outsider = await m.token(m.vendor, 'owner1@example.vn', PASSWORD);
    expect((await vendorApp().delete(`/api/vendor/invitations/${pending.id}`).set(bearer(outsider))).status).toBe(404);
    expect((await vendorApp().delete(`/api/vendor/invitations/${pending.id}`).set(bearer(staffToken))).status).toBe(403);
    const badId = await vendorApp().delete('/api/vendor/invitations/not-a-uuid').set(bearer(owner));
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect((await vendorApp().delete(`/api/vendor/invitations/${pending.id}`).set(bearer(owner))).status).toBe(204);
    expect((await vendorApp().delete(`/api/vendor/invitations/${pending.id}`).set(bearer(owner))).status).toBe(404);
    const gone = await accept(await latestToken('late4@example.vn'), late);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ statusCode: 410 });
  });

  it('makes one membership when the same link is accepted twice at once', async () => {
    const owner = await m.token(m.vendor, 'owner4@example.vn', PASSWORD);
    const twin = await registered('twin4@example.vn');
    await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'twin4@example.vn' }).expect(202);
    const token = await latestToken('twin4@example.vn');
    const results = await Promise.all([1, 2].map(() => vendorApp().post(`/api/vendor/invitations/${token}/accept`).set(bearer(twin))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const members = (await vendorApp().get('/api/vendor/staff').set(bearer(owner))).body.items;
    expect(members.filter((i: { email: string }) => i.email === 'twin4@example.vn')).toHaveLength(1);
  });

  it('lets only the owner invite and remove; staff may read; the owner stays', async () => {
    const owner = await m.token(m.vendor, 'owner4@example.vn', PASSWORD);
    const staffToken = await m.token(m.vendor, 'staff4@example.vn', PASSWORD);
    const me4 = (await vendorApp().get('/api/auth/me').set(bearer(staffToken))).body;

    const byStaff = await vendorApp().post('/api/vendor/staff').set(bearer(staffToken)).send({ email: 'nobody1@example.vn' });
    expect(byStaff.status).toBe(403);
    expect(byStaff.body).toEqual({ statusCode: 403, message: "Only the vendor's owner may do this" });
    expect((await vendorApp().get('/api/vendor/staff').set(bearer(staffToken))).body.invitations).toBeUndefined();
    // The owner check comes before the body is read: staff learn nothing from a bad body either.
    expect((await vendorApp().post('/api/vendor/staff').set(bearer(staffToken)).send({})).status).toBe(403);
    expect((await vendorApp().patch('/api/vendor/profile').set(bearer(staffToken)).send({ name: 42 })).status).toBe(403);
    expect((await vendorApp().delete('/api/vendor/staff/not-a-uuid').set(bearer(staffToken))).status).toBe(403);
    expect(
      (
        await vendorApp()
          .post('/api/vendor/staff')
          .set(bearer(await m.token(m.vendor, 'nobody1@example.vn', PASSWORD)))
          .send({})
      ).status,
    ).toBe(404);
    expect((await vendorApp().delete(`/api/vendor/staff/${me4.id}`).set(bearer(staffToken))).status).toBe(403);

    const ownerId = (await vendorApp().get('/api/auth/me').set(bearer(owner))).body.id;
    const removeOwner = await vendorApp().delete(`/api/vendor/staff/${ownerId}`).set(bearer(owner));
    expect(removeOwner.status).toBe(409);
    expect(removeOwner.body).toMatchObject({ statusCode: 409, reason: 'owner' });
    const otherOwnerId = (
      await vendorApp()
        .get('/api/auth/me')
        .set(bearer(await m.token(m.vendor, 'owner1@example.vn', PASSWORD)))
    ).body.id;
    expect((await vendorApp().delete(`/api/vendor/staff/${otherOwnerId}`).set(bearer(owner))).status).toBe(404);
    const badId = await vendorApp().delete('/api/vendor/staff/not-a-uuid').set(bearer(owner));
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ field: 'userId', message: 'must be a UUID' }]);

    expect((await vendorApp().delete(`/api/vendor/staff/${me4.id}`).set(bearer(owner))).status).toBe(204);
    expect((await vendorApp().get('/api/vendor/profile').set(bearer(staffToken))).status).toBe(404);
    expect((await vendorApp().get('/api/vendor/staff').set(bearer(owner))).body.items.map((i: { email: string }) => i.email)).not.toContain('staff4@example.vn');
  });

  it('lets only the owner change the profile, scoped to their own vendor', async () => {
    const owner = await registered('owner5@example.vn');
    const vendor = (await vendorApp().post('/api/vendors').set(bearer(owner)).send({ name: 'HTX Năm', type: 'enterprise', villageId }).expect(201)).body;
    const staffToken = await registered('staff5@example.vn');
    await join(owner, 'staff5@example.vn', staffToken);

    const res = await vendorApp()
      .patch('/api/vendor/profile')
      .set(bearer(owner))
      .send({ name: 'Công ty Gốm Năm', address: 'Bát Tràng, Gia Lâm', taxCode: '0109876543-001', contactEmail: 'ban-hang@example.vn' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: vendor.id,
      slug: 'htx-nam',
      name: 'Công ty Gốm Năm',
      address: 'Bát Tràng, Gia Lâm',
      taxCode: '0109876543-001',
      contactEmail: 'ban-hang@example.vn',
      status: 'pending',
    });
    expect((await vendorApp().patch('/api/vendor/profile').set(bearer(staffToken)).send({ name: 'Của tôi' })).status).toBe(403);
    const badTax = await vendorApp().patch('/api/vendor/profile').set(bearer(owner)).send({ taxCode: 'abc' });
    expect(badTax.status).toBe(400);
    expect(badTax.body.errors[0].field).toBe('taxCode');
    expect((await vendorApp().patch('/api/vendor/profile').set(bearer(owner)).send({ status: 'approved' })).status).toBe(400);
    const other = await vendorApp()
      .get('/api/vendor/profile')
      .set(bearer(await m.token(m.vendor, 'owner4@example.vn', PASSWORD)));
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
    expect(bad.text).toMatch(/<p class="field-error" id="taxCode-error"[^>]*>Mã số thuế \(10 chữ số, hoặc 10 chữ số-3 chữ số\): phải là mã số thuế gồm 10 chữ số/);
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

    const vendorId = (
      await vendorApp()
        .get('/api/auth/me')
        .set(bearer(await m.token(m.vendor, 'page6@example.vn', PASSWORD)))
    ).body.vendorId;
    await request(m.admin.getHttpServer()).post(`/api/admin/vendors/${vendorId}/suspend`).set(bearer(adminToken)).send({ reason: 'Hồ sơ thiếu giấy phép <kinh doanh>' }).expect(200);
    const suspended = await vendorApp().get('/?lang=vi').set('cookie', cookie);
    expect(suspended.text).toContain('Đã bị tạm ngừng');
    expect(suspended.text).toContain('Lý do: Hồ sơ thiếu giấy phép &lt;kinh doanh&gt;');
  });

  it('lets the owner invite, withdraw and remove staff on the staff page, with the same notice for any address', async () => {
    const owner = await registered('page7@example.vn', 'Anh Bảy');
    const vendor = (await vendorApp().post('/api/vendors').set(bearer(owner)).send({ name: 'HTX Bảy', type: 'cooperative', villageId }).expect(201)).body;
    await registered('helper7@example.vn', 'Em Bảy');
    const server = m.vendor.getHttpServer();
    const cookie = await pageLogin(server, 'page7@example.vn', PASSWORD);

    const notices = [];
    for (const email of ['helper7@example.vn', 'ghost7@example.vn']) {
      const sent = await postForm(server, cookie, '/staff', '/staff', { email });
      expect(sent.status).toBe(303);
      const page = await vendorApp().get(`${sent.headers.location}&lang=en`).set('cookie', cookie);
      notices.push(/data-testid="notice">([^<]*)</.exec(page.text)![1].replace(email, '<address>'));
    }
    expect(notices).toEqual(['An invitation was sent to <address> if the address can receive one. Nobody joins until they accept it.', notices[0]]);
    const page = await vendorApp().get('/staff?lang=en').set('cookie', cookie);
    expect(page.text).toContain('Open invitations');
    expect(page.text).toMatch(/<td data-label="E-mail">helper7@example\.vn<\/td><td data-label="Valid until">[^<]+<\/td>/);
    expect(page.text).toContain('<td data-label="E-mail">ghost7@example.vn</td>');
    expect(page.text).not.toContain('<td data-label="Name">Em Bảy</td>');
    const visible = page.text.replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect((await vendorApp().get('/staff?lang=de').set('cookie', cookie)).text).toContain('Mitarbeiter einladen');

    const ghostId = new RegExp(
      '<td data-label="E-mail">ghost7@example\\.vn</td><td data-label="Valid until">[^<]+</td>\\s*<td><form method="post" action="/staff/invitations/([0-9a-f-]{36})/withdraw"',
    ).exec(page.text)![1];
    const ask = await postForm(server, cookie, '/staff', `/staff/invitations/${ghostId}/withdraw?lang=en`, {});
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Withdraw the invitation sent to ghost7@example.vn?');
    expect(ask.text).toContain('The link in the invitation e-mail stops working at once.');
    const withdrawn = await postForm(server, cookie, '/staff', `/staff/invitations/${ghostId}/withdraw`, { confirm: '1' });
    expect(withdrawn.status).toBe(303);
    const after = await vendorApp().get('/staff?withdrawn=1&lang=en').set('cookie', cookie);
    expect(after.text).toContain('Invitation withdrawn; its link no longer works.');
    expect(after.text).not.toContain('ghost7@example.vn');

    const helperCookie = await pageLogin(server, 'helper7@example.vn', PASSWORD);
    expect((await vendorApp().get('/staff').set('cookie', helperCookie)).status).toBe(404);
    const token = await latestToken('helper7@example.vn');
    const invitation = await vendorApp().get(`/invitations/${token}?lang=en`).set('cookie', helperCookie);
    expect(invitation.status).toBe(200);
    expect(invitation.text).toContain('Invitation to join HTX Bảy');
    expect(invitation.text).toContain('Anh Bảy invites you to work for HTX Bảy as staff on OCOP Market.');
    expect(invitation.text).toContain(`action="/invitations/${token}/accept"`);
    expect(invitation.text).not.toContain(vendor.id);
    const viInvitation = await vendorApp().get(`/invitations/${token}?lang=vi`).set('cookie', helperCookie);
    expect(viInvitation.text).toContain('Lời mời tham gia HTX Bảy');

    const noCsrf = await vendorApp().post(`/invitations/${token}/accept`).set('cookie', helperCookie).type('form').send({});
    expect(noCsrf.status).toBe(403);
    const accepted = await postForm(server, helperCookie, `/invitations/${token}`, `/invitations/${token}/accept`, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/staff?joined=1');
    const joined = await vendorApp().get('/staff?joined=1&lang=en').set('cookie', helperCookie);
    expect(joined.text).toContain('You now work for this vendor.');
    expect(joined.text).toContain('<td data-label="Name">Em Bảy</td>');
    const used = await vendorApp().get(`/invitations/${token}?lang=en`).set('cookie', helperCookie);
    expect(used.status).toBe(404);
    expect(used.text).toContain('This invitation has already been used.');

    const members = await vendorApp().get('/staff?lang=en').set('cookie', cookie);
    const helperId = /action="\/staff\/([0-9a-f-]{36})\/remove"/.exec(members.text)![1];
    const confirm = await postForm(server, cookie, '/staff', `/staff/${helperId}/remove?lang=en`, {});
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Remove Em Bảy from your staff?');
    expect(confirm.text).toContain('They can no longer manage the products, orders, experiences and stories of HTX Bảy, starting now.');
    expect((await vendorApp().get('/staff').set('cookie', cookie)).text).toContain('helper7@example.vn');
    const removed = await postForm(server, cookie, '/staff', `/staff/${helperId}/remove`, { confirm: '1' });
    expect(removed.status).toBe(303);
    expect((await vendorApp().get('/staff').set('cookie', cookie)).text).not.toContain('helper7@example.vn');
  });

  it('shows an invitation link plainly: login first, another account, withdrawn, not a link at all', async () => {
    const server = m.vendor.getHttpServer();
    const owner = await m.token(m.vendor, 'page7@example.vn', PASSWORD);
    await registered('late7@example.vn', 'Chị Muộn');
    await vendorApp().post('/api/vendor/staff').set(bearer(owner)).send({ email: 'late7@example.vn' }).expect(202);
    const token = await latestToken('late7@example.vn');

    const anonymous = await vendorApp().get(`/invitations/${token}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(`/invitations/${token}`)}`);

    const otherCookie = await pageLogin(server, 'page6@example.vn', PASSWORD);
    const other = await vendorApp().get(`/invitations/${token}?lang=en`).set('cookie', otherCookie);
    expect(other.status).toBe(404);
    expect(other.text).toContain('This invitation was sent to another e-mail address.');
    expect(other.text).not.toContain('HTX Bảy');
    const refused = await postForm(server, otherCookie, `/invitations/${token}`, `/invitations/${token}/accept`, {});
    expect(refused.status).toBe(404);
    expect(
      (
        await vendorApp()
          .get('/api/auth/me')
          .set(bearer(await m.token(m.vendor, 'page6@example.vn', PASSWORD)))
      ).body.vendorId,
    ).not.toBe((await vendorApp().get('/api/auth/me').set(bearer(owner))).body.vendorId);

    const lateCookie = await pageLogin(server, 'late7@example.vn', PASSWORD);
    const invitationId = (await vendorApp().get('/api/vendor/staff').set(bearer(owner))).body.invitations.find((i: { email: string }) => i.email === 'late7@example.vn').id;
    await vendorApp().delete(`/api/vendor/invitations/${invitationId}`).set(bearer(owner)).expect(204);
    const expired = await vendorApp().get(`/invitations/${token}?lang=en`).set('cookie', lateCookie);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This invitation has expired or was withdrawn.');
    expect(expired.text).not.toContain('/accept');

    const unknown = await vendorApp().get('/invitations/not-a-token?lang=id').set('cookie', lateCookie);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Tautan undangan ini tidak valid.');
  });
});
