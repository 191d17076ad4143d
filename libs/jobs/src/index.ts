export * from './job-queue.port';
export * from './job.entity';
