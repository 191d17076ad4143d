/**
 * Fills the configured database (DATABASE_URL: SQLite file or MariaDB/MySQL) with a large,
 * realistic catalogue for measuring and trying the marketplace at scale:
 *
 *   npm run seed:scale -- --products 20000 [--seed 1] [--append] [--json]
 *
 * The rows come from `scripts/scale-catalogue.ts` (deterministic: the same seed and size give the
 * same rows on the same day, ids included). Villages, vendors, certificates and products are
 * written in one transaction with batch inserts, products as the vendors' publications leave
 * them (listed, with their audit rows). Then the catalogue's history is replayed in time order
 * through the registry's own services: revocations (`CertificationService`, which delists in the
 * same transaction) and the expiry sweep (`CertificateExpiryService.expireDue`, run at each
 * certificate's expiry and once more now), so every product under a revoked or lapsed
 * certificate is delisted with its reason, audit rows and outbox events exactly as the running
 * marketplace would have left it. Last, the Meilisearch index is rebuilt when MEILI_URL is set
 * (the embedded index is built from the database when the marketplace starts).
 *
 * Refuses a database that already holds catalogue rows (demo data or an earlier seed) unless
 * `--append` is given. Exits 0 when seeded, 1 on a bad flag, a bad configuration or a refusal.
 */
import { parseArgs } from 'node:util';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { In, type EntityManager, type EntityTarget } from 'typeorm';
import { CatalogModule, ListingChange, Product, ProductIndexer, SELLABLE_SQL } from '@ocop/catalog';
import { Certificate, CertificateExpiryService, CertificationModule, CertificationService } from '@ocop/certification';
import { AppConfig, Clock, ConfigError, loadConfig, type DatabaseConfig } from '@ocop/core';
import { createInfra, InfraModule, type Infra } from '@ocop/infra';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { generateCatalogue, nothingTaken, PLACE_COUNT, SEED_ACTOR, tierOf, type PlannedRevocation, type Taken, type Tier } from './scale-catalogue';

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and MariaDB's packet size. */
const BATCH = 200;
export const MAX_PRODUCTS = 1_000_000;

/** The real time, except while the seed replays a moment of the catalogue's past. */
class HistoryClock extends Clock {
  private fixed: number | null = null;

  now(): Date {
    return new Date(this.fixed ?? Date.now());
  }

  /** Stops the clock at `moment`, or lets it run again with null. */
  travel(moment: Date | null): void {
    this.fixed = moment?.getTime() ?? null;
  }
}

/** The registry with the catalogue's reactions to revocation and expiry, over the process's infrastructure. */
@Module({})
class SeedScaleModule {
  static forRoot(infra: Infra): DynamicModule {
    return { module: SeedScaleModule, imports: [InfraModule.forRoot(infra), CatalogModule, CertificationModule] };
  }
}

/** The database would be mixed with rows that are already there (or seeded twice with one seed). Nothing was written. */
export class SeedRefused extends Error {}

export interface SeedScaleOptions {
  products: number;
  seed: number;
  /** Adds to a database that already holds catalogue rows instead of refusing. */
  append: boolean;
  /** The run's instant (tests); defaults to the current time. */
  now?: Date;
}

export type SeedPhase = 'write' | 'history' | 'index';

export interface SeedReport {
  database: string;
  created: { villages: number; vendors: Record<Vendor['type'], number>; certificates: Record<Tier, number>; products: number };
  /** The whole database after the run. */
  villages: { total: number; provinces: number };
  certificates: { total: number; valid: number; expired: number; revoked: number; revokedAfterLapse: number };
  products: { total: number; listed: number; sellable: number; drafts: number; delisted: Record<string, number> };
  /** The engine and how many products it holds, or null when it is built when the marketplace starts. */
  index: { engine: string; indexed: number | null };
  ms: { generate: number; write: number; history: number; index: number; total: number };
}

/** Where the catalogue goes, without a password. */
export function describeDatabase(db: DatabaseConfig): string {
  return db.type === 'sqlite' ? `sqlite:${db.path}` : `mysql://${db.host}:${db.port}/${db.database}`;
}

