// `npm run bench`: (1) times delisting 1,000 products under one revoked certificate on SQLite and,
// when one answers on 127.0.0.1:3306, on MariaDB; (2) seeds a fresh SQLite file with 20,000
// products of 200 vendors in 40 craft villages (titles in vi/en/de/id, Vietnamese descriptions; a
// tenth under revoked and a tenth under expired certificates); (3) on that file, times rebuilding
// the embedded search index (median of 3) and measures the heap the index keeps, the peak heap
// while indexing and the process's peak RSS; (4) starts the compiled all-in-one process on it and
// measures HTTP throughput and latency (p50, p99) of the storefront list, of product search
// (`GET /api/products?q=…`: accented, unaccented, as-you-type prefixes, typos, filters, a village
// facet, and all of them mixed: alone, paced below saturation and saturated), the shared request
// path (auth guard, JSON, pages) and the cost of a login; (5) measures checkout throughput with
// concurrent shoppers on SQLite and MariaDB (scripts/bench-checkout.ts). Prints medians of several
// rounds; nothing is asserted on time (the machines are shared and noisy), but the checkout bench
// fails if a product was ever oversold.
//
// `npm run bench -- --only checkout` runs only the checkout bench (`--only catalog` only the rest).
// The MariaDB server is OCOP_TEST_MYSQL_URL, else DATABASE_URL when it is a mysql:// URL, else
// root@127.0.0.1:3306; each run gets a fresh database of its own, dropped afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEARCH_RATE = Number(process.env.BENCH_SEARCH_RATE ?? 20);
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (Number.isFinite(x) ? String(x) : `>${SECONDS * 1000}`);

