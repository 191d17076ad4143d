export * from './job-queue.port';
export * from './job.entity';
export * from './in-process-job-queue';
export * from './bull-job-queue';
export * from './event-relay';
export * from './jobs.wiring';
