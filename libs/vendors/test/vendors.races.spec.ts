import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccountsService, LoginLimiter, toActor, User } from '@ocop/accounts';
import { FakeClock, loadConfig, type Actor } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer, MailMessage } from '@ocop/notifications';
import { describeMysql, openTestDatabase } from '@ocop/testing';
import { Vendor, VendorInvitation, VendorInvitationsService, VendorsService } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };

describeMysql('VendorsService under concurrency', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let jobs: InProcessJobQueue;
  let accounts: AccountsService;
  let vendors: VendorsService;
  let invitations: VendorInvitationsService;
  let villageId: string;

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('mysql'));
    const clock = new FakeClock();
    const tx = new Transactions(ds);
    const config = loadConfig({ NODE_ENV: 'test' });
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

  async function person(email: string): Promise<Actor> {
    const { id } = await accounts.ensureUser({ email, password: 'Gom-Bat-Trang-2025', name: email, roles: ['shopper'] });
    return toActor(await ds.getRepository(User).findOneByOrFail({ id }));
  }

  it('lets one person own only one vendor when two sign-ups race', async () => {
    const lan = await person('lan@example.vn');
    const results = await Promise.allSettled([vendors.create(lan, { name: 'HTX Một', type: 'cooperative', villageId }), vendors.create(lan, { name: 'HTX Hai', type: 'cooperative', villageId })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, details: { reason: 'already_member' } });
    const all = await ds.getRepository(Vendor).find();
    expect(all).toHaveLength(1);
    expect(await ds.getRepository(User).findOneByOrFail({ id: lan.id })).toMatchObject({ vendorId: all[0].id, vendorRole: 'owner' });
  });

  it('gives two vendors signed up at once with the same name different slugs', async () => {
    const [a, b] = await Promise.all([person('a@example.vn'), person('b@example.vn')]);
    const made = await Promise.all([a, b].map((p) => vendors.create(p, { name: 'HTX Gốm', type: 'cooperative', villageId })));
    expect(made.map((v) => v.slug).sort()).toEqual(['htx-gom', 'htx-gom-2']);
  });

  /** The token of each invitation mail to `to`, oldest first. */
  async function tokens(to: string): Promise<string[]> {
    const all = await ds.getRepository(MailMessage).find({ where: { to, template: 'staff-invitation' }, order: { createdAt: 'ASC' } });
    return all.map((m) => /\/invitations\/([A-Za-z0-9_-]{43})"/.exec(m.html)![1]);
  }

  it("puts a person on one staff only when they accept two owners' invitations at once", async () => {
    const [a, b] = await Promise.all([person('owner-a@example.vn'), person('owner-b@example.vn')]);
    await vendors.create(a, { name: 'HTX A', type: 'cooperative', villageId });
    await vendors.create(b, { name: 'HTX B', type: 'cooperative', villageId });
    const minh = await person('minh@example.vn');
    const owners = await Promise.all([a, b].map(async (o) => toActor(await ds.getRepository(User).findOneByOrFail({ id: o.id }))));
    for (const o of owners) await invitations.invite(o, 'minh@example.vn');
    const results = await Promise.allSettled((await tokens('minh@example.vn')).map((t) => invitations.accept(minh, t)));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const row = await ds.getRepository(User).findOneByOrFail({ id: minh.id });
    expect(owners.map((o) => o.vendorId)).toContain(row.vendorId);
    expect(row.vendorRole).toBe('staff');
  });

  it('makes one membership when one invitation is accepted twice at once', async () => {
    const a = await person('owner-a@example.vn');
    await vendors.create(a, { name: 'HTX A', type: 'cooperative', villageId });
    const owner = toActor(await ds.getRepository(User).findOneByOrFail({ id: a.id }));
    const minh = await person('minh@example.vn');
    await invitations.invite(owner, 'minh@example.vn');
    const [token] = await tokens('minh@example.vn');
    const results = await Promise.allSettled([invitations.accept(minh, token), invitations.accept(minh, token), invitations.accept(minh, token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await ds.getRepository(VendorInvitation).countBy({ acceptedBy: minh.id })).toBe(1);
    expect(await ds.getRepository(User).findOneByOrFail({ id: minh.id })).toMatchObject({ vendorId: owner.vendorId, vendorRole: 'staff' });
  });

  it('keeps a vendor within its daily invitations when many are sent at once', async () => {
    const a = await person('owner-a@example.vn');
    await vendors.create(a, { name: 'HTX A', type: 'cooperative', villageId });
    const owner = toActor(await ds.getRepository(User).findOneByOrFail({ id: a.id }));
    const results = await Promise.allSettled(Array.from({ length: 55 }, (_, i) => invitations.invite(owner, `p${i}@example.vn`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
    expect(await ds.getRepository(VendorInvitation).countBy({ vendorId: owner.vendorId! })).toBe(50);
  });
});
