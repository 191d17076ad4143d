// `npm run bench`: (1) measures checkout throughput with concurrent shoppers on SQLite and
// MariaDB (scripts/bench-checkout.ts; fails if a product was ever oversold); (2) times delisting
// 1,000 products under one revoked certificate; (3) measures the framework's ceiling on this
// machine (scripts/bench-ceiling.ts); (4) for each configuration — the embedded default (one
// process, SQLite, embedded search) always, the production adapters (worker, storefront, vendor
// and admin processes on MariaDB and Redis, no Meilisearch) when both answer — seeds a fresh
// database with `npm run seed:scale`'s generator (BENCH_PRODUCTS, default 20,000), starts the
// compiled apps on it and measures the storefront's reads (scripts/bench-reads.mjs: list,
// filtered lists, product JSON and page, popular and distinct searches, /health, memory), then
// the list on a tenth of the catalogue; on the embedded one it also times rebuilding the search
// index and its memory. Prints one table (req/s, p50, p99 and the ratio to the ceiling per row
// and configuration) and writes every figure to BENCH_OUT (default bench-results.json). Medians of
// several rounds; nothing is asserted on time (the machines are shared and noisy).
//
// `npm run bench -- --only checkout` runs only the checkout bench (`--only catalog` only the rest).
// The MariaDB server is OCOP_TEST_MYSQL_URL, else DATABASE_URL when it is a mysql:// URL, else
// root@127.0.0.1:3306; each run gets a fresh database of its own, dropped afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { catalogueSettled, CONNECTIONS, distinctSearches, load, median, queryTexts, readRows, ROUNDS, SECONDS, waitHealthy } from './bench-reads.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 32);

const onlyArg = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
const ONLY = onlyArg < 0 ? null : process.argv[onlyArg].includes('=') ? process.argv[onlyArg].split('=')[1] : process.argv[onlyArg + 1];
if (ONLY !== null && ONLY !== 'checkout' && ONLY !== 'catalog') {
  console.error('usage: npm run bench [-- --only checkout|catalog]');
  process.exit(2);
}
const runs = (part) => ONLY === null || ONLY === part;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-'));
// --expose-gc: the search figures are taken after full collections.
const bench = (script, ...args) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', join(root, `dist/scripts/${script}.js`), ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop(),
  );
const catalogBench = (...args) => bench('bench-catalog', ...args);

// The MariaDB server the tests use, when one answers.
const mysqlServer = (() => {
  const env = process.env.OCOP_TEST_MYSQL_URL || (/^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : '');
  const u = new URL(env || 'mysql://root@127.0.0.1:3306');
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password) };
})();
const mysqlUrl = (db) => `mysql://${encodeURIComponent(mysqlServer.user)}${mysqlServer.password ? `:${encodeURIComponent(mysqlServer.password)}` : ''}@${mysqlServer.host}:${mysqlServer.port}/${db}`;
const mysqlConnection = () => import('mysql2/promise').then((m) => m.createConnection({ ...mysqlServer, connectTimeout: 3000 })).catch(() => null);
/** Runs `fn(url)` on a fresh MariaDB database named after `tag`, dropped afterwards; null without a server. */
async function onFreshMysql(tag, fn) {
  const mysql = await mysqlConnection();
  if (!mysql) return null;
  const db = `ocop_bench_${process.pid}_${tag}`;
  await mysql.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  try {
    return await fn(mysqlUrl(db));
  } finally {
    await mysql.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await mysql.end();
  }
}

const header = (what = 'embedded default (one process, SQLite)') => console.log(`OCOP Marketplace benchmarks: ${what}, ${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.version}`);

// Checkout with concurrent shoppers, before the HTTP process starts (nothing else competes for the CPU).
const checkouts = [];
if (runs('checkout')) {
  checkouts.push(bench('bench-checkout', `sqlite:${join(dir, 'checkout.sqlite')}`, String(SHOPPERS), String(ROUNDS)));
  const onMysql = await onFreshMysql('checkout', (url) => bench('bench-checkout', url, String(SHOPPERS), String(ROUNDS)));
  if (onMysql) checkouts.push(onMysql);
}

