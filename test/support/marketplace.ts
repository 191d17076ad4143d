import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { FakeClock, loadConfig, type Clock } from '@ocop/core';
import { ProductIndexer } from '@ocop/catalog';
import { createInfra, type Infra } from '@ocop/infra';
import { createSqliteDatabase, createMysqlDatabase } from '@ocop/testing';
import { createEmbedded, type Embedded } from '../../apps/worker/src/embedded-app';

export interface TestMarketplace extends Embedded {
  infra: Infra;
  close(): Promise<void>;
  /**
   * Rebuilds the search index from the database, as the worker does at start-up: for tests that
   * write catalogue rows straight into the database, past the events that keep the index in step.
   */
  reindex(): Promise<number>;
  /** Logs in through the API of the given app and returns the bearer token. */
  token(app: NestFastifyApplication, email: string, password: string): Promise<string>;
}

export const TEST_ADMIN = { email: 'admin@test.ocop.vn', password: 'Test-Admin-12345' };

/**
 * The whole marketplace in this process, as `npm start` runs it, on a fresh migrated database
 * (SQLite unless `mysql` is asked for), with the configured admin account.
 */
export async function startTestMarketplace(opts: { env?: Record<string, string>; dialect?: 'sqlite' | 'mysql'; clock?: Clock; worker?: boolean } = {}): Promise<TestMarketplace> {
  const db = opts.dialect === 'mysql' ? await createMysqlDatabase('e2e') : await createSqliteDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // Every test client registers from 127.0.0.1; suites that test the limit set their own.
    REGISTRATIONS_PER_HOUR: '1000',
    ...opts.env,
  });
  const infra = await createInfra(config, 'script', { clock: opts.clock });
  const embedded = await createEmbedded(infra, { worker: opts.worker });
  return {
    ...embedded,
    infra,
    reindex: () => new ProductIndexer(infra.dataSource, infra.search, infra.clock).rebuild(),
    async token(app, email, password) {
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      for (const c of embedded.contexts) await c.close();
      await infra.close();
      if ('drop' in db) await db.drop();
    },
  };
}

export { FakeClock };
