import fc from 'fast-check';
import {
  bearer,
  captureServerErrors,
  loadFactor,
  countDiff,
  nestRoutes,
  preview,
  requestsMade,
  send,
  stackNote,
  startWorld,
  UNKNOWN_ID,
  UNKNOWN_TOKEN,
  UNSAFE_METHODS,
  type AppName,
  type AppRoute,
  type CallerName,
  type World,
} from './harness';
import { anyString, csvBody, multipart, queryString } from './hostile';
import { jsonBody, openApiDocument, operationOf, queryValueFor, resolve, worldHints, type Body, type OpenApiDoc } from './openapi-inputs';
import { ACCESS, endsSession, type Category } from './route-access';

/** Cases per route: a new seed every run, so runs add up; `FUZZ_RUNS=1000` for a deeper look. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** One seed per run, printed, so a failure can be replayed with FUZZ_SEED. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Generous: only pathological slowness (catastrophic backtracking, quadratic parsing) exceeds it. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 3000);

/**
 * Routes fuzzed with fewer cases or a larger time budget, and why:
 * - a label PNG takes about a second to render under Jest's module sandbox (some 40 ms in plain
 *   Node), so 200 cases would take minutes; its only inputs are the product id and an ignored
 *   query string, which a dozen cases cover;
 * - the registry import parses the whole CSV before judging it, about 0.7 s a megabyte under Jest,
 *   and the fuzz sends files of up to 6 MiB.
 */
const SLOW_ROUTES: Record<string, { runs?: number; budgetMs: number }> = {
  'vendor GET /api/vendor/products/:id/qr.png': { runs: 12, budgetMs: 8000 },
  'vendor GET /products/:id/qr.png': { runs: 12, budgetMs: 8000 },
  'admin POST /api/admin/certificates/import': { budgetMs: 10_000 },
  'admin POST /certificates/import': { budgetMs: 10_000 },
};

const slow = (key: string) => (Object.hasOwn(SLOW_ROUTES, key) ? SLOW_ROUTES[key] : undefined);
const runsFor = (key: string) => Math.min(FUZZ_RUNS, slow(key)?.runs ?? FUZZ_RUNS);
const budgetFor = (key: string) => Math.round((slow(key)?.budgetMs ?? BUDGET_MS) * loadFactor());

// ---------------------------------------------------------------------------------------------
// One fuzz case: a request, and the properties every answer must have.

export interface Case {
  url: string;
  body?: Body;
}

/** A path parameter nobody would send: hostile text, malformed escapes, traversal, very long. */
export function hostilePathSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    anyString
      .filter((s) => s.length > 0 && s.length <= 300)
      .map((s) => {
        try {
          return encodeURIComponent(s);
        } catch {
          return '%ED%A0%80';
        }
      }),
    fc.constantFrom('%', '%zz', '%00', '%2F', '..', '%2e%2e', 'a%ED%A0%80', '%C0%AF', 'x'.repeat(5000), '__proto__', 'constructor'),
  );
}

export interface Stats {
  routes: string[];
  cases: number;
  /** The slowest requests of the file, slowest first, for the summary. */
  slowest: { ms: number; what: string }[];
}

function noteTime(stats: Stats, ms: number, what: () => string): void {
  if (stats.slowest.length >= 5 && ms <= stats.slowest[4].ms) return;
  stats.slowest.push({ ms, what: what() });
  stats.slowest.sort((a, b) => b.ms - a.ms);
  stats.slowest.length = Math.min(stats.slowest.length, 5);
}

export interface FuzzTarget {
  app: AppName;
  route: AppRoute;
  /** Headers that make the request the caller's (bearer token, or page cookie + CSRF token). */
  headers: Record<string, string>;
  /** Answers must carry the CONTRACT error shape (API routes). */
  api: boolean;
  cases: fc.Arbitrary<Case>;
}

function errorShapeProblem(text: string, status: number): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `the ${status} answer is not JSON: ${preview(text, 200)}`;
  }
  const b = body as { statusCode?: unknown; message?: unknown; errors?: unknown };
  if (b === null || typeof b !== 'object' || b.statusCode !== status || typeof b.message !== 'string') return `the ${status} answer lacks { statusCode: ${status}, message }: ${preview(text, 200)}`;
  if (b.errors !== undefined && !(Array.isArray(b.errors) && b.errors.every((e) => e && typeof e.field === 'string' && typeof e.message === 'string')))
    return `the ${status} answer's errors are not [{ field, message }]: ${preview(text, 200)}`;
  return null;
}

/** The body of an answer, short: a page by its title and error box, anything else by its start. */
function answerSummary(text: string): string {
  if (!/^\s*<!doctype html/i.test(text)) return preview(text, 300);
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? '';
  const alert = /role="alert"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/
    .exec(text)?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `page "${title}"${alert ? `, alert: ${preview(alert, 200)}` : ''}`;
}

