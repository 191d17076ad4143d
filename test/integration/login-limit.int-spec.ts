import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '@ocop/core';
import { createInfra, type Infra } from '@ocop/infra';
import { createSqliteDatabase, describeRedis, testRedisPrefix, testRedisUrl } from '@ocop/testing';
import { createHttpApp } from '@ocop/web';
import { StorefrontModule } from '../../apps/storefront/src/storefront.module';
import { VendorModule } from '../../apps/vendor-portal/src/vendor.module';

const PASSWORD = 'Gốm-Bát-Tràng-2025';

describeRedis('the login limit shared in Redis by two app processes', () => {
  const infras: Infra[] = [];
  let storefront: NestFastifyApplication;
  let vendor: NestFastifyApplication;

  beforeAll(async () => {
    const db = await createSqliteDatabase();
    // Two processes as deployed: each its own infrastructure (own limiter, own Redis client), one database, one Redis prefix.
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, REDIS_URL: testRedisUrl()!, REDIS_PREFIX: testRedisPrefix('loginlimit'), TRUST_PROXY: '127.0.0.1,::1' });
    infras.push(await createInfra(config, 'app'), await createInfra(config, 'app'));
    storefront = await createHttpApp(StorefrontModule.forRoot(infras[0]));
    vendor = await createHttpApp(VendorModule.forRoot(infras[1]));
  }, 30000);
  afterAll(async () => {
    await storefront?.close();
    await vendor?.close();
    for (const infra of infras) await infra.close();
  });

  it('answers 401 to at most LOGIN_MAX_FAILURES of 29 parallel wrong passwords sent to both processes, and locks the account in both', async () => {
    expect(infras[0].loginLimiter).not.toBe(infras[1].loginLimiter);
    await request(storefront.getHttpServer()).post('/api/auth/register').send({ email: 'lan@example.vn', password: PASSWORD, name: 'Lan' }).expect(201);
    const attempts = Array.from({ length: 29 }, (_, i) =>
      request((i % 2 ? vendor : storefront).getHttpServer())
        .post('/api/auth/login')
        .set('x-forwarded-for', `198.51.100.${i}`)
        .send({ email: 'lan@example.vn', password: `wrong-password-${i}` }),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(24);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    for (const app of [storefront, vendor]) {
      const right = await request(app.getHttpServer()).post('/api/auth/login').set('x-forwarded-for', '192.0.2.1').send({ email: 'lan@example.vn', password: PASSWORD });
      expect(right.status).toBe(429);
    }
  });
});