const chunks = <T>(xs: T[], n = BATCH): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/**
 * One multi-row INSERT of `rows` of `entity`, with each value converted by the driver as
 * TypeORM's own insert converts it (JSON, dates, booleans, transformers). TypeORM's query builder
 * spent more time naming and escaping the thousands of parameters of a batch than the database
 * spent inserting them. A column no row sets is left to its default in the schema (`updatedAt`).
 */
async function insertRows(em: EntityManager, entity: EntityTarget<object>, rows: object[]): Promise<void> {
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => rows.some((row) => c.getEntityValue(row) !== undefined));
  const params: unknown[] = [];
  for (const row of rows) {
    for (const c of columns) {
      const value: unknown = c.getEntityValue(row);
      if (value === undefined) throw new Error(`${meta.tableName}.${c.databaseName} is set on some rows of a batch and not on others`);
      params.push(driver.preparePersistentValue(value, c));
    }
  }
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await em.query(`INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`, params);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

async function existingRows(infra: Infra): Promise<{ villages: number; vendors: number; certificates: number; products: number }> {
  const em = infra.dataSource.manager;
  const [villages, vendors, certificates, products] = await Promise.all([em.count(Village), em.count(Vendor), em.count(Certificate), em.count(Product)]);
  return { villages, vendors, certificates, products };
}

/** Everything of the catalogue a generated row must not clash with. */
async function takenIn(infra: Infra): Promise<Taken> {
  const em = infra.dataSource.manager;
  const taken = nothingTaken();
  for (const v of await em.find(Village, { select: { id: true, slug: true, name: true, province: true } })) {
    taken.villages.set(`${v.name}|${v.province}`, v.id);
    taken.villageSlugs.add(v.slug);
  }
  for (const v of await em.find(Vendor, { select: { slug: true } })) taken.vendorSlugs.add(v.slug);
  for (const p of await em.find(Product, { select: { slug: true, traceCode: true } })) {
    taken.productSlugs.add(p.slug);
    taken.traceCodes.add(p.traceCode);
  }
  for (const c of await em.find(Certificate, { select: { decisionNo: true, productName: true } })) taken.certificateKeys.add(`${c.decisionNo}|${c.productName}`);
  return taken;
}

function refusal(database: string, rows: Awaited<ReturnType<typeof existingRows>>): string {
  const held = [plural(rows.products, 'product'), plural(rows.villages, 'village'), plural(rows.vendors, 'vendor'), plural(rows.certificates, 'certificate')];
  return (
    `The database ${database} already holds ${held.join(', ')} (demo data or an earlier seed). Nothing was written.\n` +
    'Point DATABASE_URL at an empty database (a new SQLite file or MariaDB database), or add --append to add the generated catalogue beside what is there.'
  );
}

/** The moments to replay, in time order: each revocation, and each instant at which certificates lapsed (revoked ones excepted). */
function history(certificates: Certificate[], revocations: PlannedRevocation[], now: number): ({ at: Date; revoke: PlannedRevocation } | { at: Date; revoke: null })[] {
  const revokedAt = new Map(revocations.map((r) => [r.certificateId, r.at.getTime()]));
  const lapses = new Set<number>();
  for (const c of certificates) {
    const expiry = c.expiresAt.getTime();
    if (expiry <= now && !((revokedAt.get(c.id) ?? Infinity) < expiry)) lapses.add(expiry);
  }
  const moments = [...[...lapses].map((ms) => ({ at: new Date(ms), revoke: null })), ...revocations.map((r) => ({ at: r.at, revoke: r }))];
  // A lapse and a later revocation in the same instant: the sweep first, as the worker runs it at expiry.
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.revoke ? 1 : 0) - (b.revoke ? 1 : 0));
}

