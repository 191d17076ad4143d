import { BullModule, getQueueToken } from '@nestjs/bull';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AccountRequestLimiter, LoginLimiter } from '@ocop/accounts';
import { AppConfig, Clock, REDIS_CLIENT } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { BullJobQueue, EventRelay, JobQueue } from '@ocop/jobs';
import { SEARCH_SERVES_CATALOGUE, SearchEngine } from '@ocop/search';
import { FileStorage, LocalDiskStorage } from '@ocop/storage';
import type { Infra } from './infra';
import { WiringCheck } from './wiring';

export const JOBS_QUEUE_NAME = 'ocop';

/**
 * Makes one process's shared infrastructure injectable in every module of an app. The job queue
 * is Bull (through @nestjs/bull) when Redis is configured, else the shared in-process queue.
 */
@Global()
@Module({})
export class InfraModule {
  static forRoot(infra: Infra): DynamicModule {
    const providers: Provider[] = [
      { provide: AppConfig, useValue: infra.config },
      { provide: Clock, useValue: infra.clock },
      { provide: DataSource, useValue: infra.dataSource },
      { provide: Transactions, useValue: infra.tx },
      { provide: SearchEngine, useValue: infra.search },
      { provide: SEARCH_SERVES_CATALOGUE, useValue: infra.searchServesCatalogue },
      { provide: FileStorage, useValue: new LocalDiskStorage(infra.config.storageDir) },
      // One per app: each app's modules register their own in-transaction handlers.
      { provide: DomainEvents, useClass: DomainEvents },
      { provide: EventRelay, useValue: infra.relay },
      // One per process, so a limit reached on one app holds on the others.
      { provide: LoginLimiter, useValue: infra.loginLimiter },
      { provide: AccountRequestLimiter, useValue: infra.requestLimiter },
    ];
    const imports: DynamicModule[] = [];
    if (infra.redis) {
      providers.push({ provide: REDIS_CLIENT, useValue: infra.redis });
      const redis = infra.config.redis!;
      imports.push(BullModule.forRoot({ url: redis.url, prefix: `${redis.prefix}:bull` } as never), BullModule.registerQueue({ name: JOBS_QUEUE_NAME }));
      providers.push({
        provide: JobQueue,
        inject: [getQueueToken(JOBS_QUEUE_NAME)],
        useFactory: (queue: Queue) => {
          const jobs = new BullJobQueue(queue);
          infra.attachJobs(jobs);
          return jobs;
        },
      });
    } else {
      providers.push({ provide: JobQueue, useValue: infra.inProcessJobs });
    }
    return { module: InfraModule, imports, providers: [...providers, WiringCheck], exports: [...providers.map((p) => (p as { provide: unknown }).provide as never), WiringCheck, ...imports] };
  }
}
