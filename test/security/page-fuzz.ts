import fc from 'fast-check';
import { nestRoutes, preview, requestsMade, send, startWorld, UNSAFE_METHODS, type AppName, type AppRoute, type World } from './harness';
import { formBody, multipart, toJson } from './hostile';
import { allowedCaller, FUZZ_RUNS, FUZZ_SEED, fuzzRoute, ownParam, urls, type Case, type FuzzTarget, type Stats } from './fuzz-support';
import { worldHints, type Body } from './openapi-inputs';
import { ACCESS, endsSession } from './route-access';

// Pages under hostile input: each state-changing page route posted as a browser does (session
// cookie, CSRF token, form encoding) with the field names of the form that posts to it, and each
// page GET with hostile query strings over the parameter names the page itself uses.

interface PageForm {
  names: string[];
  /** Values the page itself offers (option values, prefilled inputs). */
  values: Record<string, string[]>;
  multipart: boolean;
}

/** The forms of a page that post to `action` (ignoring the query), with their fields and offered values. */
export function formsPostingTo(html: string, action: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1];
    const to = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&').split('?')[0];
    if (to !== action || !/method="post"/i.test(attrs)) continue;
    const values: Record<string, string[]> = {};
    const names = new Set<string>();
    const field = (attrs: string, offered: (string | undefined)[]) => {
      const name = /name="([^"]+)"/.exec(attrs)?.[1];
      if (!name || name === '_csrf') return;
      names.add(name);
      const decoded = offered
        .filter((v): v is string => v !== undefined)
        .map((v) =>
          v
            .replace(/&quot;/g, '"')
            .replace(/&#x27;/g, "'")
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&'),
        );
      values[name] = [...(Object.hasOwn(values, name) ? values[name] : []), ...decoded];
    };
    for (const sel of m[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g))
      field(
        sel[1],
        [...sel[2].matchAll(/<option[^>]*value="([^"]*)"/g)].map((o) => o[1]),
      );
    for (const tag of m[2].matchAll(/<(?:input|textarea)\b([^>]*)>/g)) field(tag[1], [/value="([^"]*)"/.exec(tag[1])?.[1]]);
    forms.push({ names: [...names], values, multipart: /multipart\/form-data/.test(attrs) });
  }
  return forms;
}

/** Plausible form values: real logins (so a login can succeed and follow `next`), odd `next` paths. */
function pageHints(w: World): Record<string, fc.Arbitrary<string>> {
  const people = Object.values(w.people);
  return {
    next: fc.constantFrom(
      '/',
      '/products',
      '/ảnh',
      '/🏺',
      '/sản-phẩm?q=gốm',
      '/%E0%A4%A',
      '/a b',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/\u0000',
      '/\r\nSet-Cookie: x=1',
      `/${'a'.repeat(5000)}`,
    ),
    email: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...people.map((p) => p.email)) }, { weight: 1, arbitrary: fc.emailAddress() }),
    password: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...new Set(people.map((p) => p.password))) }, { weight: 1, arbitrary: fc.constantFrom('wrong', '') }),
  };
}

/**
 * A page GET under hostile query strings, over the parameter names the page itself uses: the
 * fields of its GET forms and the query keys of its own links.
 */
