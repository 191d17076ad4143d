import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ListingChange, Product, sellability } from '@ocop/catalog';
import { Certificate, defaultExpiry, effectiveStatus } from '@ocop/certification';
import { loadConfig, projectRoot, type AppConfig } from '@ocop/core';
import { DomainEventRecord, openDatabase } from '@ocop/database';
import { ENTITIES } from '@ocop/infra';
import { createMysqlDatabase, createSqliteDatabase, describeMysql } from '@ocop/testing';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { MeilisearchHttpStandIn } from '../../libs/search/test/meilisearch-http-stand-in';
import { parseCli, SeedRefused, seedScale, type SeedReport } from '../../scripts/seed-scale';
import { tierOf, tierQuotas } from '../../scripts/scale-catalogue';

jest.setTimeout(180_000);

const PRODUCTS = 300;
const SEED = 5;
// One instant for every run, so that two runs of one seed place their dates alike.
const NOW = new Date();

type Fresh = { url: string; drop(): Promise<void> };
const fresh = {
  sqlite: async (): Promise<Fresh> => ({ url: (await createSqliteDatabase()).url, drop: async () => {} }),
  mysql: async (): Promise<Fresh> => {
    const db = await createMysqlDatabase('seed');
    return { url: db.url, drop: () => db.drop() };
  },
};

const configFor = (url: string, env: Record<string, string> = {}): AppConfig => loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', ...env });

async function rows(ds: DataSource) {
  const [products, certificates, vendors, villages] = await Promise.all([
    ds.getRepository(Product).find({ order: { id: 'ASC' } }),
    ds.getRepository(Certificate).find({ order: { id: 'ASC' } }),
    ds.getRepository(Vendor).find({ order: { id: 'ASC' } }),
    ds.getRepository(Village).find({ order: { id: 'ASC' } }),
  ]);
  return { products, certificates, vendors, villages };
}