function printCheckouts() {
  if (!checkouts.length) return;
  const c0 = checkouts[0];
  console.log(
    `\nCheckout: the real CheckoutService in-process, ${c0.shoppers} concurrent shoppers, ${c0.checkoutsPerRound} carts per round, median of ${c0.distinct.rounds.length} rounds; fresh database each`,
  );
  console.log('  distinct: every shopper buys its own products (1 line, or 2 lines of two vendors = two sub-orders), plenty of stock');
  console.log('  hot:      all shoppers race for ONE product (1 or 2 units each); stock covers 3/4 of the demand and is refilled each round');
  console.log('  checkouts/s: placed orders per second (hot: until the last unit sold); p50/p99: latency of a placed checkout (pool wait included)');
  console.log('  reserve p99: time of the stock-reservation UPDATE as the service sees it (the row-lock wait on MariaDB, plus event-loop delay)');
  console.log('  oversold: units in order lines beyond the stock taken, or stock below 0 (checked after every round; must be 0)\n');
  console.log(
    'database'.padEnd(10),
    'scenario'.padEnd(9),
    'checkouts/s'.padStart(12),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'reserve p99'.padStart(12),
    'placed'.padStart(7),
    '409s'.padStart(6),
    'oversold'.padStart(9),
    '  rounds (checkouts/s)',
  );
  for (const c of checkouts)
    for (const [name, r] of [
      ['distinct', c.distinct],
      ['hot', c.hot],
    ])
      console.log(
        (c.dialect === 'mysql' ? 'MariaDB' : 'SQLite').padEnd(10),
        name.padEnd(9),
        String(r.checkoutsPerSecond).padStart(12),
        String(r.p50Ms).padStart(8),
        String(r.p99Ms).padStart(8),
        `${r.reserveP99Ms} ms`.padStart(12),
        String(r.placed).padStart(7),
        String(r.conflicts).padStart(6),
        String(r.oversold).padStart(9),
        `  ${r.rounds.map((x) => x.rate).join(', ')}`,
      );
  for (const c of checkouts)
    if (c.dialect === 'mysql' && c.hot.rowLocks)
      console.log(
        `\nMariaDB pool: ${c.connectionLimit} connections for ${c.shoppers} shoppers. InnoDB row-lock waits while the hot rounds ran (server-wide counters, other clients included): ` +
          `${c.hot.rowLocks.waits} waits, ${c.hot.rowLocks.waits ? Math.round(c.hot.rowLocks.timeMs / c.hot.rowLocks.waits) : 0} ms average; distinct rounds: ${c.distinct.rowLocks.waits} waits`,
      );
}

if (!runs('catalog')) {
  header('checkout only');
  printCheckouts();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const delist = [catalogBench('delist', `sqlite:${join(dir, 'delist.sqlite')}`)];
const delistMysql = await onFreshMysql('delist', (url) => catalogBench('delist', url));
if (delistMysql) delist.push(delistMysql);

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 20000);
const SMALL = Math.max(100, Math.round(PRODUCTS / 10));
/** Seeds `url` with `npm run seed:scale`'s generator and answers its report. */
const seed = (url, products) =>
  JSON.parse(
    execFileSync(process.execPath, [join(root, 'dist/scripts/seed-scale.js'), '--products', String(products), '--json'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    })
      .trim()
      .split('\n')
      .pop(),
  );

const children = new Set();
let stopping = false;
/** Starts a compiled program (`dist/<path>.js`) with `env`; stopped by `stopAll`. */
function startApp(path, env) {
  const child = spawn(process.execPath, [join(root, `dist/${path}.js`)], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  // Otherwise a crash shows only as connection errors of the next load.
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && !child.stopped) console.error(`${path} exited early (code ${code}, signal ${signal})`);
  });
  return child;
}
async function stopAll(list = [...children]) {
  await Promise.all(
    list.map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return null;
      c.stopped = true;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      return gone;
    }),
  );
}
process.on('SIGINT', () => {
  stopping = true;
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  process.exit(130);
});

// The ceiling first, alone on the machine.
const ceilingPort = await freePort();
const ceilingChild = startApp('scripts/bench-ceiling', { PORT: String(ceilingPort) });
const ceilingBase = `http://127.0.0.1:${ceilingPort}`;
for (let ok = false, end = Date.now() + 30000; !ok && Date.now() < end;)
  ok = await fetch(ceilingBase).then(
    (r) => r.ok,
    () => false,
  );
