import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@ocop/core';
import { openDatabase } from '@ocop/database';
import { ENTITIES } from '@ocop/infra';

/**
 * Test resources. The test runner (scripts/test.mjs) finds or starts MariaDB and Redis and
 * passes them as OCOP_TEST_MYSQL_URL / OCOP_TEST_REDIS_URL with a run id; every database and
 * Redis key prefix made here starts with `ocop_t_<run id>` so the runner can drop them all.
 */
export const TEST_RUN_ID = (process.env.OCOP_TEST_RUN_ID ?? `l${process.pid}`).replace(/[^a-z0-9]/gi, '').toLowerCase();
const WORKER = process.env.JEST_WORKER_ID ?? '0';
let counter = 0;

export function testMysqlServerUrl(): string | undefined {
  return process.env.OCOP_TEST_MYSQL_URL || undefined;
}

export function testRedisUrl(): string | undefined {
  return process.env.OCOP_TEST_REDIS_URL || undefined;
}

/** A unique name for this run, worker and call: `ocop_t_<run>_w<worker>_<n>_<tag>`. */
export function uniqueTestName(tag: string): string {
  counter += 1;
  return `ocop_t_${TEST_RUN_ID}_w${WORKER}_${counter}_${tag.replace(/[^a-z0-9]/gi, '').toLowerCase()}`.slice(0, 64);
}

/** A Redis key prefix of its own, removed by the runner after the run. */
export function testRedisPrefix(tag: string): string {
  return uniqueTestName(tag);
}

function serverParts(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password) };
}

/** Creates an empty MariaDB/MySQL database; `drop()` removes it. */
export async function createMysqlDatabase(tag: string): Promise<{ config: Extract<DatabaseConfig, { type: 'mysql' }>; url: string; drop(): Promise<void> }> {
  const server = testMysqlServerUrl();
  if (!server) throw new Error('OCOP_TEST_MYSQL_URL is not set');
  const s = serverParts(server);
  const database = uniqueTestName(tag);
  const conn = await createConnection(s);
  await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = `mysql://${encodeURIComponent(s.user)}:${encodeURIComponent(s.password)}@${s.host}:${s.port}/${database}`;
  return {
    url,
    config: { type: 'mysql', url, host: s.host, port: s.port, username: s.user, password: s.password, database },
    async drop() {
      const c = await createConnection(s);
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.end();
    },
  };
}

let template: string | undefined;

/** A fresh SQLite file with every migration applied (copied from a template migrated once per worker). */
export async function createSqliteDatabase(): Promise<{ config: Extract<DatabaseConfig, { type: 'sqlite' }>; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-test-'));
  if (!template || !existsSync(template)) {
    const file = join(dir, 'template.sqlite');
    const ds = await openDatabase({ type: 'sqlite', path: file }, ENTITIES);
    await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await ds.destroy();
    template = file;
  }
  const path = join(dir, 'db.sqlite');
  copyFileSync(template, path);
  return { config: { type: 'sqlite', path }, url: `sqlite:${path}` };
}

/** Opens a migrated test database of the given dialect; the caller destroys it. */
export async function openTestDatabase(dialect: 'sqlite' | 'mysql'): Promise<{ dataSource: DataSource; url: string; cleanup(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = await createSqliteDatabase();
    const dataSource = await openDatabase(db.config, ENTITIES);
    return { dataSource, url: db.url, cleanup: () => dataSource.destroy() };
  }
  const db = await createMysqlDatabase('db');
  const dataSource = await openDatabase(db.config, ENTITIES);
  return {
    dataSource,
    url: db.url,
    async cleanup() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** `describe` when a MariaDB is at hand for this run, otherwise a skipped block saying why. */
export const describeMysql = (name: string, fn: () => void) => (testMysqlServerUrl() ? describe : describe.skip)(`${name} [MariaDB${testMysqlServerUrl() ? '' : ': not available, skipped'}]`, fn);

/** `describe` when a Redis is at hand for this run, otherwise a skipped block saying why. */
export const describeRedis = (name: string, fn: () => void) => (testRedisUrl() ? describe : describe.skip)(`${name} [Redis${testRedisUrl() ? '' : ': not available, skipped'}]`, fn);
