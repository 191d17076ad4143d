import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { registerDeclaredJobs } from '@ocop/core';
import { ProductIndexer } from '@ocop/catalog';
import { WIRINGS, WiringCheck } from '@ocop/infra';
import { SearchEngine } from '@ocop/search';
import { JobQueue } from '@ocop/jobs';
import { Mailer } from '@ocop/notifications';

/** Registers every job and schedule the libraries declare in their wiring, then starts processing. */
@Injectable()
export class WorkerJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly jobs: JobQueue,
    private readonly wiring: WiringCheck,
    private readonly mailer: Mailer,
    private readonly indexer: ProductIndexer,
    private readonly search: SearchEngine,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const names = await registerDeclaredJobs(WIRINGS, (provider) => this.wiring.find(provider), this.jobs);
    // The embedded engine lives in memory: fill it from the database before serving.
    if (this.search.kind === 'embedded') this.logger.log(`search index rebuilt: ${await this.indexer.rebuild()} products`);
    await this.jobs.startProcessing({ concurrency: 4 });
    // Messages queued while no worker ran are picked up now, not only at the next relay tick.
    await this.mailer.relay(0);
    this.logger.log(`processing jobs (${this.jobs.kind}): ${names.length} declared`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
