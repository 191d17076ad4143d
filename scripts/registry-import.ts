/**
 * Imports the OCOP certificate registry from a CSV file into the configured database:
 *
 *   node dist/scripts/registry-import.js <file.csv> [--apply]     (npm run registry:import -- …)
 *
 * Without --apply it previews (writes nothing). With --apply it writes in chunks, showing a
 * progress bar; revocations go through the same path as an admin's (products are delisted, the
 * vendor is told by the worker). Prints the counts and every rejected row with its line number.
 * Exits 1 when the file cannot be read or lacks required columns, 0 otherwise.
 */
import { readFileSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule, RegistryImportService, type ImportCounts } from '@ocop/certification';
import { ConfigError, loadConfig, ValidationError, type Actor } from '@ocop/core';
import { createInfra, InfraModule, type Infra } from '@ocop/infra';

/** Who the registry changes are recorded as (audit rows, events). */
const CLI_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'registry-import@localhost',
  name: 'Registry import (command line)',
  roles: ['admin'],
  vendorId: null,
  vendorRole: null,
  locale: 'en',
};

const USAGE = 'usage: node dist/scripts/registry-import.js <file.csv> [--apply]';

/** The registry with the catalogue's reactions to revocations, over the process's infrastructure. */
@Module({})
class RegistryImportModule {
  static forRoot(infra: Infra): DynamicModule {
    return { module: RegistryImportModule, imports: [InfraModule.forRoot(infra), CatalogModule, CertificationModule] };
  }
}

function report(result: ImportCounts, applied: boolean): void {
  const verb = applied ? 'Imported' : 'Preview (nothing written; add --apply to write)';
  console.log(`${verb}: ${result.created} created, ${result.updated} updated, ${result.revoked} revoked, ${result.unchanged} unchanged, ${result.rejected.length} rejected`);
  for (const r of result.rejected) console.log(`  row ${r.row}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const apply = args.includes('--apply');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || args.some((a) => a.startsWith('--') && a !== '--apply')) {
    console.error(USAGE);
    return 1;
  }
  let csv: string;
  try {
    csv = readFileSync(files[0], 'utf8');
  } catch (err) {
    console.error(`cannot read ${files[0]}: ${(err as Error).message}`);
    return 1;
  }
  const infra = await createInfra(loadConfig(), 'script');
  const ctx = await NestFactory.createApplicationContext(RegistryImportModule.forRoot(infra), { logger: ['error', 'warn'] });
  const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} rows', stream: process.stderr }, Presets.shades_classic);
  try {
    const importer = ctx.get(RegistryImportService);
    let result: ImportCounts;
    if (apply) {
      let started = false;
      result = await importer.apply(CLI_ACTOR, csv, {
        onProgress: (done, total) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
      });
      bar.stop();
    } else {
      result = await importer.preview(CLI_ACTOR, csv);
    }
    report(result, apply);
    return 0;
  } catch (err) {
    bar.stop();
    if (err instanceof ValidationError) {
      console.error(`${files[0]}: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.close();
    await infra.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : ((err as Error)?.stack ?? err));
    process.exit(1);
  },
);
