import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { Events, loadConfig } from '@ocop/core';
import { DomainEvents } from '@ocop/database';
import { createInfra, InfraModule, WiringError, type Infra } from '@ocop/infra';
import { NotificationsModule } from '@ocop/notifications';
import { createSqliteDatabase } from '@ocop/testing';

@Module({})
class ProcessModule {
  static forRoot(infra: Infra, modules: DynamicModule['imports']): DynamicModule {
    return { module: ProcessModule, imports: [InfraModule.forRoot(infra), NotificationsModule, ...(modules ?? [])] };
  }
}

async function boot(infra: Infra, modules: DynamicModule['imports']): Promise<INestApplicationContext> {
  const ctx = await NestFactory.createApplicationContext(ProcessModule.forRoot(infra, modules), { logger: false, abortOnError: false });
  await ctx.init();
  return ctx;
}

describe('process wiring', () => {
  let infra: Infra;

  beforeEach(async () => {
    const db = await createSqliteDatabase();
    infra = await createInfra(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), 'script');
  });

  afterEach(async () => {
    await infra.close();
  });

  it('refuses to start a process where a certificate revocation would commit without delisting its products', async () => {
    const started = boot(infra, [CertificationModule]);
    await expect(started).rejects.toThrow(WiringError);
    await expect(started).rejects.toThrow(
      /start-up refused: integrity-critical events have no in-transaction handler in this process: VendorSuspended \(emitted by vendors\) would commit without ListingService \(catalog\); CertificateRevoked \(emitted by certification\) would commit without ListingService \(catalog\)/,
    );
  });

  it('starts once the catalogue handles revocation and suspension inside the emitting transaction', async () => {
    const ctx = await boot(infra, [CertificationModule, CatalogModule]);
    const events = ctx.get(DomainEvents);
    expect([Events.CertificateRevoked, Events.VendorSuspended].map((e) => events.handles(e))).toEqual([true, true]);
    await ctx.close();
  });
});
