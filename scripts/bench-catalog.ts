/**
 * Catalogue benchmarks, run by `npm run bench` (compiled to dist/scripts); the catalogue itself is
 * seeded by `scripts/seed-scale.ts`:
 *   delist <DATABASE_URL>     times revoking one certificate with 1,000 listed products;
 *   search <DATABASE_URL>     times rebuilding the embedded search index from a seeded database
 *                             and measures its memory (needs `node --expose-gc`).
 * Prints one JSON line of figures.
 */
import type { DataSource } from 'typeorm';
import { Events, loadConfig, registerInTransactionHandlers, SystemClock } from '@ocop/core';
import { DomainEvents, openDatabase, Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { CATALOG_WIRING, ListingService, Product, ProductIndexer } from '@ocop/catalog';
import { ENTITIES } from '@ocop/infra';
import { EmbeddedSearchEngine, type ProductDocument } from '@ocop/search';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { CatalogueGenerator, SEED_ACTOR } from './scale-catalogue';

const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/**
 * Rebuilds the embedded index from the database three times and measures it: the median time,
 * the heap the filled index keeps (after a full collection, against the heap before the first
 * rebuild), the highest heap seen while indexing, garbage included, and the process's peak RSS.
 */
async function searchIndex(ds: DataSource) {
  const collect = globalThis.gc;
  if (!collect) throw new Error('search needs node --expose-gc');
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  // Sampled around every batch, not only in onProgress: before the batch is added the heap also
  // holds its rows and documents, which are garbage by the time onProgress runs.
  class SampledEngine extends EmbeddedSearchEngine {
    override async upsert(docs: ProductDocument[]): Promise<void> {
      sample();
      await super.upsert(docs);
      sample();
    }
  }
  const engine = new SampledEngine();
  const indexer = new ProductIndexer(ds, engine, new SystemClock());
  collect();
  const before = process.memoryUsage().heapUsed;
  const runs: number[] = [];
  let products = 0;
  for (let r = 0; r < 3; r++) {
    // Every run starts from an empty, collected heap, as the worker's rebuild at start-up does.
    await engine.clear();
    collect();
    const t = performance.now();
    products = await indexer.rebuild(sample);
    runs.push(performance.now() - t);
  }
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  runs.sort((a, b) => a - b);
  return {
    engine: engine.kind,
    products,
    runs: runs.map(Math.round),
    medianMs: Math.round(runs[1]),
    heapBeforeMiB: mib(before),
    retainedHeapMiB: mib(retained),
    peakHeapMiB: mib(peakHeap),
    // maxRSS is in KiB on every platform Node supports.
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main(): Promise<void> {
  const [cmd, url] = process.argv.slice(2);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const ds = await openDatabase(config.database, ENTITIES);
  const tx = new Transactions(ds);
  try {
    if (cmd === 'delist') {
      const events = new DomainEvents();
      const listing = new ListingService(tx, new SystemClock());
      registerInTransactionHandlers([CATALOG_WIRING], () => listing, events);
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        // A fresh village, vendor and certificate of 1,000 listed products per run (seeds 1–5).
        const { cert, vendor } = await tx.run(async (em) => {
          const one = new CatalogueGenerator(r + 1, new Date()).oneCertificate(1000);
          await em.insert(Village, one.village);
          await em.insert(Vendor, one.vendor);
          await em.insert(Certificate, one.certificate);
          for (const ps of chunk(one.products, 200)) await em.insert(Product, ps);
          return { cert: one.certificate, vendor: one.vendor };
        });
        const t = performance.now();
        await tx.run(async (em) => {
          await em.update(Certificate, { id: cert.id }, { status: 'revoked' });
          await events.emit(em, Events.CertificateRevoked, { certificateId: cert.id, vendorId: vendor.id, reason: 'bench', at: new Date().toISOString() }, SEED_ACTOR);
        });
        runs.push(performance.now() - t);
        const left = await ds.getRepository(Product).countBy({ certificateId: cert.id, state: 'listed' });
        if (left !== 0) throw new Error(`${left} products still listed`);
      }
      runs.sort((a, b) => a - b);
      console.log(JSON.stringify({ dialect: config.database.type, products: 1000, runs: runs.map(Math.round), medianMs: Math.round(runs[2]) }));
      return;
    }
    if (cmd === 'search') {
      console.log(JSON.stringify(await searchIndex(ds)));
      return;
    }
    throw new Error('usage: bench-catalog delist <DATABASE_URL> | search <DATABASE_URL>');
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