function seedScaleSuite(dialect: 'sqlite' | 'mysql') {
  const dbs: Fresh[] = [];
  let db: Fresh;
  let ds: DataSource;
  let report: SeedReport;
  let data: Awaited<ReturnType<typeof rows>>;

  beforeAll(async () => {
    db = await fresh[dialect]();
    dbs.push(db);
    report = await seedScale(configFor(db.url), { products: PRODUCTS, seed: SEED, append: false, now: NOW });
    ds = await openDatabase(configFor(db.url).database, ENTITIES);
    data = await rows(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    for (const d of dbs) await d.drop();
  });

  it('writes the products asked for, with their vendors, villages and certificates', () => {
    expect(data.products).toHaveLength(PRODUCTS);
    expect(report.created.products).toBe(PRODUCTS);
    expect(data.villages.length).toBeGreaterThanOrEqual(40);
    expect(new Set(data.villages.map((v) => v.province)).size).toBeGreaterThanOrEqual(20);
    expect(data.vendors).toHaveLength(12);
    expect(new Set(data.vendors.map((v) => v.type))).toEqual(new Set(['cooperative', 'enterprise', 'household']));
    expect(data.certificates.length).toBeGreaterThanOrEqual(PRODUCTS / 8);
    const vendorIds = new Set(data.vendors.map((v) => v.id));
    const certs = new Map(data.certificates.map((c) => [c.id, c]));
    for (const p of data.products) {
      expect(vendorIds.has(p.vendorId)).toBe(true);
      // A product's certificate is its own vendor's.
      expect(certs.get(p.certificateId)?.vendorId).toBe(p.vendorId);
      expect(p.title).toEqual({ vi: expect.any(String), en: expect.any(String), de: expect.any(String), id: expect.any(String) });
      expect(p.description.vi).toMatch(/\p{L}/u);
      expect(p.priceVnd).toBeGreaterThan(0);
    }
    expect(report.products).toMatchObject({ total: PRODUCTS, listed: report.products.sellable });
  });

  it("gives the certificates the programme's star mix", () => {
    const n = data.certificates.length;
    const tiers = { five: 0, potentialFive: 0, four: 0, three: 0 };
    for (const c of data.certificates) tiers[tierOf(c)] += 1;
    expect(tiers).toEqual(tierQuotas(n));
    expect(tiers.four / n).toBeGreaterThan(0.4);
    expect(tiers.four / n).toBeLessThan(0.5);
    expect(tiers.three / n).toBeGreaterThan(0.49);
    expect(tiers.five + tiers.potentialFive).toBeLessThanOrEqual(Math.ceil(0.008 * n) + 1);
    // Five stars come from the ministry; a potential five-star product holds a provincial 4★ certificate scored 90+.
    for (const c of data.certificates.filter((x) => x.stars === 5)) expect(c.level).toBe('national');
    for (const c of data.certificates.filter((x) => tierOf(x) === 'potentialFive')) expect(c).toMatchObject({ stars: 4, level: 'provincial' });
    expect(data.certificates.filter((c) => c.level === 'district').every((c) => c.stars === 3 && c.decisionDate < '2025-07-06')).toBe(true);
  });

  it('spreads the decisions over the last 40 months, so that some certificates have lapsed and some are revoked', () => {
    const statuses = data.certificates.map((c) => effectiveStatus(c, NOW));
    expect(statuses.filter((s) => s === 'active').length).toBeGreaterThan(data.certificates.length / 2);
    expect(statuses).toContain('expired');
    expect(statuses).toContain('revoked');
    const earliest = new Date(NOW.getTime() - 41 * 31 * 86_400_000).toISOString().slice(0, 10);
    for (const c of data.certificates) {
      expect(c.expiresAt.getTime()).toBe(defaultExpiry(c.decisionDate).getTime());
      expect(c.decisionDate >= earliest && c.decisionDate <= NOW.toISOString().slice(0, 10)).toBe(true);
    }
  });

  it('lists only products that pass the listing gate, and delists those under revoked or lapsed certificates as the services do', async () => {
    const certs = new Map(data.certificates.map((c) => [c.id, c]));
    const vendors = new Map(data.vendors.map((v) => [v.id, v]));
    const changes = await ds.getRepository(ListingChange).find({ order: { createdAt: 'ASC' } });
    const changed = new Map<string, string[]>();
    for (const ch of changes) changed.set(ch.productId, [...(changed.get(ch.productId) ?? []), ch.reason]);
    let underRevoked = 0;
    let underLapsed = 0;
    for (const p of data.products) {
      const c = certs.get(p.certificateId)!;
      const gate = sellability(p, c, vendors.get(p.vendorId)!, NOW);
      if (p.state === 'listed') expect(gate).toEqual({ sellable: true });
      const status = effectiveStatus(c, NOW);
      if (status === 'revoked' || status === 'expired') {
        expect(p.state).not.toBe('listed');
        if (p.delistReason === 'certificate_revoked') underRevoked += 1;
        if (p.delistReason === 'certificate_expired') underLapsed += 1;
        // The system's delisting is in the audit log, after the vendor's publication.
        if (p.delistReason?.startsWith('certificate_')) expect(changed.get(p.id)).toEqual(['published', p.delistReason]);
      }
      if (p.state !== 'draft') expect(changed.get(p.id)?.[0]).toBe('published');
    }
    expect(underRevoked).toBeGreaterThan(0);
    expect(underLapsed).toBeGreaterThan(0);
    // The revocations and lapses left their events in the outbox for the worker.
    const events = await ds.getRepository(DomainEventRecord).find();
    expect(events.filter((e) => e.type === 'CertificateRevoked')).toHaveLength(data.certificates.filter((c) => c.status === 'revoked').length);
    expect(events.filter((e) => e.type === 'CertificateExpired').length).toBeGreaterThan(0);
    expect(events.every((e) => e.dispatchedAt === null)).toBe(true);
  });

  it('gives the same rows, ids included, for the same seed', async () => {
    const again = await fresh[dialect]();
    dbs.push(again);
    await seedScale(configFor(again.url), { products: PRODUCTS, seed: SEED, append: false, now: NOW });
    const other = await openDatabase(configFor(again.url).database, ENTITIES);
    try {
      const second = await rows(other);
      const pick = <T extends object, K extends keyof T>(xs: T[], keys: K[]) => xs.map((x) => Object.fromEntries(keys.map((k) => [k, x[k]])));
      const productKeys: (keyof Product)[] = ['id', 'slug', 'title', 'description', 'certificateId', 'vendorId', 'priceVnd', 'stock', 'gtin', 'traceCode', 'state', 'delistReason'];
      expect(pick(second.products, productKeys)).toEqual(pick(data.products, productKeys));
      const certKeys: (keyof Certificate)[] = ['id', 'decisionNo', 'productName', 'stars', 'score', 'level', 'decisionDate', 'status', 'revokedAt'];
      expect(pick(second.certificates, certKeys)).toEqual(pick(data.certificates, certKeys));
      expect(pick(second.vendors, ['id', 'slug', 'name', 'type', 'taxCode'])).toEqual(pick(data.vendors, ['id', 'slug', 'name', 'type', 'taxCode']));
    } finally {
      await other.destroy();
    }
  });

  it('refuses a database that already holds products unless told to append, and then never with the same seed', async () => {
    const config = configFor(db.url);
    await expect(seedScale(config, { products: 10, seed: SEED + 1, append: false })).rejects.toThrow(SeedRefused);
    await expect(seedScale(config, { products: 10, seed: SEED + 1, append: false })).rejects.toThrow(/already holds 300 products.*Nothing was written[\s\S]*--append/);
    await expect(seedScale(config, { products: 10, seed: SEED, append: true })).rejects.toThrow(/Seed 5 was already used/);
    expect(await ds.getRepository(Product).count()).toBe(PRODUCTS);

    const added = await seedScale(config, { products: 10, seed: SEED + 1, append: true });
    expect(added.created).toMatchObject({ products: 10, villages: 0 });
    expect(await ds.getRepository(Product).count()).toBe(PRODUCTS + 10);
    // The new vendors sit in the villages already there.
    expect(await ds.getRepository(Village).count()).toBe(data.villages.length);
  });
}

describe('npm run seed:scale [SQLite]', () => seedScaleSuite('sqlite'));
describeMysql('npm run seed:scale', () => seedScaleSuite('mysql'));

describe('npm run seed:scale with Meilisearch configured', () => {
  let standIn: MeilisearchHttpStandIn;
  beforeAll(async () => {
    standIn = await MeilisearchHttpStandIn.start();
  });
  afterAll(() => standIn.close());

  it('rebuilds the index with every sellable product and nothing else', async () => {
    const db = await fresh.sqlite();
    const report = await seedScale(configFor(db.url, { MEILI_URL: standIn.url, MEILI_INDEX_PREFIX: 'seed_' }), { products: 60, seed: 3, append: false });
    const sent = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/indexes/seed_products/documents').flatMap((r) => r.body as { id: string }[]);
    expect(report.index).toEqual({ engine: 'meilisearch', indexed: report.products.sellable });
    expect(sent.map((d) => d.id).sort()).toHaveLength(report.products.sellable);
    const ds = await openDatabase(configFor(db.url).database, ENTITIES);
    try {
      const listed = await ds.getRepository(Product).find({ select: { id: true }, where: { state: 'listed' } });
      expect(sent.map((d) => d.id).sort()).toEqual(listed.map((p) => p.id).sort());
    } finally {
      await ds.destroy();
    }
  });
});

describe('the seed:scale command line', () => {
  it('defaults to 20,000 products of seed 1 and refuses nothing without being asked', () => {
    expect(parseCli([])).toEqual({ help: false, json: false, options: { products: 20_000, seed: 1, append: false } });
    expect(parseCli(['--products', '300', '--seed=7', '--append', '--json']).options).toEqual({ products: 300, seed: 7, append: true });
  });

  it('names the flag of a bad value', () => {
    expect(() => parseCli(['--products', '2e4'])).toThrow('--products must be a whole number from 1 to 1000000, not "2e4"');
    expect(() => parseCli(['--products', '0'])).toThrow(/--products/);
    expect(() => parseCli(['--seed', '-1'])).toThrow(/--seed|Option/);
    expect(() => parseCli(['--frobnicate'])).toThrow('unknown flag: --frobnicate');
    expect(() => parseCli(['--append=yes'])).toThrow(/--append/);
    expect(() => parseCli(['20000'])).toThrow('unexpected argument: 20000');
  });
});

const command = join(projectRoot(), 'dist/scripts/seed-scale.js');

/** Runs the compiled command until it exits (loading every module takes seconds on a loaded machine). */
function runCommand(args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

(existsSync(command) ? describe : describe.skip)('the compiled seed:scale command', () => {
  it('exits 1 naming a bad flag, with the usage', async () => {
    const db = await fresh.sqlite();
    const res = await runCommand(['--products', 'many'], db.url);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--products must be a whole number from 1 to 1000000, not "many"');
    expect(res.stderr).toContain('usage: npm run seed:scale');
    expect(res.stdout).toBe('');
    const unknown = await runCommand(['--prodcuts', '5'], db.url);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown flag: --prodcuts');
  });

  it('exits 1 on a database that holds a catalogue, and adds to it with --append, printing its figures as JSON', async () => {
    const db = await fresh.sqlite();
    await seedScale(configFor(db.url), { products: 30, seed: 11, append: false });
    const refused = await runCommand(['--products', '20'], db.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds 30 products.*Nothing was written[\s\S]*--append/);

    const added = await runCommand(['--products', '20', '--seed', '12', '--append', '--json'], db.url);
    expect(added.code).toBe(0);
    // The benchmarks read the last line of standard output.
    const report = JSON.parse(added.stdout.trim().split('\n').pop()!) as SeedReport;
    expect(report.created).toMatchObject({ products: 20, villages: 0 });
    expect(report.products.total).toBe(50);
    expect(report.products.sellable).toBeGreaterThan(0);
    expect(report.certificates.total).toBeGreaterThan(0);
    expect(Object.values(report.created.vendors).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(report.ms.total).toBeGreaterThan(0);
  });
});
