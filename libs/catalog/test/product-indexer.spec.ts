import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Events, FakeClock, registerInTransactionHandlers, type Actor } from '@ocop/core';
import { CATALOG_WIRING } from '../src/catalog.wiring';
import { DomainEvents, Transactions } from '@ocop/database';
import { EmbeddedSearchEngine } from '@ocop/search';
import { openTestDatabase, seedVendorWithCertificate } from '@ocop/testing';
import { ListingService } from '../src/listing.service';
import { ProductIndexer } from '../src/product-indexer';

const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };

describe('ProductIndexer with the embedded engine on SQLite', () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let tx: Transactions;
  let events: DomainEvents;
  let search: EmbeddedSearchEngine;
  let indexer: ProductIndexer;
  const clock = new FakeClock(new Date('2026-06-01T00:00:00Z'));

  beforeEach(async () => {
    ({ dataSource: ds, cleanup } = await openTestDatabase('sqlite'));
    tx = new Transactions(ds);
    events = new DomainEvents();
    const listing = new ListingService(tx, clock);
    registerInTransactionHandlers([CATALOG_WIRING], () => listing, events);
    search = new EmbeddedSearchEngine();
    indexer = new ProductIndexer(ds, search, clock);
  });
  afterEach(() => cleanup());

  const indexed = async () => (await search.search({ limit: 100 })).ids.sort();

  it('rebuilds the index with exactly the sellable products', async () => {
    const ok = await tx.run((em) => seedVendorWithCertificate(em, { products: 3 }));
    await tx.run((em) => seedVendorWithCertificate(em, { products: 2, expiresAt: new Date('2026-05-01T00:00:00Z') }));
    await tx.run((em) => seedVendorWithCertificate(em, { products: 1, state: 'draft' }));
    await tx.run((em) => seedVendorWithCertificate(em, { products: 1, vendorStatus: 'suspended' }));
    const progress: number[] = [];
    expect(await indexer.rebuild((done) => progress.push(done))).toBe(3);
    expect(progress).toEqual([3]);
    expect(await indexed()).toEqual(ok.products.map((p) => p.id).sort());
    const hit = await search.search({ q: 'binh gom', limit: 10 });
    expect(hit.total).toBe(3);
    expect(hit.facets.stars).toEqual({ '4': 3 });
  });

  it('rebuilds without emptying the index first: what is no longer sellable goes at the end', async () => {
    const ok = await tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
    await indexer.rebuild();
    await search.upsert([{ id: 'deleted-long-ago', slug: 'x', title: { vi: 'Sản phẩm cũ' }, productGroup: 'food', stars: 3, priceVnd: 1000, inStock: true, listedAt: '2020-01-01T00:00:00.000Z' }]);
    await tx.run((em) => em.update('products', { id: ok.products[1].id }, { state: 'draft' }));
    // The embedded engine's allIds() reads its documents at the call, so these are snapshots.
    const during: Promise<string[]>[] = [];
    expect(await indexer.rebuild(() => during.push(search.allIds()))).toBe(1);
    expect((await Promise.all(during)).map((ids) => ids.sort())).toEqual([[ok.products[0].id, ok.products[1].id, 'deleted-long-ago'].sort()]);
    expect(await indexed()).toEqual([ok.products[0].id]);
  });

  it('removes the products of a revoked certificate and brings them back, with new stars, after renewal', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
    await indexer.rebuild();
    await tx.run((em) => events.emit(em, Events.CertificateRevoked, { certificateId: s.cert.id, vendorId: s.vendor.id, reason: 'r', at: '' }, admin));
    await tx.run((em) => em.update('certificates', { id: s.cert.id }, { status: 'revoked' }));
    expect(await indexer.sync(s.products.map((p) => p.id))).toEqual({ upserted: 0, removed: 2 });
    expect(await indexed()).toEqual([]);

    const renewed = { ...s.cert, id: randomUUID(), decisionNo: 'R1/QĐ-UBND', stars: 5, status: 'active', supersedesId: s.cert.id };
    await tx.run(async (em) => {
      await em.insert('certificates', renewed);
      await events.emit(em, Events.CertificateRenewed, { oldCertificateId: s.cert.id, newCertificateId: renewed.id, vendorId: s.vendor.id, stars: 5, at: '' }, admin);
    });
    expect(await indexer.syncCertificate(renewed.id)).toEqual({ upserted: 2, removed: 0 });
    expect((await search.search({ filters: { minStars: 5 }, limit: 10 })).total).toBe(2);
  });

  it('hides a product whose certificate expired even when syncing it late', async () => {
    const s = await tx.run((em) => seedVendorWithCertificate(em, { products: 1, expiresAt: new Date('2026-06-01T01:00:00Z') }));
    await indexer.rebuild();
    expect(await indexed()).toEqual([s.products[0].id]);
    clock.advance(2 * 3600_000);
    expect(await indexer.sync([s.products[0].id])).toEqual({ upserted: 0, removed: 1 });
  });
});
