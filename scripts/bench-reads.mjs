// Catalogue reads for `npm run bench`: one table of throughput and latency of the storefront's
// reads on a seeded catalogue, each against the framework's own ceiling measured in the same run
// (scripts/bench-ceiling.ts: NestJS on Fastify answering a small JSON object, nothing else).
//
// Rows, each for `autocannon` with CONNECTIONS connections, SECONDS s per round, median of ROUNDS
// rounds: the ceiling; GET /health; the list (browse, 20 per page); filtered lists (four filter
// sets in turn); the product as JSON and as its HTML page (500 sellable products in turn); search
// as ten popular queries asked again and again, and as distinct queries (every request a query
// not asked before in the run, drawn from the catalogue's vocabulary: accented, unaccented, as-you-
// type prefixes, typos, in four languages, half of them with filters); the list on a catalogue
// of 2,000 products beside the same list on the full one; the storefront process's RSS now and
// at its peak after all of that load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function waitHealthy(url, child, ms = 120000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited (code ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

// At start-up the worker relays the seed's outbox (each delisting becomes an index job) and
// delists whatever lapsed since: wait until the catalogue stops changing, so that the figures
// measure reads, not reads competing with that one-off burst of writes.
export async function catalogueSettled(base, ms = 180000) {
  const end = Date.now() + ms;
  let last = -1;
  for (let same = 0; same < 4 && Date.now() < end;) {
    const { total } = await (await fetch(`${base}/api/products?limit=1`)).json();
    same = total === last ? same + 1 : 0;
    last = total;
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

// autocannon stops at the deadline without waiting for the requests in flight, which the server
// still works through: wait until a cheap request answers quickly a few times in a row, so that
// a round does not start behind the last one's backlog.
async function settle(origin, path) {
  const end = Date.now() + 60000;
  for (let quick = 0; quick < 3 && Date.now() < end;) {
    const t = performance.now();
    await fetch(`${origin}${path}`)
      .then((r) => r.arrayBuffer())
      .catch(() => {});
    quick = performance.now() - t < 25 ? quick + 1 : 0;
  }
}

/**
 * Loads `origin` with `next()` choosing each request's path (so a row can cycle through many
 * paths, or never repeat one); answers the median req/s, p50 and p99 of ROUNDS rounds.
 */
export async function load(origin, next, { settlePath = '/health' } = {}) {
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    await settle(origin, settlePath);
    const r = await autocannon({
      url: origin,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
    });
    if (r.non2xx || r.errors) throw new Error(`${origin}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    const none = r.latency.totalCount === 0;
    rounds.push({ rps: r.requests.average, p50: none ? Infinity : r.latency.p50, p99: none ? Infinity : r.latency.p99 });
  }
  return { rps: Math.round(median(rounds.map((r) => r.rps))), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)) };
}

const cycle = (paths) => {
  let i = 0;
  return () => paths[i++ % paths.length];
};

/** Resident and peak resident memory of a process, in MiB (Linux). */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return { rssMiB: null, peakMiB: null };
  }
}

// ---- Queries ----------------------------------------------------------------------------------

const unaccent = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/**
 * Query texts as shoppers type them, drawn from the words of the seeded titles
 * (scale-catalogue.words.ts): a title's first two or three words in one of the four languages,
 * accented as written, without accents, cut off mid-word (typing), with one letter slipped in a
 * word of five or more letters (a typo), or a village's name. Deterministic from `random`.
 */
export function queryTexts(words, random, count) {
  const titles = [];
  for (const kind of Object.values(words.KINDS)) for (const line of kind.lines) for (const lang of ['vi', 'en', 'de', 'id']) titles.push(line[lang]);
  const places = words.PLACES.map((p) => p.name);
  const pick = (xs) => xs[Math.floor(random.next() * xs.length)];
  const out = new Set();
  for (let guard = 0; out.size < count && guard < count * 50; guard++) {
    const form = Math.floor(random.next() * 5);
    const source = form === 4 ? pick(places) : pick(titles);
    const parts = source.split(/\s+/).filter(Boolean);
    const take = parts.slice(0, Math.min(parts.length, 1 + Math.floor(random.next() * 3)));
    let q = take.join(' ');
    if (form === 1) q = unaccent(q).toLowerCase();
    if (form === 2) {
      const last = take[take.length - 1];
      const cut = Math.max(2, Math.min(last.length - 1, 2 + Math.floor(random.next() * 3)));
      q = [...take.slice(0, -1), last.slice(0, cut)].join(' ');
    }
    if (form === 3) {
      const long = take.findIndex((w) => w.length >= 5);
      if (long < 0) continue;
      const w = take[long];
      const at = 1 + Math.floor(random.next() * (w.length - 2));
      const slip = random.next() < 0.5 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
      take[long] = slip;
      q = take.join(' ');
    }
    if (q.length >= 2) out.add(q);
  }
  return [...out];
}

/**
 * `count` search paths no two alike: each query text alone and with filters (stars, price
 * ceiling, product group, a village, a sort, the second page), shuffled.
 */
export function distinctSearches(texts, villages, random, count) {
  const groups = ['food', 'beverages', 'handicrafts', 'herbal'];
  const variants = [
    () => '',
    () => `&minStars=${3 + Math.floor(random.next() * 2)}`,
    () => `&maxPrice=${(1 + Math.floor(random.next() * 10)) * 100000}`,
    () => `&productGroup=${groups[Math.floor(random.next() * groups.length)]}`,
    () => `&village=${villages[Math.floor(random.next() * villages.length)]}`,
    () => '&sort=price_asc',
    () => '&page=2',
  ];
  const out = new Set();
  for (let guard = 0; out.size < count && guard < count * 20; guard++) {
    const q = texts[Math.floor(random.next() * texts.length)];
    const v = random.next() < 0.5 ? '' : variants[1 + Math.floor(random.next() * (variants.length - 1))]();
    out.add(`/api/products?q=${encodeURIComponent(q)}${v}`);
  }
  return [...out];
}

/** Ten queries shoppers ask most: broad words, accented and not, a prefix, a typo, a filter. */
export const POPULAR = ['Gốm', 'gom', 'Trà', 'tra', 'Nước mắm', 'mien', 'mat ong', 'Seidenschal', 'vermiceli', 'tra&minStars=4&maxPrice=500000'].map((q) => {
  const [text, ...filters] = q.split('&');
  return `/api/products?q=${encodeURIComponent(text)}${filters.length ? `&${filters.join('&')}` : ''}`;
});

// ---- The table --------------------------------------------------------------------------------

/**
 * Measures every row on one running storefront (`base`), `pid` its process for memory, and
 * answers the rows as { key, label, rps, p50, p99 } plus the memory figures. `searches` is the
 * pool of distinct search paths, consumed (never reused) across configurations.
 */
export async function readRows(base, pid, searches) {
  const sample = [];
  for (let page = 1; sample.length < 500 && page <= 20; page++) {
    const { items } = await (await fetch(`${base}/api/products?limit=50&page=${page}`)).json();
    if (!items.length) break;
    sample.push(...items.map((p) => p.slug));
  }
  if (!sample.length) throw new Error(`${base}: no products listed`);
  const villages = (await (await fetch(`${base}/api/villages`)).json()).items.map((v) => v.slug);
  const filtered = [
    '/api/products?productGroup=handicrafts&sort=price_asc&page=3',
    `/api/products?village=${villages[0]}&minStars=4`,
    '/api/products?productGroup=food&inStock=true&sort=newest',
    `/api/products?minStars=4&maxPrice=300000&village=${villages[1] ?? villages[0]}`,
  ];
  for (const path of [...filtered, ...POPULAR, `/products/${sample[0]}`, `/api/products/${sample[0]}`]) {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
  let used = 0;
  const nextDistinct = () => {
    if (used >= searches.length) throw new Error('the pool of distinct searches ran out: raise its size');
    return searches[used++];
  };
  const rows = [];
  const row = async (key, label, next, settlePath) => rows.push({ key, label, ...(await load(base, next, { settlePath })) });
  await row('health', 'GET /health (database, queue and search probes)', () => '/health');
  await row('list', 'list: GET /api/products?limit=20', () => '/api/products?limit=20');
  await row('filtered', `filtered lists: ${filtered.length} filter sets in turn`, cycle(filtered));
  await row('detailJson', `product JSON: GET /api/products/:slug, ${sample.length} products in turn`, cycle(sample.map((s) => `/api/products/${s}`)));
  await row('detailHtml', `product page: GET /products/:slug (HTML), ${sample.length} in turn`, cycle(sample.map((s) => `/products/${s}`)));
  await row('searchPopular', `search, ${POPULAR.length} popular queries asked again and again`, cycle(POPULAR));
  const before = used;
  await row('searchDistinct', 'search, distinct queries (none asked twice)', nextDistinct);
  rows[rows.length - 1].distinctAsked = used - before;
  return { rows, memory: rssOf(pid) };
}

export { cycle, join };
