import {
  APPS,
  bearer,
  CALLERS,
  captureServerErrors,
  fastifyRoutes,
  nestRoutes,
  pageLogin,
  pageSession,
  requestsMade,
  sameShape,
  send,
  stackNote,
  startWorld,
  UNSAFE_METHODS,
  type Answer,
  type AppName,
  type AppRoute,
  type CallerName,
  type World,
} from './harness';
import { ACCESS, endsSession, expectation, fillForMatrix, isExcludedFromAccessTable, type Expectation } from './route-access';

/**
 * Every route of every app, called by every kind of caller, answers as the access table says.
 * The table gives each route a category; one rule (`expectation`) turns category × caller into
 * the expected answer, so no cell is typed by hand. Requests carry no (or an empty) body: guards
 * run before validation, so a refusal shows whatever the body.
 */
describe('authorisation matrix over the route tables of all three apps', () => {
  let w: World;
  const routes: Record<AppName, AppRoute[]> = { storefront: [], vendor: [], admin: [] };
  const cells = { routes: 0, callers: CALLERS.length, calls: 0 };
  const serverErrors = captureServerErrors();

  beforeAll(async () => {
    // Logins with no credentials are part of the matrix: the failure limit must not turn later ones into 429.
    w = await startWorld({ env: { REGISTRATIONS_PER_HOUR: '1000', LOGIN_MAX_FAILURES: '100000' } });
    for (const app of APPS) routes[app] = nestRoutes(app, w.apps[app]);
  }, 120_000);

  afterAll(async () => {
    console.log(`authorisation matrix: ${cells.routes} routes × ${cells.callers} callers (+ CSRF and cookie-on-API columns), ${cells.calls} checks, ${requestsMade()} requests in this file`);
    await w?.close();
    serverErrors.restore();
  });

  const tabled = (app: AppName) => routes[app].filter((r) => r.key in ACCESS);

  it('has every route each app registers in the access table, and no entry without a route', () => {
    const registered = new Set(APPS.flatMap((app) => routes[app].map((r) => r.key)));
    const missing = APPS.flatMap((app) => routes[app])
      .filter((r) => !(r.key in ACCESS))
      .map((r) => `  '${r.key}' (${r.handler}): add it to ACCESS in test/security/route-access.ts with the category CONTRACT.md gives it`);
    const stale = Object.keys(ACCESS)
      .filter((k) => !registered.has(k))
      .map((k) => `  '${k}': no app registers this route; remove the entry or restore the route`);
    // Anything Fastify answers that Nest did not register (and so no Nest guard protects).
    const outside = APPS.flatMap((app) => {
      const nest = new Set(routes[app].map((r) => `${r.method} ${sameShape(r.path)}`));
      return fastifyRoutes(w.apps[app])
        .filter((r) => !isExcludedFromAccessTable(r.method, r.path) && !nest.has(`${r.method} ${sameShape(r.path)}`))
        .map((r) => `  '${app} ${r.method} ${r.path}': registered on Fastify outside Nest's guards`);
    });
    const problems = [...missing, ...stale, ...outside];
    expect(problems.length === 0 ? 'complete' : `access table out of step with the apps:\n${problems.join('\n')}`).toBe('complete');
  });

  /** Whether an answer meets an expectation; a description of the mismatch otherwise. */
  function verdict(e: Expectation, a: Answer, page: boolean, method: string): string | null {
    if (a.status === 0) return a.text;
    if (a.status >= 500) return `answered ${a.status} (server error)`;
    const toLogin = a.status >= 300 && a.status < 400 && String(a.headers.location ?? '').startsWith('/login');
    if (e.allowed) return a.status === 401 || a.status === 403 || toLogin ? `refused with ${a.status}${toLogin ? ' to /login' : ''} (${e.why})` : null;
    if ('login' in e) {
      if (page && method === 'GET') return toLogin && a.status === 303 ? null : `answered ${a.status}, expected 303 to /login (${e.why})`;
      return a.status === 401 ? null : `answered ${a.status}, expected 401 (${e.why})`;
    }
    return e.statuses.includes(a.status) ? null : `answered ${a.status}, expected ${e.statuses.join(' or ')} (${e.why})`;
  }

  async function freshApiToken(caller: CallerName): Promise<string | null> {
    if (caller === 'anonymous') return null;
    const p = w.people[caller];
    const res = await send(w.apps.storefront, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: p.email, password: p.password }),
    });
    return (res.json() as { accessToken: string }).accessToken;
  }

  /** The caller's credentials for one request to the route (a fresh session where the route ends it). */
  async function credentials(app: AppName, route: AppRoute, caller: CallerName): Promise<{ headers: Record<string, string>; csrf: string | null }> {
    if (route.api) {
      const token = endsSession(route) ? await freshApiToken(caller) : caller === 'anonymous' ? null : w.people[caller].token;
      return { headers: token ? bearer(token) : {}, csrf: null };
    }
    const session = endsSession(route) && caller !== 'anonymous' ? await pageSession(w.apps[app], app, await pageLogin(w.apps, w.people[caller])) : w.pages[caller][app];
    return { headers: { cookie: session.cookie }, csrf: session.csrf };
  }

  describe.each(APPS)('%s app', (app) => {
    it('answers every caller on every route as its category says', async () => {
      const failures: string[] = [];
      for (const route of tabled(app)) {
        cells.routes += 1;
        const { url, ofVendorB } = fillForMatrix(route, w);
        for (const caller of CALLERS) {
          const e = expectation(ACCESS[route.key], caller, ofVendorB);
          const { headers, csrf } = await credentials(app, route, caller);
          const unsafePage = !route.api && UNSAFE_METHODS.has(route.method);
          const a = await send(w.apps[app], { method: route.method, url, headers: { ...headers, ...(unsafePage && csrf ? { 'x-csrf-token': csrf } : {}) } });
          cells.calls += 1;
          const problem = verdict(e, a, !route.api, route.method);
          const logged = serverErrors.take();
          if (problem) failures.push(`  ${route.key} as ${caller} (${url}): ${problem}${a.status >= 500 ? stackNote(logged) : ''}`);
        }
      }
      expect(failures.length === 0 ? 'all as expected' : `${failures.length} answers differ from the access table:\n${failures.join('\n')}`).toBe('all as expected');
    });

    it('refuses every state-changing page request without a CSRF token with 403, whoever asks', async () => {
      const failures: string[] = [];
      for (const route of tabled(app).filter((r) => !r.api && UNSAFE_METHODS.has(r.method))) {
        const { url } = fillForMatrix(route, w);
        for (const caller of CALLERS) {
          const a = await send(w.apps[app], { method: route.method, url, headers: { cookie: w.pages[caller][app].cookie } });
          cells.calls += 1;
          if (a.status !== 403) failures.push(`  ${route.key} as ${caller} without a CSRF token: answered ${a.status}, expected 403`);
          const forged = await send(w.apps[app], { method: route.method, url, headers: { cookie: w.pages[caller][app].cookie, 'x-csrf-token': 'forged-token' } });
          cells.calls += 1;
          if (forged.status !== 403) failures.push(`  ${route.key} as ${caller} with a forged CSRF token: answered ${forged.status}, expected 403`);
        }
      }
      expect(failures.length === 0 ? 'all refused' : `${failures.length} page requests were not refused:\n${failures.join('\n')}`).toBe('all refused');
    });

    it('treats a page session cookie on an API route as no login at all', async () => {
      const failures: string[] = [];
      for (const route of tabled(app).filter((r) => r.api && !endsSession(r))) {
        const { url, ofVendorB } = fillForMatrix(route, w);
        const e = expectation(ACCESS[route.key], 'anonymous', ofVendorB);
        for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
          const session = w.pages[caller][app];
          const nobody = await send(w.apps[app], { method: route.method, url });
          const a = await send(w.apps[app], { method: route.method, url, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
          cells.calls += 1;
          const problem = verdict(e, a, false, route.method) ?? (a.status === nobody.status ? null : `answered ${a.status}, but ${nobody.status} without the cookie`);
          if (problem) failures.push(`  ${route.key} with ${caller}'s page cookie and no bearer token: ${problem}`);
        }
      }
      expect(failures.length === 0 ? 'cookie never authorises the API' : `${failures.length} API answers honoured a page cookie:\n${failures.join('\n')}`).toBe('cookie never authorises the API');
    });
  });
});
