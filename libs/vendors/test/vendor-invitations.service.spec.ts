import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccountsService, LoginLimiter, toActor, User } from '@ocop/accounts';
import { FakeClock, loadConfig, type Actor } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer, MailMessage } from '@ocop/notifications';
import { openTestDatabase } from '@ocop/testing';
import { VendorInvitation, VendorInvitationsService, VendorsService } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };
const DAY = 24 * 60 * 60 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('VendorInvitationsService on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let jobs: InProcessJobQueue;
  let accounts: AccountsService;
  let vendors: VendorsService;
  let invitations: VendorInvitationsService;
  let villageId: string;
  const clock = new FakeClock(new Date('2026-05-04T03:00:00Z'));

  beforeEach(async () => {
    clock.set('2026-05-04T03:00:00Z');
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    const tx = new Transactions(ds);
    const config = loadConfig({ NODE_ENV: 'test', VENDOR_URL: 'http://vendor.test' });
    jobs = new InProcessJobQueue(ds, tx, clock);
    const mailer = new Mailer(tx, jobs, config, clock);
    accounts = new AccountsService(tx, config, clock, mailer, new LoginLimiter({ maxFailures: 5, windowSeconds: 60 }));
    const villages = new VillagesService(tx, clock);
    vendors = new VendorsService(tx, clock, new DomainEvents(), accounts, villages, mailer, config);
    invitations = new VendorInvitationsService(tx, clock, accounts, mailer, config);
    villageId = (await villages.create(admin, { name: 'Bát Tràng', province: 'Hà Nội', craft: 'gốm sứ' })).id;
  });
  afterEach(async () => {
    await jobs.close();
    await cleanup();
  });

  const me = async (id: string) => toActor(await ds.getRepository(User).findOneByOrFail({ id }));
  async function person(email: string, locale = 'vi'): Promise<Actor> {
    const { id } = await accounts.ensureUser({ email, password: 'Gom-Bat-Trang-2025', name: email.split('@')[0], roles: ['shopper'], locale });
    return me(id);
  }
  /** An owner of a fresh vendor, read back as the apps see them. */
  async function owner(email: string, vendorName = `HTX ${email.split('@')[0]}`): Promise<Actor> {
    const o = await person(email);
    await vendors.create(o, { name: vendorName, type: 'cooperative', villageId });
    return me(o.id);
  }
  // SQLite stamps rows to the second, so the order of sending is the insertion order.
  const mails = (to: string): Promise<Pick<MailMessage, 'html' | 'subject' | 'locale'>[]> =>
    ds.query(`SELECT html, subject, locale FROM mail_messages WHERE "to" = ? AND template = 'staff-invitation' ORDER BY rowid`, [to]);
  /** The token of the newest invitation mail to `to`, read from its link. */
  async function tokenFor(to: string): Promise<string> {
    const all = await mails(to);
    const m = /\/invitations\/([A-Za-z0-9_-]{43})"/.exec(all[all.length - 1].html);
    if (!m) throw new Error(`no invitation link in the mail to ${to}`);
    return m[1];
  }

  it('writes an invitation with a hashed token valid 7 days and mails the link, without making anyone a member', async () => {
    const lan = await owner('lan@example.vn', 'HTX Gốm Lan');
    const minh = await person('minh@example.vn', 'en');
    await expect(invitations.invite(lan, ' MINH@example.vn ')).resolves.toBeUndefined();
    const token = await tokenFor('minh@example.vn');
    const [row] = await ds.getRepository(VendorInvitation).find();
    expect(row).toMatchObject({ vendorId: lan.vendorId, email: 'minh@example.vn', invitedBy: lan.id, tokenHash: sha256(token), acceptedAt: null, acceptedBy: null });
    expect(row.expiresAt.getTime()).toBe(clock.now().getTime() + 7 * DAY);
    const [mail] = await mails('minh@example.vn');
    expect(mail).toMatchObject({ locale: 'en', subject: 'lan invites you to work for HTX Gốm Lan on OCOP Market' });
    expect(mail.html).toContain(`href="http://vendor.test/invitations/${token}"`);
    expect(JSON.stringify(await ds.getRepository(VendorInvitation).find())).not.toContain(token);
    expect(await ds.getRepository(User).findOneByOrFail({ id: minh.id })).toMatchObject({ vendorId: null, vendorRole: null });
  });

  it('does the same for a registered, an unregistered and an already employed address', async () => {
    const lan = await owner('lan@example.vn');
    await person('minh@example.vn');
    await owner('hoa@example.vn');
    for (const address of ['minh@example.vn', 'ghost@example.vn', 'hoa@example.vn']) await expect(invitations.invite(lan, address)).resolves.toBeUndefined();
    const rows = await ds.getRepository(VendorInvitation).find({ order: { email: 'ASC' } });
    expect(rows.map((r) => r.email)).toEqual(['ghost@example.vn', 'hoa@example.vn', 'minh@example.vn']);
    for (const address of ['minh@example.vn', 'ghost@example.vn', 'hoa@example.vn']) expect(await mails(address)).toHaveLength(1);
  });

  it('makes the invitee staff on accepting, and the link never works again', async () => {
    const lan = await owner('lan@example.vn', 'HTX Gốm Lan');
    const minh = await person('minh@example.vn');
    await invitations.invite(lan, 'minh@example.vn');
    const token = await tokenFor('minh@example.vn');
    expect(await invitations.preview(minh, token)).toEqual({ state: 'open', vendorName: 'HTX Gốm Lan', inviterName: 'lan', expiresAt: new Date(clock.now().getTime() + 7 * DAY) });
    expect(await invitations.accept(minh, token)).toEqual({ vendorId: lan.vendorId, vendorName: 'HTX Gốm Lan', role: 'staff' });
    expect(await ds.getRepository(User).findOneByOrFail({ id: minh.id })).toMatchObject({ vendorId: lan.vendorId, vendorRole: 'staff' });
    expect(await ds.getRepository(VendorInvitation).findOneByOrFail({ tokenHash: sha256(token) })).toMatchObject({ acceptedAt: clock.now(), acceptedBy: minh.id });
    expect((await vendors.staff(lan)).map((m) => `${m.email}:${m.role}`)).toEqual(['lan@example.vn:owner', 'minh@example.vn:staff']);

    await vendors.removeStaff(lan, minh.id);
    await expect(invitations.accept(await me(minh.id), token)).rejects.toMatchObject({ status: 404, message: 'No such invitation' });
    expect(await invitations.preview(await me(minh.id), token)).toEqual({ state: 'used' });
  });

  it('answers 404 to another account and to an unknown token, 410 once expired, 409 to someone already working for a vendor', async () => {
    const lan = await owner('lan@example.vn');
    const minh = await person('minh@example.vn');
    const other = await person('other@example.vn');
    await invitations.invite(lan, 'minh@example.vn');
    const token = await tokenFor('minh@example.vn');

    await expect(invitations.accept(other, token)).rejects.toMatchObject({ status: 404, message: 'No such invitation' });
    expect(await invitations.preview(other, token)).toEqual({ state: 'other_account' });
    await expect(invitations.accept(minh, 'A'.repeat(43))).rejects.toMatchObject({ status: 404, message: 'No such invitation' });
    await expect(invitations.accept(minh, '../../etc')).rejects.toMatchObject({ status: 404 });
    expect(await invitations.preview(minh, 'nope')).toEqual({ state: 'unknown' });

    const hoa = await owner('hoa@example.vn');
    await invitations.invite(lan, 'hoa@example.vn');
    const hoaToken = await tokenFor('hoa@example.vn');
    await expect(invitations.accept(hoa, hoaToken)).rejects.toMatchObject({ status: 409, details: { reason: 'already_member' } });
    expect(await invitations.preview(hoa, hoaToken)).toMatchObject({ state: 'already_member' });
    expect(await ds.getRepository(User).findOneByOrFail({ id: hoa.id })).toMatchObject({ vendorId: hoa.vendorId, vendorRole: 'owner' });

    clock.advance(7 * DAY);
    await expect(invitations.accept(minh, token)).rejects.toMatchObject({ status: 410 });
    expect(await invitations.preview(minh, token)).toEqual({ state: 'expired' });
    expect(await ds.getRepository(User).findOneByOrFail({ id: minh.id })).toMatchObject({ vendorId: null });
  });

  it('makes one membership when the same invitation is accepted twice at once', async () => {
    const lan = await owner('lan@example.vn');
    const minh = await person('minh@example.vn');
    await invitations.invite(lan, 'minh@example.vn');
    const token = await tokenFor('minh@example.vn');
    const results = await Promise.allSettled([invitations.accept(minh, token), invitations.accept(minh, token)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 404 });
    expect(await ds.getRepository(VendorInvitation).countBy({ acceptedBy: minh.id })).toBe(1);
    expect(await ds.getRepository(User).findOneByOrFail({ id: minh.id })).toMatchObject({ vendorId: lan.vendorId, vendorRole: 'staff' });
  });

  it('puts a person on one staff only when they accept two vendors at once', async () => {
    const [a, b] = [await owner('a@example.vn'), await owner('b@example.vn')];
    const minh = await person('minh@example.vn');
    await invitations.invite(a, 'minh@example.vn');
    const first = await tokenFor('minh@example.vn');
    await invitations.invite(b, 'minh@example.vn');
    const second = await tokenFor('minh@example.vn');
    const results = await Promise.allSettled([invitations.accept(minh, first), invitations.accept(minh, second)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, details: { reason: 'already_member' } });
    const row = await ds.getRepository(User).findOneByOrFail({ id: minh.id });
    expect([a.vendorId, b.vendorId]).toContain(row.vendorId);
    expect(await ds.getRepository(VendorInvitation).countBy({ acceptedBy: minh.id })).toBe(1);
  });

  it('replaces an open invitation to the same address: one stays open and the old link stops working', async () => {
    const lan = await owner('lan@example.vn');
    const minh = await person('minh@example.vn');
    await invitations.invite(lan, 'minh@example.vn');
    const old = await tokenFor('minh@example.vn');
    clock.advance(60_000);
    await invitations.invite(lan, 'minh@example.vn');
    const fresh = await tokenFor('minh@example.vn');
    expect(fresh).not.toBe(old);
    expect(await invitations.pending(lan)).toEqual([expect.objectContaining({ email: 'minh@example.vn', expiresAt: new Date(clock.now().getTime() + 7 * DAY) })]);
    await expect(invitations.accept(minh, old)).rejects.toMatchObject({ status: 410 });
    expect((await invitations.accept(minh, fresh)).role).toBe('staff');
  });

  it('limits a vendor to 50 invitations a day, and mails to one address to five a day with the same answer', async () => {
    const lan = await owner('lan@example.vn');
    const hoa = await owner('hoa@example.vn');
    for (let i = 0; i < 3; i++) await invitations.invite(lan, 'target@example.vn');
    for (let i = 0; i < 3; i++) await expect(invitations.invite(hoa, 'target@example.vn')).resolves.toBeUndefined();
    expect(await mails('target@example.vn')).toHaveLength(5);
    expect(await invitations.pending(hoa)).toHaveLength(1);

    for (let i = 3; i < 50; i++) await invitations.invite(lan, `p${i}@example.vn`);
    await expect(invitations.invite(lan, 'one-more@example.vn')).rejects.toMatchObject({ status: 429 });
    expect(await mails('one-more@example.vn')).toHaveLength(0);
    clock.advance(DAY);
    await expect(invitations.invite(lan, 'one-more@example.vn')).resolves.toBeUndefined();
    expect(await mails('one-more@example.vn')).toHaveLength(1);
  });

  it("lists open invitations to the owner only and lets the owner withdraw one; another vendor's answers 404", async () => {
    const lan = await owner('lan@example.vn');
    const hoa = await owner('hoa@example.vn');
    const minh = await person('minh@example.vn');
    await invitations.invite(lan, 'minh@example.vn');
    const token = await tokenFor('minh@example.vn');
    await invitations.invite(lan, 'tuan@example.vn');
    const open = await invitations.pending(lan);
    expect(open.map((i) => i.email).sort()).toEqual(['minh@example.vn', 'tuan@example.vn']);
    expect(await invitations.pending(hoa)).toEqual([]);

    const toMinh = open.find((i) => i.email === 'minh@example.vn')!;
    await expect(invitations.withdraw(hoa, toMinh.id)).rejects.toMatchObject({ status: 404 });
    await invitations.withdraw(lan, toMinh.id);
    await expect(invitations.withdraw(lan, toMinh.id)).rejects.toMatchObject({ status: 404 });
    expect((await invitations.pending(lan)).map((i) => i.email)).toEqual(['tuan@example.vn']);
    await expect(invitations.accept(minh, token)).rejects.toMatchObject({ status: 410 });
    expect(await invitations.preview(minh, token)).toEqual({ state: 'expired' });
  });

  it('lets only the owner invite, list and withdraw', async () => {
    const lan = await owner('lan@example.vn');
    const minh = await person('minh@example.vn');
    await invitations.invite(lan, 'minh@example.vn');
    await invitations.accept(minh, await tokenFor('minh@example.vn'));
    const staff = await me(minh.id);
    await expect(invitations.invite(staff, 'x@example.vn')).rejects.toMatchObject({ status: 403 });
    await expect(invitations.pending(staff)).rejects.toMatchObject({ status: 403 });
    await expect(invitations.withdraw(staff, randomUUID())).rejects.toMatchObject({ status: 403 });
    const nobody = await person('nobody@example.vn');
    await expect(invitations.invite(nobody, 'x@example.vn')).rejects.toMatchObject({ status: 404 });
    await expect(invitations.invite(lan, 'not-an-address')).rejects.toMatchObject({ field: 'email' });
    await expect(invitations.invite(lan, '')).rejects.toMatchObject({ field: 'email' });
    expect(await ds.getRepository(VendorInvitation).count()).toBe(1);
  });
});
