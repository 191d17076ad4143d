import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplicationContext } from '@nestjs/common';
import type { Infra } from '@ocop/infra';
import { createHttpApp } from '@ocop/web';
import { AdminModule } from '../../admin/src/admin.module';
import { StorefrontModule } from '../../storefront/src/storefront.module';
import { VendorModule } from '../../vendor-portal/src/vendor.module';
import { WorkerModule } from './worker.module';

export interface Embedded {
  storefront: NestFastifyApplication;
  vendor: NestFastifyApplication;
  admin: NestFastifyApplication;
  /** Absent when asked for no worker (tests that must see what happens before any job runs). */
  worker: INestApplicationContext | null;
  /** All of them, in the order they should be closed. */
  contexts: INestApplicationContext[];
}

/**
 * Builds the three apps and the worker in this process over one shared infrastructure; they are
 * initialised but not listening (the caller listens, or tests drive them with supertest).
 */
export async function createEmbedded(infra: Infra, opts: { worker?: boolean } = {}): Promise<Embedded> {
  const storefront = await createHttpApp(StorefrontModule.forRoot(infra));
  const vendor = await createHttpApp(VendorModule.forRoot(infra));
  const admin = await createHttpApp(AdminModule.forRoot(infra));
  // Creating an application context also initialises it, which starts processing jobs.
  const worker = opts.worker === false ? null : await NestFactory.createApplicationContext(WorkerModule.forRoot(infra));
  return { storefront, vendor, admin, worker, contexts: [storefront, vendor, admin, ...(worker ? [worker] : [])] };
}