async function summarise(infra: Infra, now: Date): Promise<Pick<SeedReport, 'villages' | 'certificates' | 'products'>> {
  const em = infra.dataSource.manager;
  const villages = await em.find(Village, { select: { province: true } });
  const certs = await em.find(Certificate, { select: { id: true, status: true, expiresAt: true, revokedAt: true } });
  const lapsedFirst = (c: Certificate) => c.status === 'revoked' && !!c.revokedAt && c.revokedAt.getTime() >= c.expiresAt.getTime();
  const states: { state: string; reason: string | null; n: number | string }[] = await em
    .createQueryBuilder(Product, 'p')
    .select(['p.state AS state', 'p.delistReason AS reason', 'COUNT(*) AS n'])
    .groupBy('p.state')
    .addGroupBy('p.delistReason')
    .getRawMany();
  const sellable: { n: number | string } | undefined = await em
    .createQueryBuilder()
    .from(Product, 'p')
    .innerJoin(Certificate, 'c', 'c.id = p.certificateId')
    .innerJoin(Vendor, 'v', 'v.id = p.vendorId')
    .where(SELLABLE_SQL, { now })
    .select('COUNT(*)', 'n')
    .getRawOne();
  const count = (pred: (s: (typeof states)[number]) => boolean) => states.filter(pred).reduce((sum, s) => sum + Number(s.n), 0);
  const delisted: Record<string, number> = {};
  for (const s of states) if (s.state === 'delisted') delisted[s.reason ?? 'unknown'] = (delisted[s.reason ?? 'unknown'] ?? 0) + Number(s.n);
  return {
    villages: { total: villages.length, provinces: new Set(villages.map((v) => v.province)).size },
    certificates: {
      total: certs.length,
      valid: certs.filter((c) => c.status === 'active' && c.expiresAt.getTime() > now.getTime()).length,
      expired: certs.filter((c) => (c.status === 'active' && c.expiresAt.getTime() <= now.getTime()) || lapsedFirst(c)).length,
      revoked: certs.filter((c) => c.status === 'revoked').length,
      revokedAfterLapse: certs.filter(lapsedFirst).length,
    },
    products: { total: count(() => true), listed: count((s) => s.state === 'listed'), sellable: Number(sellable?.n ?? 0), drafts: count((s) => s.state === 'draft'), delisted },
  };
}

/**
 * Seeds the configured database (see the module comment). Throws SeedRefused, without writing,
 * when the database holds catalogue rows and `append` is off, or when this seed's rows are
 * already there; ConfigError when the database or Meilisearch cannot be reached. Not idempotent.
 */
