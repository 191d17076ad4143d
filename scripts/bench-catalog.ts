/**
 * Catalogue benchmarks, run by `npm run bench` (compiled to dist/scripts):
 *   seed <DATABASE_URL> <n>   fills a database with n products over 200 vendors and villages,
 *                             10 % under revoked and 10 % under expired certificates;
 *   delist <DATABASE_URL>     times revoking one certificate with 1,000 listed products.
 * Prints one JSON line of figures.
 */
import { randomUUID } from 'node:crypto';
import { Events, loadConfig, SystemClock, type Actor } from '@ocop/core';
import { DomainEvents, openDatabase, Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { ListingService, Product } from '@ocop/catalog';
import { ENTITIES } from '@ocop/infra';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import type { EntityManager } from 'typeorm';

const GROUPS = ['food', 'beverages', 'herbal', 'handicrafts', 'ornamentals'] as const;
const WORDS = ['Gốm', 'Lụa', 'Trà', 'Miến', 'Chả mực', 'Mật ong', 'Nón lá', 'Nước mắm', 'Bánh', 'Rượu', 'Tinh dầu', 'Mây tre'];
const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

function certificate(vendorId: string, i: number, status: 'active' | 'revoked', expiresAt: Date): Certificate {
  return Object.assign(new Certificate(), {
    id: randomUUID(), decisionNo: `${1000 + i}/QĐ-UBND`, certificateNo: null, decisionDate: '2025-01-15', issuingBody: 'UBND tỉnh', level: 'provincial',
    vendorId, productName: `Sản phẩm ${i}`, productGroup: GROUPS[i % GROUPS.length], stars: 3 + (i % 3), score: null, expiresAt, status,
    revokedAt: null, revokeReason: null, revokedByDecisionNo: null, supersedesId: null, supersededById: null, expiryProcessedAt: null,
  });
}

function product(vendorId: string, villageId: string, certificateId: string, i: number, state = 'listed'): Product {
  return Object.assign(new Product(), {
    id: randomUUID(), slug: `sp-${i}-${randomUUID().slice(0, 6)}`, vendorId, certificateId, villageId,
    title: { vi: `${WORDS[i % WORDS.length]} số ${i}`, en: `Product ${i}` }, description: { vi: 'Sản phẩm OCOP' }, productGroup: GROUPS[i % GROUPS.length],
    priceVnd: 20000 + ((i * 7919) % 2000) * 1000, stock: i % 13, weightGrams: 500, gtin: null, exportEligible: i % 4 === 0, images: [], traceability: {},
    state, delistReason: null, traceCode: randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase(), scanCount: 0, unitsSold: 0, listedAt: new Date(Date.now() - i * 1000),
  });
}

async function seed(em: EntityManager, n: number): Promise<{ villages: number; vendors: number; certificates: number; products: number }> {
  const villages: Village[] = [];
  const vendors: Vendor[] = [];
  for (let i = 0; i < 200; i++) {
    villages.push(Object.assign(new Village(), { id: randomUUID(), slug: `lang-${i}`, name: `Làng nghề ${i}`, province: 'Hà Nội', craft: 'thủ công', story: {}, networks: [], photos: [], latitude: null, longitude: null, featured: i < 5, featuredRank: i < 5 ? i + 1 : null, featuredFrom: null, featuredUntil: null }));
    vendors.push(Object.assign(new Vendor(), { id: randomUUID(), slug: `htx-${i}`, name: `HTX ${i}`, type: 'cooperative', villageId: villages[i].id, taxCode: null, address: null, status: 'approved', statusReason: null, commissionBps: 1000, contactEmail: null, approvedAt: new Date() }));
  }
  for (const c of chunk(villages, 100)) await em.insert(Village, c);
  for (const c of chunk(vendors, 100)) await em.insert(Vendor, c);
  const certs: Certificate[] = [];
  const products: Product[] = [];
  const future = new Date(Date.now() + 365 * 86400_000);
  const past = new Date(Date.now() - 86400_000);
  for (let i = 0; i < n; i++) {
    // One certificate per 10 products: a tenth revoked, a tenth expired, the rest valid.
    if (i % 10 === 0) {
      const k = certs.length;
      certs.push(certificate(vendors[k % vendors.length].id, k, k % 10 === 1 ? 'revoked' : 'active', k % 10 === 2 ? past : future));
    }
    const c = certs[certs.length - 1];
    const v = vendors.find((x) => x.id === c.vendorId)!;
    products.push(product(v.id, v.villageId, c.id, i));
  }
  for (const c of chunk(certs, 200)) await em.insert(Certificate, c);
  for (const c of chunk(products, 200)) await em.insert(Product, c);
  return { villages: villages.length, vendors: vendors.length, certificates: certs.length, products: products.length };
}

async function main(): Promise<void> {
  const [cmd, url, nArg] = process.argv.slice(2);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const ds = await openDatabase(config.database, ENTITIES);
  const tx = new Transactions(ds);
  try {
    if (cmd === 'seed') {
      const t = performance.now();
      const counts = await tx.run((em) => seed(em, Number(nArg ?? 20000)));
      console.log(JSON.stringify({ ...counts, seedMs: Math.round(performance.now() - t) }));
      return;
    }
    if (cmd === 'delist') {
      const events = new DomainEvents();
      const listing = new ListingService(ds, tx, events, new SystemClock());
      listing.onModuleInit();
      const admin: Actor = { id: randomUUID(), email: 'bench@ocop.local', name: 'bench', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'en' };
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const { cert, vendor } = await tx.run(async (em) => {
          const village = Object.assign(new Village(), { id: randomUUID(), slug: `bench-${randomUUID().slice(0, 8)}`, name: 'Bench', province: 'Hà Nội', craft: 'x', story: {}, networks: [], photos: [], latitude: null, longitude: null, featured: false, featuredRank: null, featuredFrom: null, featuredUntil: null });
          await em.insert(Village, village);
          const v = Object.assign(new Vendor(), { id: randomUUID(), slug: `bench-${randomUUID().slice(0, 8)}`, name: 'Bench', type: 'cooperative', villageId: village.id, taxCode: null, address: null, status: 'approved', statusReason: null, commissionBps: 1000, contactEmail: null, approvedAt: new Date() });
          await em.insert(Vendor, v);
          const c = certificate(v.id, 100000 + r, 'active', new Date(Date.now() + 86400_000));
          c.decisionNo = `${randomUUID().slice(0, 8)}/QĐ-UBND`;
          await em.insert(Certificate, c);
          for (const ps of chunk(Array.from({ length: 1000 }, (_, i) => product(v.id, village.id, c.id, i)), 200)) await em.insert(Product, ps);
          return { cert: c, vendor: v };
        });
        const t = performance.now();
        await tx.run(async (em) => {
          await em.update(Certificate, { id: cert.id }, { status: 'revoked' });
          await events.emit(em, Events.CertificateRevoked, { certificateId: cert.id, vendorId: vendor.id, reason: 'bench', at: new Date().toISOString() }, admin);
        });
        runs.push(performance.now() - t);
        const left = await ds.getRepository(Product).countBy({ certificateId: cert.id, state: 'listed' });
        if (left !== 0) throw new Error(`${left} products still listed`);
      }
      runs.sort((a, b) => a - b);
      console.log(JSON.stringify({ dialect: config.database.type, products: 1000, runs: runs.map(Math.round), medianMs: Math.round(runs[2]) }));
      return;
    }
    throw new Error('usage: bench-catalog seed <DATABASE_URL> <n> | delist <DATABASE_URL>');
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
