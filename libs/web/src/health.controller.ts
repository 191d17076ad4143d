import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { databaseReachable } from '@ocop/database';
import { JobQueue } from '@ocop/jobs';
import { SearchEngine } from '@ocop/search';

async function check(probe: () => Promise<boolean>): Promise<'up' | 'down'> {
  try {
    const ok = await Promise.race([probe(), new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref())]);
    return ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/** `GET /health`: 200 when the database, the job queue and the search engine answer, else 503. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly search: SearchEngine,
  ) {}

  @Get()
  async health(@Res() reply: FastifyReply) {
    const [database, jobs, search] = await Promise.all([check(() => databaseReachable(this.dataSource)), check(() => this.jobs.healthy()), check(() => this.search.healthy())]);
    const ok = database === 'up' && jobs === 'up' && search === 'up';
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded',
      checks: {
        database: { status: database, type: this.dataSource.options.type },
        jobs: { status: jobs, type: this.jobs.kind },
        search: { status: search, type: this.search.kind },
      },
    });
  }
}