const ceiling = await load(ceilingBase, () => '/', { settlePath: '/' });
await stopAll([ceilingChild]);

// Distinct searches for both configurations, deterministic: no request repeats in the run.
const words = await import(pathToFileURL(join(root, 'dist/scripts/scale-catalogue.words.js')).href);
const { Prng } = await import(pathToFileURL(join(root, 'dist/scripts/seeded-random.js')).href);
const texts = queryTexts(words, new Prng(1, 'bench-queries'), 1000);

/**
 * One configuration: seeds `url` with PRODUCTS products, starts its processes, measures the
 * table's rows, then does the same with SMALL products for the list alone.
 */
async function configuration(name, start, fresh) {
  const result = { name };
  await fresh('full', async (url) => {
    result.seeded = seed(url, PRODUCTS);
    if (name === 'embedded') result.index = catalogBench('search', url);
    const { base, main, all } = await start(url);
    try {
      await catalogueSettled(base);
      const villages = (await (await fetch(`${base}/api/villages`)).json()).items.map((v) => v.slug);
      const searches = distinctSearches(texts, villages, new Prng(2, `bench-searches-${name}`), 40000);
      if (name === 'embedded') result.loginMs = await loginTimes(base);
      Object.assign(result, await readRows(base, main.pid, searches));
    } finally {
      await stopAll(all);
    }
  });
  await fresh('small', async (url) => {
    const small = seed(url, SMALL);
    const { base, all } = await start(url);
    try {
      await catalogueSettled(base);
      result.small = { products: small.products.total, list: await load(base, () => '/api/products?limit=20') };
    } finally {
      await stopAll(all);
    }
  });
  return result;
}

/** Median time of 15 sequential logins of the demo shopper (argon2id verify + session insert). */
async function loginTimes(base) {
  const body = JSON.stringify({ email: 'shopper@demo.ocop.vn', password: 'Demo-Shopper-2025' });
  const times = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
    times.push(performance.now() - t);
  }
  return Math.round(median(times));
}

const ports = async () => ({ STOREFRONT_PORT: String(await freePort()), VENDOR_PORT: String(await freePort()), ADMIN_PORT: String(await freePort()) });

// The embedded default: one process (storefront, vendor, admin and worker), SQLite, embedded search.
const embedded = await configuration(
  'embedded',
  async (url) => {
    const p = await ports();
    const main = startApp('apps/worker/src/embedded', { DATABASE_URL: url, DEMO_DATA: 'true', ...p });
    const base = `http://127.0.0.1:${p.STOREFRONT_PORT}`;
    await waitHealthy(base, main);
    return { base, main, all: [main] };
  },
  async (tag, fn) => fn(`sqlite:${join(dir, `${tag}.sqlite`)}`),
);

