import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogModule, ProductIndexer } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { Events, loadConfig, registerDeclaredJobs } from '@ocop/core';
import { DomainEvents } from '@ocop/database';
import { createInfra, InfraModule, WiringCheck, WiringError, WIRINGS, type Infra } from '@ocop/infra';
import { NotificationsModule } from '@ocop/notifications';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { ExperiencesModule } from '@ocop/experiences';
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

  it("registers every job the libraries declare, with its schedule, and refuses a process lacking a job's provider", async () => {
    const declared = WIRINGS.flatMap((w) => w.jobs.map((j) => j.name));
    const ctx = await boot(infra, [CertificationModule, CatalogModule, OrdersModule, PaymentsModule, ExperiencesModule]);
    const wiring = ctx.get(WiringCheck);
    const calls: string[] = [];
    const queue = {
      register: (name: string) => void calls.push(`register ${name}`),
      add: async (name: string, _payload: unknown, opts?: { jobId?: string }) => (calls.push(`add ${opts?.jobId}`), name),
      addRepeatable: async (name: string, _payload: unknown, opts: { everyMs: number }) => void calls.push(`every ${opts.everyMs} ${name}`),
    };
    expect(await registerDeclaredJobs(WIRINGS, (p) => wiring.find(p), queue)).toEqual(declared);
    expect(calls.filter((c) => c.startsWith('register')).map((c) => c.slice(9))).toEqual(declared);
    expect(calls).toEqual(
      expect.arrayContaining([
        'every 5000 events.relay',
        'every 60000 certification.sweep-expired',
        'add certification.sweep-expired:start',
        'every 30000 notifications.relay-outbox',
        'every 60000 orders.expire-unpaid',
        'add orders.expire-unpaid:start',
      ]),
    );

    calls.length = 0;
    await expect(registerDeclaredJobs(WIRINGS, (p) => ((p as unknown) === ProductIndexer ? undefined : wiring.find(p)), queue)).rejects.toThrow(
      /start-up refused: no provider for the jobs search\.sync-product \(catalog, needs ProductIndexer\)/,
    );
    expect(calls).toEqual([]);
    await ctx.close();
  });
});
