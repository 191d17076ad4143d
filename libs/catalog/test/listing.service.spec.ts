import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { Events, FakeClock, registerInTransactionHandlers, type Actor } from '@ocop/core';
import { CATALOG_WIRING } from '../src/catalog.wiring';
import { DomainEventRecord, DomainEvents, Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { openTestDatabase } from '@ocop/testing';
import { ListingChange } from '../src/listing-change.entity';
import { ListingService } from '../src/listing.service';
import { Product } from '../src/product.entity';
import { insertProducts, productRow, seedVendorWithCertificate } from '@ocop/testing';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };

describe('ListingService on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let tx: Transactions;
  let events: DomainEvents;
  let listing: ListingService;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    tx = new Transactions(ds);
    events = new DomainEvents();
    listing = new ListingService(tx, clock);
    registerInTransactionHandlers([CATALOG_WIRING], () => listing, events);
  });
  afterEach(() => cleanup());

  const vendorActor = (vendorId: string): Actor => ({ ...admin, id: randomUUID(), roles: ['vendor'], vendorId, vendorRole: 'owner' });
  const states = async (ids: string[]) => (await ds.getRepository(Product).findBy({ id: In(ids) })).map((p) => `${p.state}:${p.delistReason ?? ''}`).sort();

  it('delists every listed product under a revoked certificate in the revoking transaction, with audit rows and events', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 3 }));
    await tx.run(async (em) => {
      await em.update(Certificate, { id: s.cert.id }, { status: 'revoked' });
      await events.emit(em, Events.CertificateRevoked, { certificateId: s.cert.id, vendorId: s.vendor.id, reason: 'failed inspection', at: clock.now().toISOString() }, admin);
    });
    expect(await states(s.products.map((p) => p.id))).toEqual(['delisted:certificate_revoked', 'delisted:certificate_revoked', 'delisted:certificate_revoked']);
    const audit = await ds.getRepository(ListingChange).findBy({ reason: 'certificate_revoked' });
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ fromState: 'listed', toState: 'delisted', actorEmail: 'admin@test.ocop.vn' });
    const types = (await ds.getRepository(DomainEventRecord).find()).map((e) => e.type).sort();
    expect(types).toEqual(['CertificateRevoked', 'ProductListingChanged', 'ProductListingChanged', 'ProductListingChanged']);
  });

  it('rolls the delisting back with the revocation when the transaction fails', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
    await expect(
      tx.run(async (em) => {
        await events.emit(em, Events.CertificateRevoked, { certificateId: s.cert.id, vendorId: s.vendor.id, reason: 'x', at: '' }, admin);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await states(s.products.map((p) => p.id))).toEqual(['listed:', 'listed:']);
    expect(await ds.getRepository(ListingChange).count()).toBe(0);
  });

  it('on renewal moves products to the new certificate and relists only those the system delisted', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 3 }));
    const [byVendor, byAdmin] = s.products;
    await listing.unpublish(vendorActor(s.vendor.id), byVendor.id);
    await listing.adminDelist(admin, byAdmin.id);
    await tx.run((em) => events.emit(em, Events.CertificateExpired, { certificateId: s.cert.id, vendorId: s.vendor.id, at: '' }, null));
    expect(await states(s.products.map((p) => p.id))).toEqual(['delisted:admin', 'delisted:certificate_expired', 'delisted:vendor']);
    const renewedId = randomUUID();
    await tx.run((em) => events.emit(em, Events.CertificateRenewed, { oldCertificateId: s.cert.id, newCertificateId: renewedId, vendorId: s.vendor.id, stars: 5, at: '' }, admin));
    expect(await states(s.products.map((p) => p.id))).toEqual(['delisted:admin', 'delisted:vendor', 'listed:']);
    const all = await ds.getRepository(Product).findBy({ id: In(s.products.map((p) => p.id)) });
    expect(new Set(all.map((p) => p.certificateId))).toEqual(new Set([renewedId]));
    expect(await ds.getRepository(ListingChange).countBy({ reason: 'certificate_renewed', toState: 'listed' })).toBe(1);
  });

  it("on renewal moves only the certificate holder's products: another vendor's stay under the old certificate, unlisted", async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 1 }));
    const other = await tx.run((em) => seedVendorWithCertificate(em, { products: 0 }));
    // Saved under the holder's certificate before that was refused; one even carries a system delisting.
    const foreignDraft = productRow({ vendorId: other.vendor.id, villageId: other.village.id }, s.cert.id, 1, 'draft');
    const foreignDown = Object.assign(productRow({ vendorId: other.vendor.id, villageId: other.village.id }, s.cert.id, 2, 'delisted'), { delistReason: 'certificate_expired' });
    await tx.run((em) => insertProducts(em, [foreignDraft, foreignDown]));
    await tx.run((em) => events.emit(em, Events.CertificateExpired, { certificateId: s.cert.id, vendorId: s.vendor.id, at: '' }, null));
    const renewedId = randomUUID();
    await tx.run((em) => events.emit(em, Events.CertificateRenewed, { oldCertificateId: s.cert.id, newCertificateId: renewedId, vendorId: s.vendor.id, stars: 5, at: '' }, admin));

    const byId = new Map((await ds.getRepository(Product).find()).map((p) => [p.id, p]));
    expect(byId.get(s.products[0].id)).toMatchObject({ certificateId: renewedId, state: 'listed' });
    expect(byId.get(foreignDraft.id)).toMatchObject({ certificateId: s.cert.id, state: 'draft' });
    expect(byId.get(foreignDown.id)).toMatchObject({ certificateId: s.cert.id, state: 'delisted', delistReason: 'certificate_expired' });
    expect(await ds.getRepository(ListingChange).findBy({ reason: 'certificate_renewed' })).toEqual([expect.objectContaining({ productId: s.products[0].id })]);
  });

  it('delists a suspended vendor and relists on re-approval what the suspension took down', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
    await listing.unpublish(vendorActor(s.vendor.id), s.products[0].id);
    await tx.run((em) => events.emit(em, Events.VendorSuspended, { vendorId: s.vendor.id, reason: 'fraud', at: '' }, admin));
    expect(await states(s.products.map((p) => p.id))).toEqual(['delisted:vendor', 'delisted:vendor_suspended']);
    await tx.run((em) => events.emit(em, Events.VendorApproved, { vendorId: s.vendor.id, at: '' }, admin));
    expect(await states(s.products.map((p) => p.id))).toEqual(['delisted:vendor', 'listed:']);
  });

  it('refuses to publish with the gate reason and answers 404 for another vendor', async () => {
    const expired = await tx.run((em) => seedVendorWithCertificate(em, { expiresAt: new Date('2026-05-31T00:00:00Z'), state: 'draft', products: 1 }));
    await expect(listing.publish(vendorActor(expired.vendor.id), expired.products[0].id)).rejects.toMatchObject({ status: 409, details: { reason: 'certificate_expired' } });
    const pending = await tx.run((em) => seedVendorWithCertificate(em, { vendorStatus: 'pending', state: 'draft', products: 1 }));
    await expect(listing.publish(vendorActor(pending.vendor.id), pending.products[0].id)).rejects.toMatchObject({ status: 409, details: { reason: 'vendor_pending' } });
    await expect(listing.publish(vendorActor(pending.vendor.id), expired.products[0].id)).rejects.toMatchObject({ status: 404 });
    const ok = await tx.run((em) => seedVendorWithCertificate(em, { state: 'draft', products: 1 }));
    const listed = await listing.publish(vendorActor(ok.vendor.id), ok.products[0].id);
    expect(listed).toMatchObject({ state: 'listed', delistReason: null });
    // Publishing again is a no-op: no second audit row.
    await listing.publish(vendorActor(ok.vendor.id), ok.products[0].id);
    expect(await ds.getRepository(ListingChange).countBy({ productId: ok.products[0].id })).toBe(1);
  });

  it('writes nothing twice when two revocations of one certificate race', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 5 }));
    const revoke = () => tx.run((em) => events.emit(em, Events.CertificateRevoked, { certificateId: s.cert.id, vendorId: s.vendor.id, reason: 'r', at: '' }, admin));
    await Promise.all([revoke(), revoke()]);
    expect(await ds.getRepository(ListingChange).count()).toBe(5);
  });
});
