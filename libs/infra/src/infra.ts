import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AccountRequestLimiter, LoginLimiter } from '@ocop/accounts';
import { AppConfig, Clock, ConfigError, describeConfig, subscribeRelays, SystemClock } from '@ocop/core';
import { openDatabase, Transactions } from '@ocop/database';
import { EventRelay, InProcessJobQueue, type JobQueue } from '@ocop/jobs';
import { EmbeddedSearchEngine, MeilisearchSearchEngine, type SearchEngine } from '@ocop/search';
import { CatalogueIndexFollower, catalogueIndexChannel, CatalogueIndexPublisher, type FollowedIndex } from './catalogue-index-feed';
import { ENTITIES } from './entities';
import { WIRINGS } from './wiring';

/** Which kind of process is starting: all-in-one, one HTTP app, the worker, or a command-line tool. */
export type ProcessRole = 'embedded' | 'app' | 'worker' | 'script';

/**
 * The infrastructure one process shares between its apps: one database connection (SQLite allows
 * only one writer per process), one in-process queue, one search engine, one Redis client.
 */
export interface Infra {
  config: AppConfig;
  clock: Clock;
  dataSource: DataSource;
  tx: Transactions;
  search: SearchEngine;
  /** Whether `search` follows the catalogue in this process (see `SEARCH_SERVES_CATALOGUE`). */
  searchServesCatalogue: boolean;
  /** The database-backed queue; null when Bull on Redis carries the jobs. */
  inProcessJobs: InProcessJobQueue | null;
  redis: Redis | null;
  /** Failed-login limits shared by every app of the process (and, in Redis, by every process). */
  loginLimiter: LoginLimiter;
  /** Registration and password-reset request limits, shared the same way. */
  requestLimiter: AccountRequestLimiter;
  /** Turns outbox events into jobs; one per process. */
  relay: EventRelay;
  /** Gives the relay the Bull queue once the first app of this process has created it. */
  attachJobs(queue: JobQueue): void;
  /**
   * In a storefront process that keeps its own embedded index (separate processes without
   * Meilisearch): fills the index from the database and keeps it current from the worker's
   * messages; resolves with how many products it holds. Elsewhere it does nothing and resolves with null.
   */
  followCatalogue(index: FollowedIndex): Promise<number | null>;
  close(): Promise<void>;
}

async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new ConfigError([{ variable: 'REDIS_URL', message: `cannot reach Redis: ${(err as Error).message}` }]);
  }
}

/**
 * Opens every adapter the configuration chooses, failing with the variable's name when a
 * production choice cannot connect. Separate processes without Redis are refused, since the
 * in-process queue serves one process only.
 */
export interface InfraOptions {
  clock?: Clock;
  /**
   * The process answers catalogue reads (the storefront). Without Meilisearch, such an app process
   * keeps its own embedded index, fed through Redis by the worker (`followCatalogue`).
   */
  servesCatalogue?: boolean;
}

export async function createInfra(config: AppConfig, role: ProcessRole, opts: InfraOptions = {}): Promise<Infra> {
  if ((role === 'app' || role === 'worker') && !config.redis) {
    throw new ConfigError([
      {
        variable: 'REDIS_URL',
        message: 'is required when the apps and the worker run as separate processes (the in-process queue serves one process only); use `npm start` for the all-in-one process',
      },
    ]);
  }
  const logger = new Logger('Infra');
  const clock = opts.clock ?? new SystemClock();
  const redis = config.redis ? await connectRedis(config.redis.url) : null;
  let dataSource: DataSource;
  try {
    dataSource = await openDatabase(config.database, ENTITIES);
  } catch (err) {
    redis?.disconnect();
    throw err;
  }
  const tx = new Transactions(dataSource);
  let search: SearchEngine;
  if (config.meili) {
    search = new MeilisearchSearchEngine({ url: config.meili.url, apiKey: config.meili.apiKey, indexName: `${config.meili.indexPrefix}products` });
    if (!(await search.healthy())) {
      await dataSource.destroy();
      redis?.disconnect();
      throw new ConfigError([{ variable: 'MEILI_URL', message: `Meilisearch at ${config.meili.url} does not answer` }]);
    }
  } else if (role === 'worker' && redis) {
    // Every storefront process keeps its own index; the worker's index jobs tell them what changed.
    search = new CatalogueIndexPublisher(redis, catalogueIndexChannel(config.redis!.prefix));
  } else {
    search = new EmbeddedSearchEngine();
  }
  await search.ensureIndex();
  const limiterStore = { redis, keyPrefix: config.redis?.prefix };
  const loginLimiter = new LoginLimiter({ maxFailures: config.login.maxFailures, windowSeconds: config.login.windowSeconds, ...limiterStore });
  const requestLimiter = new AccountRequestLimiter({ registrationsPerHour: config.registrationsPerHour, ...limiterStore });
  const inProcessJobs = config.redis ? null : new InProcessJobQueue(dataSource, tx, clock);
  let relayJobs: JobQueue | null = inProcessJobs;
  const relay = new EventRelay(dataSource, tx, () => relayJobs, clock);
  // The relay of any process may take any pending event, so every process knows every subscription.
  subscribeRelays(relay, WIRINGS);
  if (role !== 'script') logger.log(`${role}: ${describeConfig(config)}`);
  // An embedded index is fed by the jobs of its own process (all-in-one) or, in a storefront
  // process, by the worker's messages; an app that follows neither lists from the database.
  const follows = role === 'app' && search.kind === 'embedded' && !!opts.servesCatalogue && !!redis;
  const searchServesCatalogue = search.kind === 'meilisearch' || role === 'embedded' || role === 'script' || follows;
  let follower: CatalogueIndexFollower | null = null;
  return {
    config,
    clock,
    dataSource,
    tx,
    search,
    searchServesCatalogue,
    inProcessJobs,
    redis,
    loginLimiter,
    requestLimiter,
    relay,
    attachJobs(queue) {
      relayJobs ??= queue;
    },
    async followCatalogue(index) {
      if (!follows || follower) return null;
      follower = new CatalogueIndexFollower(redis!, catalogueIndexChannel(config.redis!.prefix), index);
      const count = await follower.start();
      logger.log(`search: this process keeps its own index of ${count} products, kept current through Redis`);
      return count;
    },
    async close() {
      await follower?.close();
      await relay.close();
      await inProcessJobs?.close();
      await search.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      redis?.disconnect();
    },
  };
}
