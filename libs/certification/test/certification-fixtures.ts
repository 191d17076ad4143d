import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { User } from '@ocop/accounts';
import { CATALOG_WIRING, ListingService, Product } from '@ocop/catalog';
import { FakeClock, loadConfig, registerInTransactionHandlers, subscribeRelays, type Actor } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { EventRelay, InProcessJobQueue } from '@ocop/jobs';
import { Mailer } from '@ocop/notifications';
import { insertProducts, openTestDatabase, productRow } from '@ocop/testing';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { CertificateExpiryService } from '../src/certificate-expiry.service';
import { CertificateProducts, type CertificateProductCount } from '../src/certificate-products.port';
import { CertificationService } from '../src/certification.service';
import { CERTIFICATION_WIRING } from '../src/certification.wiring';
import { InspectionsService } from '../src/inspections.service';
import { RegistryImportService } from '../src/registry-import.service';

export const admin: Actor = { id: randomUUID(), email: 'admin@test.ocop.vn', name: 'Admin', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };
export const shopper: Actor = { ...admin, id: randomUUID(), email: 'buyer@example.vn', roles: ['shopper'] };

/** The registry's services wired by hand over a fresh SQLite database, with the catalogue reacting to events. */
export async function openRegistry(now = '2026-06-01T03:00:00Z') {
  const { dataSource: ds, cleanup } = await openTestDatabase('sqlite');
  const clock = new FakeClock(new Date(now));
  const tx = new Transactions(ds);
  const events = new DomainEvents();
  const listing = new ListingService(tx, clock);
  registerInTransactionHandlers([CATALOG_WIRING], () => listing, events);
  const jobs = new InProcessJobQueue(ds, tx, clock, { pollMs: 10 });
  const relay = new EventRelay(ds, tx, () => jobs, clock);
  subscribeRelays(relay, [CERTIFICATION_WIRING]);
  const config = loadConfig({ NODE_ENV: 'test', VENDOR_URL: 'http://vendor.test' });
  const mailer = new Mailer(tx, jobs, config, clock);
  const expiry = new CertificateExpiryService(tx, clock, events, jobs, mailer, config);
  const certification = new CertificationService(tx, clock, events, expiry);
  const inspections = new InspectionsService(tx, clock);
  const importer = new RegistryImportService(tx, clock, certification, expiry);
  return {
    ds,
    tx,
    clock,
    events,
    jobs,
    relay,
    mailer,
    expiry,
    certification,
    inspections,
    importer,
    products: new ProductCounts(ds),
    async close() {
      await relay.close();
      await jobs.close();
      await cleanup();
    },
  };
}

export type Registry = Awaited<ReturnType<typeof openRegistry>>;

/** What the catalogue answers the registry, read straight from the products table. */
export class ProductCounts extends CertificateProducts {
  constructor(private readonly ds: DataSource) {
    super();
  }
  async count(ids: string[]): Promise<Map<string, CertificateProductCount>> {
    const out = new Map<string, CertificateProductCount>();
    for (const p of await this.ds.getRepository(Product).findBy({ certificateId: In(ids) })) {
      const c = out.get(p.certificateId) ?? { total: 0, listed: 0, delisted: {} };
      c.total += 1;
      if (p.state === 'listed') c.listed += 1;
      if (p.state === 'delisted' && p.delistReason) c.delisted[p.delistReason] = (c.delisted[p.delistReason] ?? 0) + 1;
      out.set(p.certificateId, c);
    }
    return out;
  }
}

/** An approved vendor in a new village, inserted directly (the vendors library is tested elsewhere). */
export async function seedVendor(em: EntityManager, opts: { name?: string; taxCode?: string | null; status?: string } = {}) {
  const village = Object.assign(new Village(), {
    id: randomUUID(),
    slug: `lang-${randomUUID().slice(0, 8)}`,
    name: 'Bát Tràng',
    province: 'Hà Nội',
    craft: 'gốm sứ',
    story: {},
    networks: [],
    photos: [],
    latitude: null,
    longitude: null,
    featured: false,
    featuredRank: null,
    featuredFrom: null,
    featuredUntil: null,
  });
  await em.insert(Village, village);
  const vendor = Object.assign(new Vendor(), {
    id: randomUUID(),
    slug: `htx-${randomUUID().slice(0, 8)}`,
    name: opts.name ?? 'HTX Gốm Bát Tràng',
    type: 'cooperative',
    villageId: village.id,
    taxCode: opts.taxCode ?? null,
    address: null,
    status: opts.status ?? 'approved',
    statusReason: null,
    contactEmail: null,
    approvedAt: new Date(),
  });
  await em.insert(Vendor, vendor);
  return vendor;
}

/** A user working for a vendor. */
export async function seedMember(em: EntityManager, vendorId: string, opts: { email: string; role?: 'owner' | 'staff'; locale?: string; name?: string }) {
  const user = Object.assign(new User(), {
    id: randomUUID(),
    email: opts.email,
    name: opts.name ?? opts.email.split('@')[0],
    passwordHash: 'x',
    roles: 'shopper',
    vendorId,
    vendorRole: opts.role ?? 'owner',
    locale: opts.locale ?? 'vi',
    lastLoginAt: null,
  });
  await em.insert(User, user);
  return user;
}

/** Products under a certificate, listed unless told otherwise. */
export async function seedProducts(em: EntityManager, vendor: Vendor, certificateId: string, n: number, state = 'listed'): Promise<Product[]> {
  const products = Array.from({ length: n }, (_, i) => productRow({ vendorId: vendor.id, villageId: vendor.villageId }, certificateId, i, state));
  await insertProducts(em, products);
  return products;
}

export const record = (vendorId: string, over: Record<string, unknown> = {}) => ({
  decisionNo: '1032/QĐ-UBND',
  decisionDate: '2025-03-01',
  issuingBody: 'UBND thành phố Hà Nội',
  level: 'provincial',
  vendorId,
  productName: 'Bình gốm men lam',
  productGroup: 'handicrafts',
  stars: 4,
  ...over,
});

/** Waits until `check` holds (jobs run on their own timer), failing after `ms`. */
export async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