async function waitHealthy(url, ms = 60000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

// At start-up the worker delists the seeded products whose certificates have expired, and each
// delisting becomes an index job: wait until the catalogue stops changing, so that the figures
// measure reads, not reads competing with that one-off burst of writes.
async function catalogueSettled(base, ms = 120000) {
  const end = Date.now() + ms;
  let last = -1;
  for (let same = 0; same < 4 && Date.now() < end;) {
    const { total } = await (await fetch(`${base}/api/products?limit=1`)).json();
    same = total === last ? same + 1 : 0;
    last = total;
    await new Promise((r) => setTimeout(r, 500));
  }
}

// autocannon stops at the deadline without waiting for the requests in flight, which the server
// still works through: wait until /health answers quickly a few times in a row, so that a round
// does not start behind the last one's backlog (seconds of it for a slow endpoint).
async function settle(origin) {
  const end = Date.now() + 60000;
  for (let quick = 0; quick < 3 && Date.now() < end;) {
    const t = performance.now();
    await fetch(`${origin}/health`)
      .then((r) => r.arrayBuffer())
      .catch(() => {});
    quick = performance.now() - t < 25 ? quick + 1 : 0;
  }
}

// With `requests`, every connection cycles through those paths in turn (one mixed load). With
// `rate`, requests are paced at that many per second over all connections (latency below
// saturation); without it every connection sends its next request as soon as the last returns.
async function load(url, headers = {}, requests = undefined, { connections = CONNECTIONS, rate = undefined } = {}) {
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    await settle(new URL(url).origin);
    const r = await autocannon({ url, connections, duration: SECONDS, headers, ...(requests ? { requests } : {}), ...(rate ? { overallRate: rate } : {}) });
    if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    // No response within the round: every request took longer than the round, not 0 ms.
    const none = r.latency.totalCount === 0;
    rounds.push({ rps: r.requests.average, p50: none ? Infinity : r.latency.p50, p99: none ? Infinity : r.latency.p99 });
  }
  return { rps: median(rounds.map((r) => r.rps)), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)) };
}

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
const seeded = catalogBench('seed', `sqlite:${join(dir, 'bench.sqlite')}`, String(PRODUCTS));
// Before the HTTP process starts, so that nothing else competes for the CPU.
const index = catalogBench('search', `sqlite:${join(dir, 'bench.sqlite')}`);
const [sf, vd, ad] = [await freePort(), await freePort(), await freePort()];
const child = spawn(process.execPath, [join(root, 'dist/apps/worker/src/embedded.js')], {
  env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`, STOREFRONT_PORT: String(sf), VENDOR_PORT: String(vd), ADMIN_PORT: String(ad), DEMO_DATA: 'true', LOG_LEVEL: 'silent' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let stopping = false;
// Otherwise a crash shows only as connection errors of the next load.
child.on('exit', (code, signal) => {
  if (!stopping) console.error(`the all-in-one process exited early (code ${code}, signal ${signal})`);
});
const stop = () => {
  stopping = true;
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

try {
  const base = `http://127.0.0.1:${sf}`;
  await waitHealthy(base);
  await catalogueSettled(base);
  const loginBody = JSON.stringify({ email: 'shopper@demo.ocop.vn', password: 'Demo-Shopper-2025' });
  const loginTimes = [];
  let token;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: loginBody });
    loginTimes.push(performance.now() - t);
    token = (await res.json()).accessToken;
  }
  header();
  console.log('\nDelisting 1,000 products under one revoked certificate (one transaction, audit rows and events included), 5 runs:');
  for (const d of delist) console.log(`  ${d.dialect.padEnd(8)} median ${d.medianMs} ms  (runs ${d.runs.join(', ')} ms)`);
  console.log(
    `\nSearch index (${index.engine} engine, ${index.products} sellable products): rebuild median ${index.medianMs} ms (runs ${index.runs.join(', ')} ms), ` +
      `retained heap ${index.retainedHeapMiB} MiB, peak heap during rebuild ${index.peakHeapMiB} MiB (${index.heapBeforeMiB} MiB before), process peak RSS ${index.peakRssMiB} MiB`,
  );
  console.log(`\nStorefront on SQLite with ${seeded.products} products, ${seeded.certificates} certificates, ${seeded.vendors} vendors (seeded in ${seeded.seedMs} ms)`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per round, median of ${ROUNDS} rounds\n`);
  const rows = [
    [`GET /api/products?limit=20 (${PRODUCTS} products, 20 % unsellable)`, await load(`${base}/api/products?limit=20`)],
    ['GET /api/products?productGroup=handicrafts&sort=price_asc&page=3', await load(`${base}/api/products?productGroup=handicrafts&sort=price_asc&page=3`)],
    ['GET /api/products?village=van-phuc&minStars=4', await load(`${base}/api/products?village=van-phuc&minStars=4`)],
    ['GET /health (DB + queue + search probes)', await load(`${base}/health`)],
    ['GET /api/auth/me (bearer token: session + user lookup)', await load(`${base}/api/auth/me`, { authorization: `Bearer ${token}` })],
    ['GET /login (Handlebars page with CSRF token)', await load(`${base}/login`)],
  ];
  console.log('endpoint'.padEnd(58), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8));
  for (const [name, r] of rows) console.log(name.padEnd(58), r.rps.toFixed(0).padStart(8), ms(r.p50).padStart(8), ms(r.p99).padStart(8));
  // Words of the seeded titles (bench-catalog.ts) as shoppers type them. Typos are one slip in a
  // word of 5+ letters, the length from which typo-tolerant engines forgive one.
  const searches = [
    ['accented', { q: 'Gốm' }],
    ['accented', { q: 'Nước mắm' }],
    ['unaccented', { q: 'gom' }],
    ['unaccented', { q: 'nuoc mam' }],
    ['prefix', { q: 'mat o' }],
    ['prefix', { q: 'tinh d' }],
    ['typo', { q: 'Sedenschal' }],
    ['typo', { q: 'vermiceli' }],
    ['filtered', { q: 'tra', minStars: 4, maxPrice: 500000 }],
    ['village', { q: 'gom', village: 'bat-trang', sort: 'price_asc' }],
  ].map(([kind, params]) => {
    const query = Object.entries(params);
    return {
      kind,
      label: `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`,
      path: `/api/products?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`,
    };
  });
  // A few requests alone first: a 400 names the bad parameter, the hit count shows what matched
  // and the median time is the latency without load.
  for (const s of searches) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${s.path}`);
      if (!res.ok) throw new Error(`${s.path}: ${res.status} ${await res.text()}`);
      s.total = (await res.json()).total;
      times.push(performance.now() - t);
    }
    s.alone = median(times);
  }
  console.log(`\nSearch through HTTP: GET /api/products?q=… on the ${PRODUCTS} products`);
  console.log(`hits: total matches; alone: median of single requests; paced: ${SEARCH_RATE} req/s over 4 connections (latency below saturation); saturated: ${CONNECTIONS} connections back to back`);
  console.log(
    'query'.padEnd(40),
    'kind'.padEnd(10),
    'hits'.padStart(6),
    'alone ms'.padStart(9),
    'paced p50'.padStart(10),
    'p99'.padStart(6),
    'saturated req/s'.padStart(16),
    'p50'.padStart(6),
    'p99'.padStart(6),
  );
  const row = (label, kind, hits, alone, paced, full) =>
    console.log(
      label.padEnd(40),
      kind.padEnd(10),
      hits.padStart(6),
      alone.padStart(9),
      ms(paced.p50).padStart(10),
      ms(paced.p99).padStart(6),
      full.rps.toFixed(0).padStart(16),
      ms(full.p50).padStart(6),
      ms(full.p99).padStart(6),
    );
  const both = async (requests) => [await load(`${base}/api/products`, {}, requests, { connections: 4, rate: SEARCH_RATE }), await load(`${base}/api/products`, {}, requests)];
  for (const s of searches) row(s.label, s.kind, String(s.total), s.alone.toFixed(0), ...(await both([{ method: 'GET', path: s.path }])));
  row(`mixed: the ${searches.length} above in turn`, 'mixed', '-', '-', ...(await both(searches.map((s) => ({ method: 'GET', path: s.path })))));
  console.log(`\nPOST /api/auth/login (argon2id verify + session insert), sequential: median ${median(loginTimes).toFixed(0)} ms over ${loginTimes.length} logins`);
  printCheckouts();
} finally {
  stop();
}
