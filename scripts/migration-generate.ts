/**
 * Generates a migration for each dialect from the difference between the committed migrations
 * and the entities: `npm run migration:generate -- AddThing`. The MySQL half needs a server
 * (MIGRATION_MYSQL_URL, default mysql://root@127.0.0.1:3306).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { projectRoot, type DatabaseConfig } from '@ocop/core';
import { buildDataSource, serverFlavor } from '@ocop/database';
import { ENTITIES } from '@ocop/infra';

async function diff(db: DatabaseConfig): Promise<{ up: string[]; down: string[] }> {
  const ds: DataSource = buildDataSource(db, ENTITIES, {}, db.type === 'mysql' ? await serverFlavor(db) : 'mysql');
  await ds.initialize();
  try {
    await ds.runMigrations();
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  } finally {
    await ds.destroy();
  }
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (qs: string[]) => qs.map((q) => `    await q.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(q: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

function writeIndex(dir: string, constName: string): void {
  const files = readdirSync(dir)
    .filter((f) => /^\d+-.+\.ts$/.test(f))
    .sort();
  const imports = files.map((f, i) => `import { ${classOf(f)} as M${i} } from './${f.replace(/\.ts$/, '')}';`);
  const body = `import type { MigrationInterface } from 'typeorm';\n${imports.join('\n')}\n\nexport const ${constName}: (new () => MigrationInterface)[] = [${files.map((_, i) => `M${i}`).join(', ')}];\n`;
  writeFileSync(join(dir, 'index.ts'), body);
}

function classOf(file: string): string {
  const [ts, name] = file.replace(/\.ts$/, '').split(/-(.+)/);
  return `${name}${ts}`;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- PascalCaseName');
  const ts = Date.now();
  const root = join(projectRoot(), 'libs/database/src/migrations');

  const tmp = mkdtempSync(join(tmpdir(), 'ocop-mig-'));
  const sqlite = await diff({ type: 'sqlite', path: join(tmp, 'gen.sqlite') });
  rmSync(tmp, { recursive: true, force: true });

  const server = new URL(process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const dbName = `ocop_migration_gen_${ts}`;
  const admin = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password),
  });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  let mysql: { up: string[]; down: string[] };
  try {
    mysql = await diff({
      type: 'mysql',
      url: '',
      host: server.hostname,
      port: Number(server.port || 3306),
      username: decodeURIComponent(server.username || 'root'),
      password: decodeURIComponent(server.password),
      database: dbName,
    });
  } finally {
    await admin.query(`DROP DATABASE \`${dbName}\``);
    await admin.end();
  }

  for (const [dialect, d, constName] of [
    ['sqlite', sqlite, 'SQLITE_MIGRATIONS'],
    ['mysql', mysql, 'MYSQL_MIGRATIONS'],
  ] as const) {
    if (d.up.length === 0) {
      console.log(`${dialect}: no changes`);
      continue;
    }
    const file = join(root, dialect, `${ts}-${name}.ts`);
    writeFileSync(file, render(`${name}${ts}`, d.up, d.down));
    writeIndex(join(root, dialect), constName);
    console.log(`${dialect}: ${d.up.length} statements -> ${file}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
