import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

interface StoredTask {
  uid: number;
  indexUid: string | null;
  type: string;
  enqueuedAt: string;
  failure?: { code: string; message: string };
}

/**
 * A local HTTP server that answers the few Meilisearch routes the adapter uses with response
 * shapes taken from the Meilisearch API reference, and records every request. It checks what
 * the adapter sends, not what a real server does with it: that is the job of the contract suite
 * run against a real server.
 */
export class MeilisearchHttpStandIn {
  readonly requests: RecordedRequest[] = [];
  /** Body answered to `POST /indexes/:uid/search`, or a function of the request body giving it. */
  searchResponse: Record<string, unknown> | ((body: Record<string, unknown>) => Record<string, unknown>) = {
    hits: [{ id: 'p1' }],
    query: '',
    processingTimeMs: 1,
    hitsPerPage: 20,
    page: 1,
    totalPages: 1,
    totalHits: 1,
    facetDistribution: {},
  };
  /** Ids answered, a page at a time, to `GET /indexes/:uid/documents`. */
  documentIds: string[] = [];
  private readonly tasks = new Map<number, StoredTask>();
  private readonly failures = new Map<string, { code: string; message: string }>();
  private nextUid = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<MeilisearchHttpStandIn> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://stand-in');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: raw ? JSON.parse(raw) : undefined,
        };
        standIn.requests.push(recorded);
        const [status, body] = standIn.answer(recorded);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    const standIn = new MeilisearchHttpStandIn(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Makes the next task of this type finish as `failed` with the given Meilisearch error. */
  failNextTask(type: string, code: string, message: string): void {
    this.failures.set(type, { code, message });
  }

  /** Requests other than task polling, as `METHOD /path`. */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => `${r.method} ${r.path}`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private answer(r: RecordedRequest): [number, unknown] {
    const route = `${r.method} ${r.path}`;
    let m: RegExpMatchArray | null;
    if (route === 'GET /health') return [200, { status: 'available' }];
    if (route === 'POST /indexes') return this.enqueue(String((r.body as { uid: string }).uid), 'indexCreation');
    if ((m = route.match(/^PATCH \/indexes\/([^/]+)\/settings$/))) return this.enqueue(m[1], 'settingsUpdate');
    if ((m = route.match(/^POST \/indexes\/([^/]+)\/documents$/))) return this.enqueue(m[1], 'documentAdditionOrUpdate');
    if ((m = route.match(/^POST \/indexes\/([^/]+)\/documents\/delete-batch$/))) return this.enqueue(m[1], 'documentDeletion');
    if ((m = route.match(/^DELETE \/indexes\/([^/]+)\/documents$/))) return this.enqueue(m[1], 'documentDeletion');
    if ((m = route.match(/^GET \/indexes\/([^/]+)\/documents$/))) {
      const offset = Number(r.query.offset ?? 0);
      const limit = Number(r.query.limit ?? 20);
      return [200, { results: this.documentIds.slice(offset, offset + limit).map((id) => ({ id })), offset, limit, total: this.documentIds.length }];
    }
    if ((m = route.match(/^POST \/indexes\/([^/]+)\/search$/))) {
      return [200, typeof this.searchResponse === 'function' ? this.searchResponse(r.body as Record<string, unknown>) : this.searchResponse];
    }
    if ((m = route.match(/^GET \/tasks\/(\d+)$/))) {
      const task = this.tasks.get(Number(m[1]));
      return task ? [200, this.taskView(task)] : [404, error('task_not_found', `Task \`${m[1]}\` not found.`, 'invalid_request')];
    }
    return [404, error('not_found', `no stand-in answer for ${route}`, 'invalid_request')];
  }

  private enqueue(indexUid: string, type: string): [number, unknown] {
    const task: StoredTask = { uid: this.nextUid++, indexUid, type, enqueuedAt: new Date().toISOString() };
    const failure = this.failures.get(type);
    if (failure) {
      task.failure = failure;
      this.failures.delete(type);
    }
    this.tasks.set(task.uid, task);
    return [202, { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt }];
  }

  private taskView(task: StoredTask): unknown {
    return {
      uid: task.uid,
      batchUid: task.uid,
      indexUid: task.indexUid,
      status: task.failure ? 'failed' : 'succeeded',
      type: task.type,
      canceledBy: null,
      details: {},
      error: task.failure ? { ...task.failure, type: 'invalid_request', link: `https://docs.meilisearch.com/errors#${task.failure.code}` } : null,
      duration: 'PT0.001S',
      enqueuedAt: task.enqueuedAt,
      startedAt: task.enqueuedAt,
      finishedAt: task.enqueuedAt,
    };
  }
}

function error(code: string, message: string, type: string) {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}
