import { IsNull, type DataSource } from 'typeorm';
import { FakeClock } from '@ocop/core';
import { DomainEventRecord, record, Transactions } from '@ocop/database';
import { EventRelay, InProcessJobQueue } from '@ocop/jobs';
import { openTestDatabase } from '@ocop/testing';

describe('EventRelay on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let tx: Transactions;
  let jobs: InProcessJobQueue;
  let relay: EventRelay;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    tx = new Transactions(ds);
    jobs = new InProcessJobQueue(ds, tx, clock);
    relay = new EventRelay(ds, tx, () => jobs, clock);
  });
  afterEach(async () => {
    await relay.close();
    await jobs.close();
    await cleanup();
  });

  const pending = () => ds.getRepository(DomainEventRecord).countBy({ dispatchedAt: IsNull() });

  it('turns each outbox event into one job per subscribed job name, with the payload and event id', async () => {
    relay.subscribe('CertificateRevoked', 'mail.notify');
    relay.subscribe('CertificateRevoked', 'search.remove');
    const id = await tx.run((em) => record(em, 'CertificateRevoked', { certificateId: 'c1' }), { quiet: true });
    await tx.run((em) => record(em, 'Unwatched', { x: 1 }), { quiet: true });
    expect(await relay.relay()).toBe(2);
    expect(await jobs.status(`${id}:mail.notify`)).toMatchObject({ name: 'mail.notify', state: 'waiting' });
    expect(await jobs.status(`${id}:search.remove`)).toMatchObject({ name: 'search.remove', state: 'waiting' });
    const rows = await ds.getRepository(DomainEventRecord).find();
    expect(rows.every((r) => r.dispatchedAt !== null)).toBe(true);
  });

  it('relays nothing twice and queues one job when two passes race', async () => {
    relay.subscribe('VendorSuspended', 'mail.notify');
    const id = await tx.run((em) => record(em, 'VendorSuspended', { vendorId: 'v1' }), { quiet: true });
    await Promise.all([relay.relay(), relay.relay()]);
    expect(await relay.relay()).toBe(0);
    expect(await jobs.status(`${id}:mail.notify`)).toMatchObject({ state: 'waiting' });
    expect(await ds.getRepository('jobs').countBy({ name: 'mail.notify' })).toBe(1);
  });

  it('relays right after a commit without being asked', async () => {
    relay.subscribe('ProductListingChanged', 'search.sync');
    await tx.run((em) => record(em, 'ProductListingChanged', { productId: 'p1' }));
    const deadline = Date.now() + 2000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await pending()).toBe(0);
    expect(await ds.getRepository('jobs').countBy({ name: 'search.sync' })).toBe(1);
  });

  it('prunes dispatched events older than a week and keeps the rest', async () => {
    await tx.run((em) => record(em, 'Old', {}), { quiet: true });
    await relay.relay();
    await tx.run((em) => record(em, 'Pending', {}), { quiet: true });
    clock.advance(8 * 86400_000);
    expect(await relay.prune()).toBe(1);
    expect((await ds.getRepository(DomainEventRecord).find()).map((r) => r.type)).toEqual(['Pending']);
  });
});
