import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SearchEngine, type ProductDocument, type SearchResult } from '@ocop/search';

/** The Redis channel on which the worker names the products whose index entry changed. */
export const catalogueIndexChannel = (prefix: string): string => `${prefix}:catalogue-index`;

/** Most product ids in one message (index jobs write in batches of 1,000). */
const IDS_PER_MESSAGE = 1000;

/** A message on the channel: products to read again from the database, or "rebuild everything". */
type FeedMessage = { ids: string[] } | { rebuild: true };

/**
 * The worker's search engine when the storefront processes keep their own embedded indexes (no
 * Meilisearch, separate processes on Redis): the index jobs run as everywhere else, but what they
 * would write becomes a message naming the products, and every storefront process reads those
 * products again from the database into its own index (`CatalogueIndexFollower`). Messages carry
 * ids, not documents, so a follower always copies the database's current truth, whatever order
 * messages arrive in. It answers no searches.
 */
export class CatalogueIndexPublisher extends SearchEngine {
  readonly kind = 'feed';

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
  ) {
    super();
  }

  async ensureIndex(): Promise<void> {}

  async upsert(docs: ProductDocument[]): Promise<void> {
    await this.announce(docs.map((d) => d.id));
  }

  async remove(ids: string[]): Promise<void> {
    await this.announce(ids);
  }

  /** Asks every follower to rebuild from the database. */
  async clear(): Promise<void> {
    await this.publish({ rebuild: true });
  }

  async allIds(): Promise<string[]> {
    return [];
  }

  search(): Promise<SearchResult> {
    return Promise.reject(new Error('the worker keeps no search index: the storefront processes answer searches'));
  }

  async healthy(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  async close(): Promise<void> {}

  private async announce(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS_PER_MESSAGE) await this.publish({ ids: ids.slice(i, i + IDS_PER_MESSAGE) });
  }

  private async publish(message: FeedMessage): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(message));
  }
}

/** What a follower keeps current: the catalogue's indexer over this process's own engine. */
export interface FollowedIndex {
  /** Reads the products again from the database: upserts the sellable ones, removes the rest. */
  sync(productIds: string[]): Promise<unknown>;
  /** Fills the index with exactly the sellable products. */
  rebuild(): Promise<number>;
}

/**
 * Keeps a storefront process's own embedded index equal to the sellable catalogue: rebuilt from
 * the database at start, then every message on the channel names products read again from the
 * database. Messages that arrive while it rebuilds wait for the rebuild (so a rebuild's older read
 * never overwrites a newer change); ids arriving together are read in one go. After Redis comes
 * back from a disconnection, messages may have been missed: the index is rebuilt. A failed read is
 * logged and retried with the next message or rebuild; meanwhile every hit is still checked
 * against the listing gate before it is shown.
 */
export class CatalogueIndexFollower {
  private readonly log = new Logger('CatalogueIndex');
  private subscriber: Redis | null = null;
  private readonly pending = new Set<string>();
  private rebuildWanted = false;
  private started = false;
  private draining: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly index: FollowedIndex,
  ) {}

  /** Subscribes, then rebuilds the index; resolves with how many products it holds. */
  async start(): Promise<number> {
    const sub = this.redis.duplicate({ lazyConnect: false });
    this.subscriber = sub;
    sub.on('message', (_channel: string, raw: string) => this.receive(raw));
    sub.on('error', (err: Error) => this.log.warn(`Redis subscription: ${err.message}`));
    let subscribedOnce = false;
    sub.on('ready', () => {
      // ioredis subscribes again by itself after a reconnection; what was said meanwhile is lost.
      if (subscribedOnce && this.started) {
        this.rebuildWanted = true;
        this.kick();
      }
    });
    await sub.subscribe(this.channel);
    subscribedOnce = true;
    const count = await this.index.rebuild();
    this.started = true;
    this.kick();
    return count;
  }

  /** Resolves once every message received so far has been applied. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriber?.disconnect();
    await this.settled();
  }

  private receive(raw: string): void {
    let message: FeedMessage;
    try {
      message = JSON.parse(raw) as FeedMessage;
    } catch {
      this.log.warn('ignored a message that is not JSON');
      return;
    }
    if ('rebuild' in message) this.rebuildWanted = true;
    else if (Array.isArray(message.ids)) for (const id of message.ids) if (typeof id === 'string') this.pending.add(id);
    this.kick();
  }

  private kick(): void {
    if (!this.started || this.closed || this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.pending.size || this.rebuildWanted) this.kick();
    });
  }

  private async drain(): Promise<void> {
    try {
      if (this.rebuildWanted) {
        this.rebuildWanted = false;
        this.pending.clear();
        const n = await this.index.rebuild();
        this.log.log(`search index rebuilt: ${n} products`);
        return;
      }
      const ids = [...this.pending];
      this.pending.clear();
      if (ids.length) await this.index.sync(ids);
    } catch (err) {
      this.log.warn(`index update failed, rebuilding: ${(err as Error).message}`);
      this.rebuildWanted = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
