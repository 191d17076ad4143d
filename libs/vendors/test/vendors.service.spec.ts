import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccountsService, LoginLimiter, toActor, User } from '@ocop/accounts';
import { Events, FakeClock, ForbiddenError, loadConfig, NotFoundError, type Actor } from '@ocop/core';
import { DomainEventRecord, DomainEvents, Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer, MailMessage } from '@ocop/notifications';
import { openTestDatabase } from '@ocop/testing';
import { Vendor, VendorInvitationsService, VendorsService } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };

describe('VendorsService on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let jobs: InProcessJobQueue;
  let events: DomainEvents;
  let accounts: AccountsService;
  let vendors: VendorsService;
  let invitations: VendorInvitationsService;
  let villageId: string;
  const clock = new FakeClock(new Date('2026-05-04T03:00:00Z'));

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    const tx = new Transactions(ds);
    const config = loadConfig({ NODE_ENV: 'test', VENDOR_URL: 'http://vendor.test' });
    jobs = new InProcessJobQueue(ds, tx, clock);
    const mailer = new Mailer(tx, jobs, config, clock);
    accounts = new AccountsService(tx, config, clock, mailer, new LoginLimiter({ maxFailures: 5, windowSeconds: 60 }));
    const villages = new VillagesService(tx, clock);
    events = new DomainEvents();
    vendors = new VendorsService(tx, clock, events, accounts, villages, mailer, config);
    invitations = new VendorInvitationsService(tx, clock, accounts, mailer, config);
    villageId = (await villages.create(admin, { name: 'Bát Tràng', province: 'Hà Nội', craft: 'gốm sứ' })).id;
  });
  afterEach(async () => {
    await jobs.close();
    await cleanup();
  });

  /** A registered user, read back as the caller the apps would see. */
  async function person(email: string, locale = 'vi'): Promise<Actor> {
    const { id } = await accounts.ensureUser({ email, password: 'Gom-Bat-Trang-2025', name: email.split('@')[0], roles: ['shopper'], locale });
    return me(id);
  }
  const me = async (id: string) => toActor(await ds.getRepository(User).findOneByOrFail({ id }));
  const newVendor = async (owner: Actor, name = 'HTX Gốm Bát Tràng') => vendors.create(owner, { name, type: 'cooperative', villageId, taxCode: '0101234567' });

  it('creates a pending vendor and makes the caller its owner in the same transaction', async () => {
    const lan = await person('lan@example.vn');
    const v = await newVendor(lan);
    expect(v).toMatchObject({ slug: 'htx-gom-bat-trang', status: 'pending', type: 'cooperative', villageId, taxCode: '0101234567', contactEmail: 'lan@example.vn', approvedAt: null });
    expect(await ds.getRepository(User).findOneByOrFail({ id: lan.id })).toMatchObject({ vendorId: v.id, vendorRole: 'owner' });
    const other = await newVendor(await person('hoa@example.vn'));
    expect(other.slug).toBe('htx-gom-bat-trang-2');
  });

  it('refuses a second vendor for the same person, an unknown village and a malformed tax code', async () => {
    const lan = await person('lan@example.vn');
    await newVendor(lan);
    await expect(newVendor(await me(lan.id), 'HTX khác')).rejects.toMatchObject({ status: 409, details: { reason: 'already_member' } });
    const hoa = await person('hoa@example.vn');
    await expect(vendors.create(hoa, { name: 'Hộ Hoa', type: 'household', villageId: randomUUID() })).rejects.toMatchObject({ field: 'villageId' });
    await expect(vendors.create(hoa, { name: 'Hộ Hoa', type: 'household', villageId, taxCode: '01012345' })).rejects.toMatchObject({ field: 'taxCode' });
    await expect(vendors.create(hoa, { name: 'Hộ Hoa', type: 'shop' as never, villageId })).rejects.toMatchObject({ field: 'type' });
    expect(await vendors.create(hoa, { name: 'Hộ Hoa', type: 'household', villageId, taxCode: '0101234567-001' })).toMatchObject({ taxCode: '0101234567-001' });
    expect(await ds.getRepository(Vendor).count()).toBe(2);
  });

  it('approves a pending vendor once: approvedAt, one VendorApproved event and one e-mail to the owner', async () => {
    const v = await newVendor(await person('lan@example.vn', 'en'));
    const approved = await vendors.approve(admin, v.id);
    expect(approved).toMatchObject({ status: 'approved', approvedAt: clock.now() });
    clock.advance(60_000);
    const again = await vendors.approve(admin, v.id);
    expect(again).toEqual(approved);
    const rows = await ds.getRepository(DomainEventRecord).findBy({ type: Events.VendorApproved });
    expect(rows.map((r) => JSON.parse(r.payload))).toEqual([{ vendorId: v.id, at: '2026-05-04T03:00:00.000Z' }]);
    const mail = await ds.getRepository(MailMessage).findBy({ template: 'vendor-approved' });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'lan@example.vn', locale: 'en', subject: 'HTX Gốm Bát Tràng is approved to sell on OCOP Market' });
    expect(mail[0].text).toContain('http://vendor.test');
  });

  it('suspends with a reason, runs the in-transaction handlers and is idempotent; re-approval clears the reason', async () => {
    const v = await newVendor(await person('lan@example.vn'));
    await vendors.approve(admin, v.id);
    const seen: unknown[] = [];
    events.onInTransaction(Events.VendorSuspended, async (payload) => void seen.push(payload));
    const s = await vendors.suspend(admin, v.id, 'Hàng mẫu không đạt hậu kiểm');
    expect(s).toMatchObject({ status: 'suspended', statusReason: 'Hàng mẫu không đạt hậu kiểm' });
    await vendors.suspend(admin, v.id, 'another reason');
    expect(seen).toEqual([{ vendorId: v.id, reason: 'Hàng mẫu không đạt hậu kiểm', at: clock.now().toISOString() }]);
    expect(await ds.getRepository(DomainEventRecord).countBy({ type: Events.VendorSuspended })).toBe(1);
    const mail = await ds.getRepository(MailMessage).findOneByOrFail({ template: 'vendor-suspended' });
    expect(mail).toMatchObject({ to: 'lan@example.vn', locale: 'vi' });
    expect(mail.text).toContain('Lý do: Hàng mẫu không đạt hậu kiểm');
    expect(await vendors.approve(admin, v.id)).toMatchObject({ status: 'approved', statusReason: null });
    expect(await ds.getRepository(DomainEventRecord).countBy({ type: Events.VendorApproved })).toBe(2);
  });

  it('rolls the suspension back when an in-transaction handler fails', async () => {
    const v = await newVendor(await person('lan@example.vn'));
    events.onInTransaction(Events.VendorSuspended, async () => {
      throw new Error('catalogue unavailable');
    });
    await expect(vendors.suspend(admin, v.id)).rejects.toThrow('catalogue unavailable');
    expect(await ds.getRepository(Vendor).findOneByOrFail({ id: v.id })).toMatchObject({ status: 'pending' });
    expect(await ds.getRepository(DomainEventRecord).count()).toBe(0);
    expect(await ds.getRepository(MailMessage).countBy({ template: 'vendor-suspended' })).toBe(0);
  });

  it('lists vendors by status, oldest first, with village and owner, and refuses an unknown status and non-admins', async () => {
    const ownerA = await person('a@example.vn');
    const a = await newVendor(ownerA, 'HTX A');
    clock.advance(1000);
    const b = await newVendor(await person('b@example.vn'), 'HTX B');
    await vendors.approve(admin, b.id);
    expect((await vendors.list(admin, 'pending')).map((v) => v.id)).toEqual([a.id]);
    const [approved] = await vendors.list(admin, 'approved');
    expect(approved).toMatchObject({ id: b.id, village: { id: villageId, name: 'Bát Tràng' }, owner: { email: 'b@example.vn' } });
    expect(await vendors.list(admin)).toHaveLength(2);
    await expect(vendors.list(admin, 'deleted')).rejects.toMatchObject({ field: 'status' });
    await expect(vendors.list(await me(ownerA.id), 'pending')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(vendors.approve(await me(ownerA.id), a.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  /** Invites `email` to the owner's vendor and accepts the link from the mail as that person. */
  async function join(owner: Actor, person: Actor): Promise<void> {
    await invitations.invite(owner, person.email);
    const [mail] = await ds.getRepository(MailMessage).find({ where: { to: person.email, template: 'staff-invitation' }, order: { createdAt: 'DESC' } });
    await invitations.accept(person, /\/invitations\/([A-Za-z0-9_-]{43})"/.exec(mail.html)![1]);
  }

  it('lets the owner edit the profile and manage staff; staff may read but not change', async () => {
    const owner = await person('owner@example.vn');
    const v = await newVendor(owner);
    const ownerNow = await me(owner.id);
    const minh = await person('minh@example.vn');
    await join(ownerNow, minh);
    const staff = await me(minh.id);
    expect(staff).toMatchObject({ vendorId: v.id, vendorRole: 'staff', roles: expect.arrayContaining(['vendor']) });
    expect((await vendors.staff(staff)).map((m) => `${m.email}:${m.role}`)).toEqual(['owner@example.vn:owner', 'minh@example.vn:staff']);
    await expect(invitations.invite(staff, 'x@example.vn')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(vendors.updateProfile(staff, { name: 'Mine' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(vendors.removeStaff(staff, owner.id)).rejects.toBeInstanceOf(ForbiddenError);

    expect(await vendors.updateProfile(ownerNow, { name: 'HTX Gốm sứ Bát Tràng', address: 'Xóm 3, Bát Tràng', taxCode: '', contactEmail: 'Sales@Example.vn' })).toMatchObject({
      name: 'HTX Gốm sứ Bát Tràng',
      slug: 'htx-gom-bat-trang',
      address: 'Xóm 3, Bát Tràng',
      taxCode: null,
      contactEmail: 'sales@example.vn',
      village: { name: 'Bát Tràng' },
    });
    await expect(vendors.updateProfile(ownerNow, { taxCode: '123' })).rejects.toMatchObject({ field: 'taxCode' });
    await expect(vendors.updateProfile(ownerNow, { contactEmail: 'not-an-address' })).rejects.toMatchObject({ field: 'contactEmail' });

    const elsewhere = await person('other@example.vn');
    await newVendor(elsewhere, 'Hộ khác');
    await expect(vendors.removeStaff(ownerNow, owner.id)).rejects.toMatchObject({ status: 409, details: { reason: 'owner' } });
    await expect(vendors.removeStaff(ownerNow, elsewhere.id)).rejects.toBeInstanceOf(NotFoundError);
    await vendors.removeStaff(ownerNow, minh.id);
    expect(await ds.getRepository(User).findOneByOrFail({ id: minh.id })).toMatchObject({ vendorId: null, vendorRole: null });
    expect(await vendors.staff(ownerNow)).toHaveLength(1);
  });

  it('answers not found to someone who works for no vendor', async () => {
    const lan = await person('lan@example.vn');
    await expect(vendors.profile(lan)).rejects.toBeInstanceOf(NotFoundError);
    await expect(vendors.staff(lan)).rejects.toBeInstanceOf(NotFoundError);
    await expect(invitations.invite(lan, 'x@example.vn')).rejects.toBeInstanceOf(NotFoundError);
  });
});