async function pageQueryTarget(w: World, app: AppName, route: AppRoute): Promise<FuzzTarget> {
  const caller = allowedCaller(ACCESS[route.key]);
  const session = w.pages[caller][app];
  const url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, n: string) => encodeURIComponent(ownParam(w, route, n)));
  const page = await send(w.apps[app], { method: 'GET', url, headers: { cookie: session.cookie } });
  const values: Record<string, Set<string>> = {};
  const offer = (k: string, v: string) => {
    if (k === '_csrf') return;
    (values[k] ??= new Set()).add(v);
  };
  const html = /text\/html/.test(String(page.headers['content-type'] ?? '')) ? page.text : '';
  for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (/method="post"/i.test(f[1])) continue;
    for (const tag of f[2].matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(tag[1])?.[1];
      if (name) offer(name, /value="([^"]*)"/.exec(tag[1])?.[1] ?? '');
    }
  }
  for (const href of html.matchAll(/href="[^"?]*\?([^"#]*)/g)) {
    for (const [k, v] of new URLSearchParams(href[1].replace(/&amp;/g, '&'))) offer(k, v);
  }
  const names = Object.keys(values);
  const plausible = Object.fromEntries(names.map((n) => [n, fc.constantFrom(...values[n])]));
  const cases = urls(w, route, names, plausible).map((u): Case => ({ url: u }));
  return { app, route, headers: { cookie: session.cookie }, api: false, cases };
}

export function describePageFuzz(apps: AppName[]): void {
  describe(`pages of the ${apps.join(' and ')} app${apps.length > 1 ? 's' : ''} under hostile forms and query strings (fast-check, ${FUZZ_RUNS} cases a route)`, () => {
    let w: World;
    const stats: Stats = { routes: [], cases: 0, slowest: [] };
    const targets: FuzzTarget[] = [];
    const unmatched: string[] = [];

    beforeAll(async () => {
      console.log(`fuzz seed ${FUZZ_SEED} (${apps.join(', ')} pages): replay with FUZZ_SEED=${FUZZ_SEED}`);
      w = await startWorld({ env: { LOGIN_MAX_FAILURES: '1000000', REGISTRATIONS_PER_HOUR: '1000000' } });
      const hints = worldHints(w);
      const pageFields = pageHints(w);
      for (const app of apps) {
        const routes = nestRoutes(app, w.apps[app]);
        const gets = routes.filter((r) => r.method === 'GET' && !r.api);
        for (const route of routes) {
          if (route.api || endsSession(route) || !(route.key in ACCESS)) continue;
          if (route.method === 'GET') {
            targets.push(await pageQueryTarget(w, app, route));
            continue;
          }
          if (!UNSAFE_METHODS.has(route.method)) continue;
          const caller = allowedCaller(ACCESS[route.key]);
          // Onboarding is for someone who works for no vendor yet.
          const who = route.path === '/onboarding' ? 'noVendor' : caller;
          const session = w.pages[who][app];
          const fill = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, (_, n: string) => encodeURIComponent(ownParam(w, route, n)));
          const action = fill(route.path);
          // The pages that may hold the form: the same path, its parents, and `…/new`.
          const segments = route.path.split('/');
          const candidates = [route.path, `${route.path}/new`, ...segments.map((_, i) => segments.slice(0, segments.length - i).join('/') || '/')];
          const forms: PageForm[] = [];
          for (const c of [...new Set(candidates)]) {
            if (!gets.some((g) => g.path === c)) continue;
            const page = await send(w.apps[app], { method: 'GET', url: fill(c), headers: { cookie: session.cookie } });
            forms.push(...formsPostingTo(page.text, action));
          }
          if (!forms.length) unmatched.push(route.key);
          const names = [...new Set(forms.flatMap((f) => f.names))];
          const offered: Record<string, fc.Arbitrary<string>> = {};
          for (const n of names) {
            const fromPage = forms.flatMap((f) => f.values[n] ?? []);
            const hint = Object.hasOwn(pageFields, n) ? pageFields[n] : Object.hasOwn(hints, n) ? hints[n].map((v) => (typeof v === 'string' ? v : toJson(v))) : undefined;
            const choices = [...(fromPage.length ? [fc.constantFrom(...fromPage)] : []), ...(hint ? [hint] : [])];
            if (choices.length) offered[n] = fc.oneof(...choices);
          }
          const isMultipart = forms.some((f) => f.multipart);
          const body: fc.Arbitrary<Body> = isMultipart
            ? multipart(names).map((m) => ({ contentType: m.contentType, payload: m.body, summary: m.summary }))
            : formBody(names, offered, session.csrf).map((t) => ({ contentType: 'application/x-www-form-urlencoded', payload: t, summary: `form ${preview(t, 400)}` }));
          // Multipart forms carry the CSRF token in the query string (they are parsed by their handler).
          const fixedQuery = isMultipart ? `_csrf=${encodeURIComponent(session.csrf)}` : '';
          const cases = fc.tuple(urls(w, route, [], {}, fixedQuery), body).map(([url, b]): Case => ({ url, body: b }));
          targets.push({ app, route, headers: { cookie: session.cookie }, api: false, cases });
        }
      }
    }, 120_000);

    afterAll(async () => {
      console.log(
        `fuzz (${apps.join(', ')} pages, seed ${FUZZ_SEED}): ${stats.routes.length} page routes, ${stats.cases} cases, ${requestsMade()} requests in this file, row counts of ${w?.rows.tables.length} tables checked after every 4xx` +
          `${unmatched.length ? `; no form found for ${unmatched.join(', ')} (fuzzed with hostile fields only)` : ''}; slowest:\n${stats.slowest.map((x) => `  ${Math.round(x.ms)} ms ${x.what}`).join('\n')}`,
      );
      await w?.close();
    });

    it('finds pages to fuzz', () => {
      expect(targets.length).toBeGreaterThan(0);
    });

    const keys = Object.keys(ACCESS).filter((k) => {
      const [app, method, path] = k.split(' ');
      return apps.includes(app as AppName) && (method === 'GET' || UNSAFE_METHODS.has(method)) && !/^\/api(\/|$)/.test(path) && !endsSession({ path });
    });
    it.each(keys)(
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