export async function seedScale(config: AppConfig, opts: SeedScaleOptions, onProgress: (phase: SeedPhase, done: number, total: number) => void = () => {}): Promise<SeedReport> {
  const started = performance.now();
  const clock = new HistoryClock();
  const database = describeDatabase(config.database);
  const infra = await createInfra(config, 'script', { clock });
  // The worker relays the outbox this leaves (at its start and every few seconds); relaying here
  // would only compete with the seed for the database.
  await infra.relay.close();
  try {
    const rows = await existingRows(infra);
    const empty = Object.values(rows).every((n) => n === 0);
    if (!empty && !opts.append) throw new SeedRefused(refusal(database, rows));

    let t = performance.now();
    const now = opts.now ?? new Date();
    const catalogue = generateCatalogue({ products: opts.products, seed: opts.seed, now, taken: empty ? undefined : await takenIn(infra) });
    if (!empty && (await infra.dataSource.manager.countBy(Vendor, { id: In(catalogue.vendors.slice(0, 50).map((v) => v.id)) })) > 0) {
      throw new SeedRefused(`Seed ${opts.seed} was already used on ${database} (its vendors are there). Nothing was written; choose another --seed.`);
    }
    const generateMs = performance.now() - t;

    const tables: [typeof Village | typeof Vendor | typeof Certificate | typeof Product | typeof ListingChange, object[]][] = [
      [Village, catalogue.villages],
      [Vendor, catalogue.vendors],
      [Certificate, catalogue.certificates],
      [Product, catalogue.products],
      [ListingChange, catalogue.listingChanges],
    ];
    const rowsToWrite = tables.reduce((sum, [, xs]) => sum + xs.length, 0);
    const moments = history(catalogue.certificates, catalogue.revocations, now.getTime());
    const ctx = await NestFactory.createApplicationContext(SeedScaleModule.forRoot(infra), { logger: ['error', 'warn'] });
    let writeMs = 0;
    let historyMs = 0;
    let index: SeedReport['index'];
    let indexMs = 0;
    try {
      const registry = ctx.get(CertificationService);
      const expiry = ctx.get(CertificateExpiryService);
      // One transaction: a failure leaves nothing behind, and the services' units of work join it
      // (one commit instead of one per revocation and lapse).
      await infra.tx.run(async (em) => {
        t = performance.now();
        let written = 0;
        onProgress('write', 0, rowsToWrite);
        for (const [entity, xs] of tables) {
          for (const batch of chunks(xs)) {
            await insertRows(em, entity, batch);
            written += batch.length;
            onProgress('write', written, rowsToWrite);
          }
        }
        // Without statistics SQLite plans `WHERE id IN (…) AND state = ?` (every listing change) on
        // the state index, scanning every listed product; ANALYZE lets it use the primary key. The
        // statistics stay in the file for the marketplace that runs on it. (InnoDB keeps its own.)
        if (infra.dataSource.options.type === 'better-sqlite3') await em.query('ANALYZE');
        writeMs = performance.now() - t;

        t = performance.now();
        onProgress('history', 0, moments.length + 1);
        for (const [i, m] of moments.entries()) {
          clock.travel(m.at);
          if (m.revoke) await registry.revokeValidated(SEED_ACTOR, m.revoke.certificateId, { reason: m.revoke.reason, decisionNo: m.revoke.decisionNo });
          else await expiry.expireDue();
          onProgress('history', i + 1, moments.length + 1);
        }
        clock.travel(null);
        // The listing sweep as the worker runs it: whatever lapsed between the last moment and now.
        await expiry.expireDue();
        onProgress('history', moments.length + 1, moments.length + 1);
        historyMs = performance.now() - t;
      });

      t = performance.now();
      if (infra.search.kind === 'meilisearch') {
        const indexed = await ctx.get(ProductIndexer).rebuild((done, of) => onProgress('index', done, of));
        index = { engine: infra.search.kind, indexed };
      } else {
        index = { engine: infra.search.kind, indexed: null };
      }
      indexMs = performance.now() - t;
    } finally {
      clock.travel(null);
      await ctx.close();
    }

    const byType = { cooperative: 0, enterprise: 0, household: 0 };
    for (const v of catalogue.vendors) byType[v.type] += 1;
    const tiers = { five: 0, potentialFive: 0, four: 0, three: 0 };
    for (const c of catalogue.certificates) tiers[tierOf(c)] += 1;
    return {
      database,
      created: { villages: catalogue.villages.length, vendors: byType, certificates: tiers, products: catalogue.products.length },
      ...(await summarise(infra, clock.now())),
      index,
      ms: { generate: Math.round(generateMs), write: Math.round(writeMs), history: Math.round(historyMs), index: Math.round(indexMs), total: Math.round(performance.now() - started) },
    };
  } finally {
    await infra.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Command line

const USAGE = 'usage: npm run seed:scale -- [--products <n>] [--seed <n>] [--append] [--json]   (--help for more)';
const HELP = `Fills the configured database with a large, realistic OCOP catalogue.

${USAGE}

  --products <n>  how many products (default 20000, at most ${MAX_PRODUCTS.toLocaleString('en-US')}); about 60 per vendor,
                  four or five per certificate, in ${PLACE_COUNT} craft villages
  --seed <n>      the seed of the generator (default 1): the same seed and size give the
                  same rows on the same day, ids included
  --append        add to a database that already holds villages, vendors, certificates or
                  products (by default the command refuses, so it never mixes with demo data)
  --json          print one JSON line of counts and times instead of the report
  -h, --help      this text

The database is DATABASE_URL (default sqlite:data/ocop.sqlite); with MEILI_URL set the
Meilisearch index is rebuilt at the end. Exits 0 when seeded, 1 otherwise.`;

export interface CliOptions {
  help: boolean;
  json: boolean;
  options: SeedScaleOptions;
}

/** Reads the command's flags; throws an Error naming the flag for a bad one. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        products: { type: 'string' },
        seed: { type: 'string' },
        append: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    // Node's own text suggests quoting the flag as a positional argument, which this command has none of.
    const unknown = (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']+)'/.exec((err as Error).message);
    throw unknown ? new Error(`unknown flag: ${unknown[1]}`) : err;
  }
  const { values, positionals } = parsed;
  if (positionals.length) throw new Error(`unexpected argument: ${positionals[0]}`);
  const whole = (flag: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`--${flag} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  return {
    help: !!values.help,
    json: !!values.json,
    options: { products: whole('products', values.products, 20_000, 1, MAX_PRODUCTS), seed: whole('seed', values.seed, 1, 0, 2 ** 31 - 1), append: !!values.append },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const REASONS: Record<string, string> = {
  certificate_expired: 'certificate expired',
  certificate_revoked: 'certificate revoked',
  vendor: 'by their vendor',
  admin: 'by an admin',
  vendor_suspended: 'vendor suspended',
};

function print(r: SeedReport, opts: SeedScaleOptions): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const v = r.created.vendors;
  const c = r.created.certificates;
  const delisted = Object.entries(r.products.delisted).sort(([, a], [, b]) => b - a);
  const delistedTotal = delisted.reduce((sum, [, x]) => sum + x, 0);
  console.log(`Seeded ${r.database} (seed ${opts.seed}${opts.append ? ', appended' : ''}):`);
  console.log(`  villages      ${n(r.created.villages)} new; ${n(r.villages.total)} in ${n(r.villages.provinces)} provinces in the database`);
  console.log(`  vendors       ${n(v.cooperative + v.enterprise + v.household)}: ${n(v.cooperative)} cooperatives, ${n(v.enterprise)} enterprises, ${n(v.household)} household businesses`);
  console.log(
    `  certificates  ${n(c.five + c.potentialFive + c.four + c.three)}: ${n(c.five)} five-star, ${n(c.potentialFive)} potential five-star (4★ scored 90+), ${n(c.four)} four-star, ${n(c.three)} three-star`,
  );
  console.log(
    `                in the database: ${n(r.certificates.valid)} valid, ${n(r.certificates.expired)} expired, ${n(r.certificates.revoked)} revoked (${n(r.certificates.revokedAfterLapse)} of them after lapsing)`,
  );
  console.log(
    `  products      ${n(r.created.products)} new; in the database ${n(r.products.total)}: ${n(r.products.listed)} listed (${n(r.products.sellable)} sellable now), ${n(r.products.drafts)} drafts,`,
  );
  console.log(`                ${n(delistedTotal)} delisted (${delisted.map(([why, x]) => `${n(x)} ${REASONS[why] ?? why}`).join(', ')})`);
  console.log(
    r.index.indexed === null
      ? `  search        ${r.index.engine} engine: its index is built from the database when the marketplace starts`
      : `  search        ${r.index.engine}: ${n(r.index.indexed)} sellable products indexed`,
  );
  console.log(
    `  time          ${seconds(r.ms.total)} (generating ${seconds(r.ms.generate)}, writing ${seconds(r.ms.write)}, revocations and expiries ${seconds(r.ms.history)}, search index ${seconds(r.ms.index)})`,
  );
}

async function main(argv: string[]): Promise<number> {
  let cli: CliOptions;
  try {
    cli = parseCli(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 1;
  }
  if (cli.help) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig(process.env);
  const bars: Record<SeedPhase, string> = { write: 'writing rows          ', history: 'revocations, expiries ', index: 'search index          ' };
  let bar: SingleBar | null = null;
  let phase: SeedPhase | null = null;
  const progress = (p: SeedPhase, done: number, total: number) => {
    if (cli.json) return;
    if (p !== phase) {
      bar?.stop();
      bar = new SingleBar({ format: `${bars[p]} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
      bar.start(total, done);
      phase = p;
    }
    bar!.setTotal(total);
    bar!.update(done);
  };
  if (!cli.json) console.log(`Seeding ${describeDatabase(config.database)} with ${cli.options.products.toLocaleString('en-US')} products (seed ${cli.options.seed})…`);
  try {
    const report = await seedScale(config, cli.options, progress);
    (bar as SingleBar | null)?.stop();
    if (cli.json) console.log(JSON.stringify(report));
    else print(report, cli.options);
    return 0;
  } catch (err) {
    (bar as SingleBar | null)?.stop();
    if (err instanceof SeedRefused) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

// Imported by the benchmarks and the tests, run as a command otherwise.
if (typeof require !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof ConfigError ? err.message : ((err as Error)?.stack ?? err));
      process.exit(1);
    },
  );
}
