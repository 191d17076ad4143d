import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccountsService, LoginLimiter, toActor, User } from '@ocop/accounts';
import { FakeClock, loadConfig, type Actor } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { InProcessJobQueue } from '@ocop/jobs';
import { Mailer } from '@ocop/notifications';
import { describeMysql, openTestDatabase } from '@ocop/testing';
import { Vendor, VendorsService } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };

describeMysql('VendorsService under concurrency', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let jobs: InProcessJobQueue;
  let accounts: AccountsService;
  let vendors: VendorsService;
  let villageId: string;

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('mysql'));
    const clock = new FakeClock();
    const tx = new Transactions(ds);
    const config = loadConfig({ NODE_ENV: 'test' });
    jobs = new InProcessJobQueue(ds, tx, clock);
    const mailer = new Mailer(ds, tx, jobs, config, clock);
    accounts = new AccountsService(ds, tx, config, clock, mailer, new LoginLimiter({ maxFailures: 5, windowSeconds: 60 }));
    const villages = new VillagesService(ds, tx, clock);
    vendors = new VendorsService(ds, tx, clock, new DomainEvents(), accounts, villages, mailer, config);
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
    const results = await Promise.allSettled([
      vendors.create(lan, { name: 'HTX Một', type: 'cooperative', villageId }),
      vendors.create(lan, { name: 'HTX Hai', type: 'cooperative', villageId }),
    ]);
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

  it('puts a person on one staff only when two owners add them at once', async () => {
    const [a, b] = await Promise.all([person('owner-a@example.vn'), person('owner-b@example.vn')]);
    await vendors.create(a, { name: 'HTX A', type: 'cooperative', villageId });
    await vendors.create(b, { name: 'HTX B', type: 'cooperative', villageId });
    const minh = await person('minh@example.vn');
    const owners = await Promise.all([a, b].map(async (o) => toActor(await ds.getRepository(User).findOneByOrFail({ id: o.id }))));
    const results = await Promise.allSettled(owners.map((o) => vendors.addStaff(o, 'minh@example.vn')));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const row = await ds.getRepository(User).findOneByOrFail({ id: minh.id });
    expect(owners.map((o) => o.vendorId)).toContain(row.vendorId);
    expect(row.vendorRole).toBe('staff');
  });
});