const serverErrors = captureServerErrors();
afterAll(() => serverErrors.restore());

/**
 * Runs `FUZZ_RUNS` cases against one route and checks, for every answer: no 5xx; within the time
 * budget; a 4xx from the API has the CONTRACT error shape; a 4xx left every table's row count as
 * it was. Throws with the smallest failing request fast-check could shrink to, and how to replay it.
 */
export async function fuzzRoute(w: World, t: FuzzTarget, stats: Stats): Promise<void> {
  const app = w.apps[t.app];
  let smallest = '';
  const property = fc.asyncProperty(t.cases, async (c) => {
    const before = await w.rows.counts();
    serverErrors.take();
    const headers = { ...t.headers, ...(c.body?.contentType !== undefined ? { 'content-type': c.body.contentType } : {}) };
    const a = await send(app, { method: t.route.method, url: c.url, headers, payload: c.body?.payload });
    const logged = serverErrors.take();
    noteTime(stats, a.ms, () => `${t.route.method} ${preview(c.url, 80)} ${c.body ? preview(c.body.summary, 120) : ''} → ${a.status}`);
    const problems: string[] = [];
    if (a.status === 0) problems.push(`hung: ${a.text}`);
    if (a.status >= 500) problems.push(`answered ${a.status}${stackNote(logged, 8)}`);
    if (a.ms > budgetFor(t.route.key)) problems.push(`took ${Math.round(a.ms)} ms (budget ${budgetFor(t.route.key)} ms)`);
    if (a.status >= 400 && a.status < 500) {
      if (t.api) {
        const shape = errorShapeProblem(a.text, a.status);
        if (shape) problems.push(shape);
      }
      const changed = countDiff(before, await w.rows.counts());
      if (changed.length) problems.push(`answered ${a.status} but wrote rows: ${changed.join(', ')}`);
    }
    if (problems.length) {
      smallest = `${t.route.method} ${preview(c.url, 300)}\n    body: ${c.body ? c.body.summary : '(none)'}\n    answer: ${a.status} ${answerSummary(a.text)}\n    ${problems.join('\n    ')}`;
      throw new Error(problems.join('; '));
    }
  });
  const details = await fc.check(property, { numRuns: runsFor(t.route.key), seed: FUZZ_SEED });
  stats.routes.push(t.route.key);
  stats.cases += details.numRuns + details.numShrinks;
  if (details.failed) {
    const failure = new Error(
      `${t.route.key} failed after ${details.numRuns} case(s) (shrunk ${details.numShrinks} time(s)).\n  smallest failing request:\n    ${smallest}\n  replay: FUZZ_SEED=${details.seed} (fast-check path "${details.counterexamplePath}")`,
    );
    // The message says everything; a code frame of this helper would only distract from it.
    failure.stack = failure.message;
    throw failure;
  }
  // Still responsive after the run.
  const health = await send(app, { method: 'GET', url: '/health' });
  if (health.status !== 200 || health.ms > BUDGET_MS * loadFactor()) throw new Error(`${t.app} app not healthy after fuzzing ${t.route.key}: ${health.status} in ${Math.round(health.ms)} ms`);
}

// ---------------------------------------------------------------------------------------------
// Who calls, and with which of their own resources.

/** A caller the route's category lets through, so that validation and services actually run. */
export function allowedCaller(category: Category): CallerName {
  switch (category) {
    case 'public':
    case 'signIn':
      return 'anonymous';
    case 'authenticated':
    case 'shopper':
      return 'shopper';
    case 'vendorMember':
    case 'vendorOwner':
      return 'ownerA';
    case 'admin':
      return 'admin';
  }
}

/** The caller's own resource for a path parameter (vendor A's for vendor routes). */
export function ownParam(w: World, route: AppRoute, name: string): string {
  const p = route.path;
  if (route.app === 'vendor' && /\/products\/:id/.test(p)) return w.vendorA.productId;
  if (route.app === 'vendor' && name === 'userId') return w.people.staffA.userId;
  if (route.app === 'storefront' && /products\/:slug/.test(p)) return w.vendorA.productSlug;
  if (route.app === 'storefront' && /villages\/:slug/.test(p)) return w.village.slug;
  if (route.app === 'storefront' && /verify\/:code/.test(p)) return w.vendorA.traceCode;
  if (route.app === 'admin' && /vendors\/:id/.test(p)) return w.vendorB.id;
  if (route.app === 'admin' && /certificates\/:id/.test(p)) return w.vendorB.certId;
  if (route.app === 'admin' && /villages\/:id/.test(p)) return w.village.id;
  if (route.app === 'admin' && /outbox\/:id/.test(p)) return w.mailId;
  if (route.app === 'vendor' && /invitations\/:id/.test(p)) return w.vendorA.invitationId ?? UNKNOWN_ID;
  return name === 'token' ? UNKNOWN_TOKEN : UNKNOWN_ID;
}

