import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ProductIndexer, registerCatalogJobs } from '@ocop/catalog';
import { CertificateExpiryService, CertificateProducts, registerCertificationJobs } from '@ocop/certification';
import { SearchEngine } from '@ocop/search';
import { EventRelay, JobQueue, RELAY_EVENTS_JOB } from '@ocop/jobs';
import { Mailer, RELAY_OUTBOX_JOB } from '@ocop/notifications';

/** Registers every job handler and schedule, then starts processing. */
@Injectable()
export class WorkerJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly relay: EventRelay,
    private readonly certificateExpiry: CertificateExpiryService,
    private readonly indexer: ProductIndexer,
    private readonly search: SearchEngine,
    @Optional() @Inject(CertificateProducts) private readonly certificateProducts?: CertificateProducts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    Mailer.registerJobs(this.jobs, this.mailer);
    this.jobs.register(RELAY_EVENTS_JOB, async () => {
      await this.relay.relay();
      await this.relay.prune();
    });
    await this.jobs.addRepeatable(RELAY_OUTBOX_JOB, {}, { everyMs: 30_000 });
    // Events are relayed right after each commit; this catches what a crash left behind.
    await this.jobs.addRepeatable(RELAY_EVENTS_JOB, {}, { everyMs: 5_000 });
    registerCatalogJobs(this.jobs, this.indexer);
    // The embedded engine lives in memory: fill it from the database before serving.
    if (this.search.kind === 'embedded') this.logger.log(`search index rebuilt: ${await this.indexer.rebuild()} products`);
    await registerCertificationJobs(this.jobs, this.certificateExpiry, this.certificateProducts ?? null);
    await this.jobs.startProcessing({ concurrency: 4 });
    // Messages queued while no worker ran are picked up now, not only at the next relay tick.
    await this.mailer.relay(0);
    this.logger.log(`processing jobs (${this.jobs.kind})`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
