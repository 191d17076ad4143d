/**
 * Rebuilds the search index from the database (`npm run search:rebuild` after `npm run build`):
 * writes every product sellable now into the configured engine's index, then removes whatever
 * else it held, showing a progress bar; searches keep answering meanwhile. Useful for Meilisearch
 * after a restore or a settings change; the embedded engine is rebuilt at every start anyway (by
 * the all-in-one process, or by each storefront process). With separate processes on Redis and no
 * Meilisearch, it asks every running storefront process to rebuild its own index instead.
 * Exits 1 on a bad configuration.
 */
import { Presets, SingleBar } from 'cli-progress';
import { ProductIndexer } from '@ocop/catalog';
import { ConfigError, loadConfig } from '@ocop/core';
import { catalogueIndexChannel, CatalogueIndexPublisher, createInfra } from '@ocop/infra';

async function main(): Promise<void> {
  const infra = await createInfra(loadConfig(process.env), 'script');
  const bar = new SingleBar({ format: 'indexing [{bar}] {value}/{total} products', hideCursor: true }, Presets.shades_classic);
  const started = performance.now();
  try {
    if (!infra.config.meili && infra.redis) {
      await new CatalogueIndexPublisher(infra.redis, catalogueIndexChannel(infra.config.redis!.prefix)).clear();
      console.log('asked every storefront process to rebuild its own search index from the database');
      return;
    }
    let begun = false;
    const n = await new ProductIndexer(infra.dataSource, infra.search, infra.clock).rebuild((done, total) => {
      if (!begun) bar.start(total, 0);
      begun = true;
      bar.update(done);
    });
    bar.stop();
    console.log(`${infra.search.kind}: indexed ${n} sellable products in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await infra.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
