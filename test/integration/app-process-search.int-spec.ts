import request from 'supertest';
import { loadConfig } from '@ocop/core';
import { createInfra, type Infra } from '@ocop/infra';
import { createSqliteDatabase, describeRedis, seedVendorWithCertificate, testRedisPrefix, testRedisUrl } from '@ocop/testing';
import { createHttpApp } from '@ocop/web';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { StorefrontModule } from '../../apps/storefront/src/storefront.module';

describeRedis('a storefront started as its own process with the embedded search engine [Redis]', () => {
  let infra: Infra;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const db = await createSqliteDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, REDIS_URL: testRedisUrl()!, REDIS_PREFIX: testRedisPrefix('appsearch') });
    infra = await createInfra(config, 'app');
    app = await createHttpApp(StorefrontModule.forRoot(infra));
  }, 30000);
  afterAll(async () => {
    await app?.close();
    await infra?.close();
  });

  it('lists from the database, since only the worker process keeps an embedded index up to date', async () => {
    expect(infra.search.kind).toBe('embedded');
    expect(infra.searchServesCatalogue).toBe(false);
    const seeded = await infra.tx.run((em) => seedVendorWithCertificate(em, { products: 2 }));
    // Nothing was indexed in this process, yet both products are listed, filters and facets included.
    const res = await request(app.getHttpServer()).get(`/api/products?village=${seeded.village.slug}&sort=price_asc`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(seeded.products.map((p) => p.id).sort());
    expect(res.body.facets.village).toEqual({ [seeded.village.slug]: 2 });
    expect((await infra.search.search({})).total).toBe(0);
  });
});
