import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '@ocop/core';
import { ConfigError } from '@ocop/core';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** Entity classes, glob paths or schemas, as TypeORM's `entities` option takes them. */
export type EntityList = MixedList<(abstract new (...args: never[]) => unknown) | string | EntitySchema>;

/** Builds (but does not open) the DataSource for the configured dialect, with its committed migrations. */
export function buildDataSource(db: DatabaseConfig, entities: EntityList, extra: Partial<DataSourceOptions> = {}, flavor: 'mysql' | 'mariadb' = 'mysql'): DataSource {
  if (db.type === 'sqlite') {
    const file = db.path === ':memory:' ? db.path : isAbsolute(db.path) ? db.path : resolve(process.cwd(), db.path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: file,
      entities,
      migrations: SQLITE_MIGRATIONS,
      migrationsTransactionMode: 'each',
      enableWAL: true,
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
      },
      ...extra,
    } as DataSourceOptions);
  }
  return new DataSource({
    // TypeORM compares column defaults differently on MariaDB; the right type avoids false drift.
    type: flavor,
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities,
    migrations: MYSQL_MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { connectionLimit: 20 },
    ...extra,
  } as DataSourceOptions);
}

/**
 * Opens the database and brings its schema up to date with the committed migrations.
 * Concurrent starters on a MySQL-compatible server serialise on a named lock.
 * Throws ConfigError naming DATABASE_URL when the database cannot be reached.
 */
export async function openDatabase(db: DatabaseConfig, entities: EntityList, opts: { migrate?: boolean } = {}): Promise<DataSource> {
  let ds: DataSource | undefined;
  try {
    ds = buildDataSource(db, entities, {}, db.type === 'mysql' ? await serverFlavor(db) : 'mysql');
    await ds.initialize();
  } catch (err) {
    const where = db.type === 'sqlite' ? db.path : `${db.host}:${db.port}/${db.database}`;
    throw new ConfigError([{ variable: 'DATABASE_URL', message: `cannot open ${db.type} database ${where}: ${(err as Error).message}` }]);
  }
  if (opts.migrate !== false) await migrate(ds);
  return ds;
}

/** Whether a MySQL-compatible server is MariaDB or MySQL (TypeORM needs to know). */
export async function serverFlavor(db: Extract<DatabaseConfig, { type: 'mysql' }>): Promise<'mysql' | 'mariadb'> {
  const conn = await createConnection({ host: db.host, port: db.port, user: db.username, password: db.password, connectTimeout: 5000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

/** Runs pending migrations; idempotent. */
export async function migrate(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') {
    await ds.runMigrations();
    return;
  }
  const runner = ds.createQueryRunner();
  try {
    await runner.query(`SELECT GET_LOCK('ocop_migrations', 120)`);
    await ds.runMigrations();
  } finally {
    await runner.query(`SELECT RELEASE_LOCK('ocop_migrations')`).catch(() => undefined);
    await runner.release();
  }
}

/**
 * The statements that would bring the schema in line with the entities; empty when the
 * committed migrations match the entities exactly (the drift check).
 */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

/** Whether the connection answers a trivial query; for health checks. */
export async function databaseReachable(ds: DataSource): Promise<boolean> {
  try {
    await ds.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
