import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, projectRoot } from '@ocop/core';
import { openDatabase } from '@ocop/database';
import { ENTITIES } from '@ocop/infra';
import { createMysqlDatabase, insertProducts, productRow, seedVendorWithCertificate, testMysqlServerUrl, testRedisPrefix, testRedisUrl } from '@ocop/testing';

const dist = (app: string) => join(projectRoot(), `dist/apps/${app}/src/main.js`);
const ready = !!testMysqlServerUrl() && !!testRedisUrl() && existsSync(dist('worker')) && existsSync(dist('storefront')) && existsSync(dist('admin'));

const ADMIN = { email: 'admin@example.vn', password: 'Admin-Password-2026' };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Started {
  child: ChildProcess;
  output: () => string;
}

function start(app: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [dist(app)], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  child.stdout!.on('data', (d: Buffer) => (seen += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (seen += d.toString()));
  return { child, output: () => seen };
}

async function healthy(base: string, p: Started, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (p.child.exitCode !== null) throw new Error(`process exited with ${p.child.exitCode}:\n${p.output()}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not become healthy:\n${p.output()}`);
}

type ListBody = { items: { id: string; slug: string }[]; total: number; facets: { productGroup: Record<string, number> } };

async function list(base: string, query = ''): Promise<ListBody> {
  const res = await fetch(`${base}/api/products${query}`);
  if (res.status !== 200) throw new Error(`GET /api/products${query} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ListBody;
}

const found = async (base: string, q: string) => (await list(base, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.slug).sort();

(ready ? describe : describe.skip)('storefront processes, each with its own search index fed by the worker through Redis [MariaDB + Redis]', () => {
  let db: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let ds: DataSource;
  const processes: Started[] = [];
  let storefronts: string[] = [];
  let admin = '';
  let revocable: { certId: string; slug: string };

  beforeAll(async () => {
    db = await createMysqlDatabase('sfproc');
    const [sf1, sf2, adminPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl()!,
      REDIS_PREFIX: testRedisPrefix('sfproc'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
    // The catalogue exists before the storefronts start: each fills its own index from it.
    ds = await openDatabase(loadConfig(env).database, ENTITIES);
    await ds.transaction(async (em) => {
      const pottery = await seedVendorWithCertificate(em, { products: 0 });
      const others = await seedVendorWithCertificate(em, { products: 0, vendorName: 'HTX Dệt lụa Vạn Phúc' });
      const make = (owner: typeof pottery, n: number, slug: string, title: Record<string, string>, productGroup: string) =>
        Object.assign(productRow({ vendorId: owner.vendor.id, villageId: owner.village.id }, owner.cert.id, n), { slug, title, productGroup });
      await insertProducts(em, [
        make(pottery, 1, 'gom-men-lam', { vi: 'Gốm Bát Tràng men lam', en: 'Bat Trang blue-glazed pottery' }, 'handicrafts'),
        make(others, 2, 'khan-lua', { vi: 'Khăn lụa Vạn Phúc', en: 'Van Phuc silk scarf', de: 'Seidenschal aus Vạn Phúc', id: 'Syal sutra Vạn Phúc' }, 'handicrafts'),
        make(others, 3, 'mien-dong', { vi: 'Miến dong Bình Liêu', en: 'Binh Lieu arrowroot vermicelli' }, 'food'),
        make(others, 4, 'tra-sen', { vi: 'Trà sen Tây Hồ', en: 'West Lake lotus tea', id: 'Teh teratai Danau Barat' }, 'beverages'),
      ]);
      revocable = { certId: pottery.cert.id, slug: 'gom-men-lam' };
    });
    const worker = start('worker', env);
    processes.push(worker);
    const sfs = [sf1, sf2].map((port) => ({ port, p: start('storefront', { ...env, STOREFRONT_PORT: String(port) }) }));
    processes.push(...sfs.map((s) => s.p));
    const adminProcess = start('admin', { ...env, ADMIN_PORT: String(adminPort) });
    processes.push(adminProcess);
    storefronts = sfs.map((s) => `http://127.0.0.1:${s.port}`);
    admin = `http://127.0.0.1:${adminPort}`;
    await Promise.all([...sfs.map((s, i) => healthy(storefronts[i], s.p)), healthy(admin, adminProcess)]);
    const deadline = Date.now() + 30_000;
    while (!/processing jobs \(bull\)/.test(worker.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }, 120_000);

  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => (p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : null)));
    await ds?.destroy();
    await db?.drop();
  }, 60_000);

  it('searches like the embedded default in every storefront process: accents, prefixes, typos, four languages, facets', async () => {
    for (const base of storefronts) {
      expect(await found(base, 'gom')).toEqual(['gom-men-lam']);
      expect(await found(base, 'GỐM BÁT TRÀNG')).toEqual(['gom-men-lam']);
      expect(await found(base, 'khăn lụ')).toEqual(['khan-lua']);
      expect(await found(base, 'khan lu')).toEqual(['khan-lua']);
      expect(await found(base, 'Seidenschal')).toEqual(['khan-lua']);
      expect(await found(base, 'syal sutra')).toEqual(['khan-lua']);
      expect(await found(base, 'silk scarf')).toEqual(['khan-lua']);
      expect(await found(base, 'vermiceli')).toEqual(['mien-dong']);
      expect(await found(base, 'mien')).toEqual(['mien-dong']);
      expect(await found(base, 'teh teratai')).toEqual(['tra-sen']);
      const all = await list(base);
      expect(all.total).toBe(4);
      expect(all.facets.productGroup).toEqual({ handicrafts: 2, food: 1, beverages: 1 });
      const filtered = await list(base, '?productGroup=handicrafts&q=vạn');
      expect(filtered.items.map((i) => i.slug)).toEqual(['khan-lua']);
    }
  });

  it('drops a product under a revoked certificate from the list, detail, search and facets of every process within a second', async () => {
    const login = await fetch(`${admin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const revoked = await fetch(`${admin}/api/admin/certificates/${revocable.certId}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ reason: 'Failed post-inspection', decisionNo: '77/QĐ-UBND' }),
    });
    expect(revoked.status).toBe(200);
    const at = Date.now();
    const gone = async (base: string) => {
      const [all, search, detail] = await Promise.all([list(base), found(base, 'gom'), fetch(`${base}/api/products/${revocable.slug}`)]);
      return !all.items.some((i) => i.slug === revocable.slug) && all.facets.productGroup.handicrafts === 1 && all.total === 3 && search.length === 0 && detail.status === 410;
    };
    const took: number[] = [];
    for (const base of storefronts) {
      while (!(await gone(base)) && Date.now() - at < 10_000) await new Promise((r) => setTimeout(r, 25));
      took.push(Date.now() - at);
    }
    expect(await Promise.all(storefronts.map(gone))).toEqual([true, true]);
    // Lists and searches drop it at once (every hit is checked against the listing gate); the
    // indexes and their facet counts follow through the outbox, Bull, the worker and Redis.
    expect(Math.max(...took)).toBeLessThan(1000);
  });
});