// The production adapters without Meilisearch, as the README starts them: worker, storefront,
// vendor and admin as four processes on MariaDB and Redis (each storefront keeps its own index).
const redisUrl = process.env.OCOP_TEST_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisAnswers = await import('ioredis').then(async ({ default: Redis }) => {
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
});
let production = null;
if (redisAnswers && (await mysqlConnection().then((c) => (c ? (c.end(), true) : false)))) {
  const prefix = `ocop-bench-${process.pid}`;
  production = await configuration(
    'production',
    async (url) => {
      const p = await ports();
      const env = { DATABASE_URL: url, REDIS_URL: redisUrl, REDIS_PREFIX: `${prefix}-${p.STOREFRONT_PORT}`, NODE_ENV: 'production', STORAGE_DIR: join(dir, 'uploads'), ...p };
      const worker = startApp('apps/worker/src/main', env);
      const main = startApp('apps/storefront/src/main', env);
      const others = [startApp('apps/vendor-portal/src/main', env), startApp('apps/admin/src/main', env)];
      const base = `http://127.0.0.1:${p.STOREFRONT_PORT}`;
      await waitHealthy(base, main);
      return { base, main, all: [main, ...others, worker] };
    },
    (tag, fn) => onFreshMysql(`reads_${tag}`, fn),
  );
  await import('ioredis').then(async ({ default: Redis }) => {
    const r = new Redis(redisUrl);
    const keys = await r.keys(`${prefix}-*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  });
} else {
  console.error('\nMariaDB (127.0.0.1:3306) or Redis (127.0.0.1:6379) does not answer: the production adapters are not measured.');
}
rmSync(dir, { recursive: true, force: true });

// ---- Report -----------------------------------------------------------------------------------
header('catalogue reads');
console.log('\nDelisting 1,000 products under one revoked certificate (one transaction, audit rows and events included), 5 runs:');
for (const d of delist) console.log(`  ${d.dialect.padEnd(8)} median ${d.medianMs} ms  (runs ${d.runs.join(', ')} ms)`);
const index = embedded.index;
console.log(
  `\nSearch index (${index.engine} engine, ${index.products} sellable products): rebuild median ${index.medianMs} ms (runs ${index.runs.join(', ')} ms), ` +
    `retained heap ${index.retainedHeapMiB} MiB, peak heap during rebuild ${index.peakHeapMiB} MiB (${index.heapBeforeMiB} MiB before), process peak RSS ${index.peakRssMiB} MiB`,
);
const s0 = embedded.seeded;
console.log(
  `\nCatalogue (npm run seed:scale): ${s0.products.total} products, ${s0.products.sellable} sellable, ${s0.certificates.total} certificates, ` +
    `${Object.values(s0.created.vendors).reduce((a, b) => a + b, 0)} vendors; seeded in ${s0.ms.total} ms on SQLite` +
    (production ? `, ${production.seeded.ms.total} ms on MariaDB` : ''),
);
console.log(`autocannon on the same machine: ${CONNECTIONS} connections, ${SECONDS} s per round, median of ${ROUNDS} rounds; × ceiling = req/s ÷ the ceiling's req/s\n`);
const configs = [embedded, production].filter(Boolean);
const names = { embedded: 'embedded (1 process, SQLite)', production: 'production (4 processes, MariaDB + Redis)' };
const fmt = (x) => (Number.isFinite(x) ? String(x) : `>${SECONDS * 1000}`);
const cells = (r) => [String(r.rps).padStart(7), fmt(r.p50).padStart(5), fmt(r.p99).padStart(5), (r.rps / ceiling.rps).toFixed(2).padStart(6)];
console.log(''.padEnd(62), ...configs.map((c) => names[c.name].padEnd(28)));
console.log('row'.padEnd(62), ...configs.map(() => `${'req/s'.padStart(7)} ${'p50'.padStart(5)} ${'p99'.padStart(5)} ${'×ceil'.padStart(6)}  `));
console.log('ceiling: NestJS on Fastify, GET / → {hello}'.padEnd(62), cells(ceiling).join(' '));
const table = [];
for (const key of embedded.rows.map((r) => r.key)) {
  const label = embedded.rows.find((r) => r.key === key).label;
  const byConfig = configs.map((c) => c.rows.find((r) => r.key === key));
  table.push({ key, label, ...Object.fromEntries(configs.map((c, i) => [c.name, byConfig[i]])) });
  console.log(label.slice(0, 61).padEnd(62), byConfig.map((r) => cells(r).join(' ')).join('  '));
}
const smallLabel = `list at ${embedded.small.products} products (p50 × vs full)`;
console.log(
  smallLabel.padEnd(62),
  configs
    .map((c) => {
      const full = c.rows.find((r) => r.key === 'list');
      return `${cells(c.small.list).join(' ')} p50 full/small ${(full.p50 / c.small.list.p50).toFixed(2)}`;
    })
    .join('  '),
);
console.log('\nstorefront process memory after the load (RSS now / peak):', configs.map((c) => `${c.name} ${c.memory.rssMiB} / ${c.memory.peakMiB} MiB`).join('; '));
if (embedded.loginMs) console.log(`POST /api/auth/login (argon2id verify + session insert), sequential: median ${embedded.loginMs} ms`);
const out = process.env.BENCH_OUT ?? join(root, 'bench-results.json');
writeFileSync(
  out,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      load: { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS },
      products: PRODUCTS,
      ceiling,
      rows: table,
      small: Object.fromEntries(configs.map((c) => [c.name, c.small])),
      memory: Object.fromEntries(configs.map((c) => [c.name, c.memory])),
      index,
      delist,
      checkouts,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwritten to ${out}`);
printCheckouts();