/** URLs of the route: path parameters the caller's own (mostly) or hostile, and a hostile query. */
export function urls(w: World, route: AppRoute, queryNames: string[], queryValues: Record<string, fc.Arbitrary<string>> = {}, fixedQuery = ''): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const params = fc.tuple(...names.map((n) => fc.oneof({ weight: 4, arbitrary: fc.constant(encodeURIComponent(ownParam(w, route, n))) }, { weight: 1, arbitrary: hostilePathSegment() })));
  const query = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: queryString(queryNames, queryValues) });
  return fc.tuple(params, query).map(([values, q]) => {
    let i = 0;
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => values[i++]);
    const qs = [fixedQuery, q].filter(Boolean).join('&');
    return qs ? `${path}?${qs}` : path;
  });
}

// ---------------------------------------------------------------------------------------------
// The API fuzz suite of one app.

/** Every API route of the app from the access table, fuzzed as a caller allowed to reach it. */
export function describeApiFuzz(app: AppName): void {
  describe(`${app} API under hostile input (fast-check, ${FUZZ_RUNS} cases a route)`, () => {
    let w: World;
    let doc: OpenApiDoc;
    const stats: Stats = { routes: [], cases: 0, slowest: [] };
    const targets: FuzzTarget[] = [];

    beforeAll(async () => {
      console.log(`fuzz seed ${FUZZ_SEED} (${app} API): replay with FUZZ_SEED=${FUZZ_SEED}`);
      // Failure limits would turn most cases into 429 before any service ran.
      w = await startWorld({ env: { LOGIN_MAX_FAILURES: '1000000', REGISTRATIONS_PER_HOUR: '1000000' } });
      doc = await openApiDocument(w.apps[app]);
      const hints = worldHints(w);
      for (const route of nestRoutes(app, w.apps[app])) {
        if (!route.api || endsSession(route) || !(route.key in ACCESS)) continue;
        const caller = allowedCaller(ACCESS[route.key]);
        const op = operationOf(doc, route);
        const queryParams = (op?.parameters ?? []).filter((p) => p.in === 'query');
        const qValues = Object.fromEntries(queryParams.map((p) => [p.name, queryValueFor(doc, p)]).filter(([, v]) => v)) as Record<string, fc.Arbitrary<string>>;
        const content = op?.requestBody?.content ?? {};
        let body: fc.Arbitrary<Body | undefined> = fc.constant(undefined);
        if (content['multipart/form-data']) {
          const fields = Object.keys(resolve(doc, content['multipart/form-data'].schema).properties ?? {});
          body = multipart(fields).map((m) => ({ contentType: m.contentType, payload: m.body, summary: m.summary }));
        } else if (content['text/csv']) {
          const example = String(resolve(doc, content['text/csv'].schema).example ?? 'a,b');
          body = fc.oneof(
            { weight: 6, arbitrary: csvBody(example.split(/\r?\n/)[0].split(',')).map((t): Body => ({ contentType: 'text/csv', payload: t, summary: `text/csv ${preview(t, 300)}` })) },
            { weight: 1, arbitrary: jsonBody(doc, undefined, hints) },
          );
        } else if (content['application/json'] || UNSAFE_METHODS.has(route.method)) {
          body = jsonBody(doc, content['application/json']?.schema, hints);
        }
        const cases = fc
          .tuple(
            urls(
              w,
              route,
              queryParams.map((p) => p.name),
              qValues,
            ),
            body,
          )
          .map(([url, b]): Case => ({ url, body: b }));
        targets.push({ app, route, headers: caller === 'anonymous' ? {} : bearer(w.people[caller].token), api: true, cases });
      }
    }, 120_000);

    afterAll(async () => {
      console.log(
        `fuzz (${app} API, seed ${FUZZ_SEED}): ${stats.routes.length} routes, ${stats.cases} cases, ${requestsMade()} requests in this file, row counts of ${w?.rows.tables.length} tables checked after every 4xx; slowest:\n${stats.slowest.map((x) => `  ${Math.round(x.ms)} ms ${x.what}`).join('\n')}`,
      );
      await w?.close();
    });

    it('finds API routes to fuzz in the access table and the OpenAPI document', () => {
      expect(targets.length).toBeGreaterThan(3);
    });

    // One test per API route of the access table (test names are needed before the apps start);
    // the matrix suite fails for any route the table and the apps disagree on.
    const routeKeys = apiRouteKeys(app);
    it.each(routeKeys)(
      '%s',
      async (key) => {
        const t = targets.find((x) => x.route.key === key);
        if (!t) return;
        await fuzzRoute(w, t, stats);
      },
      1_200_000,
    );
  });
}

/** The API routes of the access table for one app (test names must be known before the apps start). */
export function apiRouteKeys(app: AppName): string[] {
  return Object.keys(ACCESS).filter((k) => k.startsWith(`${app} `) && / \/api(\/|$)/.test(k) && !endsSession({ path: k.split(' ')[2] }));
}
