import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jest } from '@jest/globals';
import { Logger, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsService } from '@ocop/accounts';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../support/marketplace';

// Fastify's `inject` loads light-my-request lazily, which requires the ESM-only `cookie` package
// for its `cookies` option alone; Jest on Node 20 cannot require() an ES module. These suites set
// the Cookie header themselves, so a stand-in for that one function is enough.
jest.mock('cookie', () => ({ stringifySetCookie: (c: { name: string; value: string }) => `${c.name}=${c.value}` }));

export type AppName = 'storefront' | 'vendor' | 'admin';
/** An id and a token nothing in the database has (fixed, so runs replay alike). */
export const UNKNOWN_ID = '7e57c0de-0000-4000-8000-000000000000';
export const UNKNOWN_TOKEN = 'bm90LWEtdG9rZW4tYW55b25lLWhhcy1iZWVu';
export const APPS: AppName[] = ['storefront', 'vendor', 'admin'];
export const PASSWORD = 'Kiem-Thu-An-Ninh-2025';
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// ---------------------------------------------------------------------------------------------
// Requests through Fastify's inject: no sockets, the whole request pipeline (parsers, hooks, CSRF,
// Nest guards, pipes, filters) runs as it does for a real client.

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  /** Wall time of the request, to catch pathological slowness only. */
  ms: number;
  json(): unknown;
}

export interface Call {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as it is; set the content-type header yourself. */
  payload?: string | Buffer;
}

let requestCount = 0;
/** How many requests this test file has made, for the summaries the suites print. */
export const requestsMade = () => requestCount;

/**
 * How much slower than an idle machine this one runs now: the one-minute load average per core,
 * at least 1. Time budgets are multiplied by it, so a busy shared machine stretches them instead
 * of failing the suite, while pathological slowness (seconds growing with the input) still shows.
 */
export function loadFactor(): number {
  return Math.max(1, loadavg()[0] / Math.max(1, cpus().length));
}

/** A request still unanswered after this long (scaled by the load) never will be: it is reported with status 0. */
const HANG_BASE_MS = 15_000;
export const hangMs = () => Math.round(HANG_BASE_MS * loadFactor());

export async function send(app: NestFastifyApplication, call: Call): Promise<Answer> {
  const fastify = app.getHttpAdapter().getInstance();
  const limit = hangMs();
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), limit);
  });
  const res = await Promise.race([fastify.inject({ method: call.method as never, url: call.url, headers: call.headers, payload: call.payload }), hung]);
  clearTimeout(timer);
  const ms = performance.now() - t0;
  requestCount += 1;
  if (!res) return { status: 0, headers: {}, text: `no answer within ${limit} ms`, ms, json: () => null };
  return {
    status: res.statusCode,
    headers: res.headers,
    text: res.body,
    ms,
    json: () => JSON.parse(res.body),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `name=value` pairs of every Set-Cookie header of an answer. */
export function setCookies(a: Answer): Record<string, string> {
  const raw = ([] as string[]).concat((a.headers['set-cookie'] as string | string[] | undefined) ?? []);
  return Object.fromEntries(
    raw.map((c) => {
      const pair = c.split(';')[0];
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export function csrfTokenIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('the page carries no CSRF token');
  return m[1];
}

// ---------------------------------------------------------------------------------------------
// The route table of each app, read from the framework.

export interface AppRoute {
  app: AppName;
  method: string;
  /** Fastify/Nest path with `:params`. */
  path: string;
  /** `Controller.method`, for messages. */
  handler: string;
  /** `APP METHOD /path`, the key of the access table. */
  key: string;
  api: boolean;
}

const joinPath = (...parts: string[]) => {
  const segs = parts.flatMap((p) => p.split('/')).filter(Boolean);
  return `/${segs.join('/')}`;
};

/** Every route Nest registered for the app's controllers (from their decorator metadata). */
export function nestRoutes(appName: AppName, app: NestFastifyApplication): AppRoute[] {
  const modules = app.get(ModulesContainer, { strict: false });
  const scanner = new MetadataScanner();
  const seen = new Map<string, AppRoute>();
  for (const mod of modules.values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
      if (!cls) continue;
      const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '/');
      for (const name of scanner.getAllMethodNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, unknown>)[name] as object;
        const own = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (own === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
        for (const base of bases) {
          for (const p of ([] as string[]).concat(own)) {
            const path = joinPath(base, p);
            const key = `${appName} ${method} ${path}`;
            seen.set(key, { app: appName, method, path, handler: `${cls.name}.${name}`, key, api: path === '/api' || path.startsWith('/api/') });
          }
        }
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export const sameShape = (path: string) => path.replace(/:[^/]+/g, ':');

/**
 * Every (method, path) Fastify answers, from its own route tree (`printRoutes`), so that a route
 * registered on Fastify directly, past Nest's guards, cannot hide from the access table. A node
 * shared by routes that name their parameter differently prints as `:token|:id`: compare paths
 * with `sameShape`.
 */
export function fastifyRoutes(app: NestFastifyApplication): { method: string; path: string }[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const path = stack.join('');
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ method, path });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Row counts of every table, to prove a refused request wrote nothing.

export interface RowCounter {
  tables: string[];
  counts(): Promise<Record<string, number>>;
}

export function rowCounter(m: TestMarketplace): RowCounter {
  const ds = m.infra.dataSource;
  const tables = [...new Set(ds.entityMetadatas.filter((e) => e.tableType !== 'view').map((e) => e.tableName))].sort();
  const sql = `SELECT ${tables.map((t, i) => `(SELECT COUNT(*) FROM ${ds.driver.escape(t)}) AS c${i}`).join(', ')}`;
  return {
    tables,
    async counts() {
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`counting rows took over ${hangMs()} ms: an earlier request still holds the database (an unfinished transaction)`)), hangMs());
      });
      const [row] = (await Promise.race([ds.query(sql), stuck]).finally(() => clearTimeout(timer))) as Record<string, number | string>[];
      return Object.fromEntries(tables.map((t, i) => [t, Number(row[`c${i}`])]));
    },
  };
}

export function countDiff(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

// ---------------------------------------------------------------------------------------------
// Errors the app logs (the error filter logs every 5xx with its stack): kept so a failure can
// show the stack of the request that caused it.

export interface LoggedError {
  url?: string;
  stack: string;
}

/** The first lines of the stacks logged since the last call, indented, for a failure message. */
export function stackNote(errors: LoggedError[], lines = 6): string {
  // A stack overflow repeats the same few frames hundreds of times: keep each frame once. Frames
  // are marked with `|` so that Jest, which strips lines starting with `at` from messages, keeps them.
  return errors
    .map((e) => {
      const frames = [...new Set(e.stack.split('\n').map((l) => l.trim()))].slice(0, lines).map((l) => (l.length > 240 ? `${l.slice(0, 240)}… (${l.length} chars)` : l));
      return `\n      ${frames.map((l, i) => (i === 0 ? l : `| ${l}`)).join('\n        ')}`;
    })
    .join('');
}

export function captureServerErrors(): { take(): LoggedError[]; restore(): void } {
  let logged: LoggedError[] = [];
  const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(function (this: Logger, ...args: unknown[]) {
    const first = args[0] as { err?: Error; url?: string } | string | undefined;
    const err = typeof first === 'object' && first ? first.err : undefined;
    logged.push({ url: typeof first === 'object' && first ? first.url : undefined, stack: err?.stack ?? String(args[1] ?? first) });
  });
  return {
    take() {
      const out = logged;
      logged = [];
      return out;
    },
    restore: () => spy.mockRestore(),
  };
}

// ---------------------------------------------------------------------------------------------
// The marketplace with the people and data every security suite needs.

export type CallerName = 'anonymous' | 'shopper' | 'ownerA' | 'staffA' | 'admin';
export const CALLERS: CallerName[] = ['anonymous', 'shopper', 'ownerA', 'staffA', 'admin'];

export interface PageSession {
  /** The Cookie header: session (when logged in) and the app's CSRF secret. */
  cookie: string;
  /** A CSRF token matching the secret in `cookie`. */
  csrf: string;
}

export interface Person {
  email: string;
  password: string;
  userId: string;
  /** A bearer token (API login). */
  token: string;
}

export interface World {
  m: TestMarketplace;
  apps: Record<AppName, NestFastifyApplication>;
  people: Record<Exclude<CallerName, 'anonymous'> | 'ownerB' | 'noVendor', Person>;
  /** Each caller's page session on each app (anonymous: just a CSRF secret). */
  pages: Record<CallerName | 'ownerB' | 'noVendor', Record<AppName, PageSession>>;
  village: { id: string; slug: string };
  vendorA: { id: string; certId: string; productId: string; productSlug: string; traceCode: string; invitationId: string | null };
  vendorB: { id: string; certId: string; productId: string; productSlug: string; traceCode: string; invitationId: string | null };
  /** An e-mail in the outbox. */
  mailId: string;
  rows: RowCounter;
  storageDir: string;
  close(): Promise<void>;
}

function expectStatus(a: Answer, status: number, what: string): Answer {
  if (a.status !== status) throw new Error(`${what}: expected ${status}, got ${a.status} ${a.text.slice(0, 500)}`);
  return a;
}

/** Logs in through the page form of `app` and returns the session token from its cookie. */
async function pageSessionToken(app: NestFastifyApplication, appName: AppName, email: string, password: string): Promise<string> {
  const form = await send(app, { method: 'GET', url: '/login' });
  const jar = setCookies(form);
  const body = new URLSearchParams({ _csrf: csrfTokenIn(form.text), email, password, next: '/' }).toString();
  const login = await send(app, { method: 'POST', url: '/login', headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
  expectStatus(login, 303, `page login of ${email} on ${appName}`);
  return setCookies(login)[`ocop_${appName}_sid`];
}

/**
 * A new page session of the person, as a token for any app's session cookie. Only admins may log
 * in on the admin app's page; everyone else logs in on the vendor app's, and their session is put
 * in the admin app's cookie as someone trying their luck would.
 */
export function pageLogin(apps: Record<AppName, NestFastifyApplication>, p: Person): Promise<string> {
  const app: AppName = p.email === TEST_ADMIN.email ? 'admin' : 'vendor';
  return pageSessionToken(apps[app], app, p.email, p.password);
}

/** A page session on `app` for a session token (or none): the app's CSRF secret and a token for it. */
export async function pageSession(app: NestFastifyApplication, appName: AppName, sessionToken: string | null): Promise<PageSession> {
  const jar: Record<string, string> = sessionToken ? { [`ocop_${appName}_sid`]: sessionToken } : {};
  const form = await send(app, { method: 'GET', url: '/login', headers: sessionToken ? { cookie: cookieHeader(jar) } : {} });
  Object.assign(jar, setCookies(form));
  return { cookie: cookieHeader(jar), csrf: csrfTokenIn(form.text) };
}

/**
 * Starts the whole marketplace without the worker (no job runs between a request and the row
 * counts taken after it) and builds: a village; approved vendors A and B, each with a certificate,
 * a listed product and an open staff invitation; A's owner and a staff member of A; B's owner; a
 * shopper; a person who works for no vendor; and the configured admin, each logged in for the API
 * and for the pages of every app. The relay that turns committed events into jobs after the answer is stopped for the same
 * reason: whatever a request writes is then written before it answers.
 */
export async function startWorld(opts: { env?: Record<string, string> } = {}): Promise<World> {
  const storageDir = mkdtempSync(join(tmpdir(), 'ocop-security-'));
  const m = await startTestMarketplace({ worker: false, env: { STORAGE_DIR: storageDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...opts.env } });
  await m.infra.relay.close();
  const apps: Record<AppName, NestFastifyApplication> = { storefront: m.storefront, vendor: m.vendor, admin: m.admin };
  const json = (method: string, url: string, token: string | null, body?: unknown): Call => ({
    method,
    url,
    headers: { ...(token ? bearer(token) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  const call = async (app: AppName, c: Call, status: number) => expectStatus(await send(apps[app], c), status, `${c.method} ${c.url}`).json() as Record<string, any>;

  const adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
  const village = await call('admin', json('POST', '/api/admin/villages', adminToken, { name: 'Làng gốm Bát Tràng', province: 'Hà Nội', craft: 'gốm sứ' }), 201);

  async function person(app: AppName, email: string): Promise<Person> {
    const reg = await call(app, json('POST', '/api/auth/register', null, { email, password: PASSWORD, name: email.split('@')[0] }), 201);
    return { email, password: PASSWORD, userId: reg.id, token: await m.token(apps[app], email, PASSWORD) };
  }

  async function vendorWithProduct(owner: Person, name: string) {
    const vendor = await call('vendor', json('POST', '/api/vendors', owner.token, { name, type: 'cooperative', villageId: village.id }), 201);
    await call('admin', json('POST', `/api/admin/vendors/${vendor.id}/approve`, adminToken, {}), 200);
    const cert = await call(
      'admin',
      json('POST', '/api/admin/certificates', adminToken, {
        decisionNo: `${name.length}${vendor.id.slice(0, 4)}/QĐ-UBND`,
        decisionDate: '2025-03-01',
        issuingBody: 'UBND thành phố Hà Nội',
        level: 'provincial',
        vendorId: vendor.id,
        productName: `Bình gốm ${name}`,
        productGroup: 'handicrafts',
        stars: 4,
      }),
      201,
    );
    const product = await call(
      'vendor',
      json('POST', '/api/vendor/products', owner.token, { certificateId: cert.id, title: { vi: `Bình gốm ${name}` }, productGroup: 'handicrafts', priceVnd: 350000, stock: 10 }),
      201,
    );
    await call('vendor', json('POST', `/api/vendor/products/${product.id}/publish`, owner.token), 200);
    return { id: vendor.id as string, certId: cert.id as string, productId: product.id as string, productSlug: product.slug as string, traceCode: product.traceCode as string };
  }

  const shopper = await person('storefront', 'nguoi-mua@an-ninh.example.vn');
  const noVendor = await person('vendor', 'chua-co-htx@an-ninh.example.vn');
  const ownerA = await person('vendor', 'chu-a@an-ninh.example.vn');
  const ownerB = await person('vendor', 'chu-b@an-ninh.example.vn');
  const vendorABase = await vendorWithProduct(ownerA, 'HTX An Ninh A');
  const vendorBBase = await vendorWithProduct(ownerB, 'HTX An Ninh B');
  // Staff join through the owner's invitation; the membership row is what the access rules read,
  // so it is written directly here rather than through whichever flow the product offers.
  const staffA = await person('vendor', 'nhan-vien-a@an-ninh.example.vn');
  await m.vendor.get(AccountsService, { strict: false }).setVendor(staffA.userId, vendorABase.id, 'staff');
  staffA.token = await m.token(m.vendor, staffA.email, PASSWORD);

  // Each vendor invites someone, so that each owns an open invitation.
  const invitations = m.infra.dataSource.entityMetadatas.find((e) => e.tableName === 'vendor_invitations');
  async function invite(owner: Person, vendorId: string, email: string): Promise<string | null> {
    await send(apps.vendor, json('POST', '/api/vendor/staff', owner.token, { email }));
    const row = invitations ? ((await m.infra.dataSource.getRepository(invitations.target).findOneBy({ vendorId })) as { id: string } | null) : null;
    return row?.id ?? null;
  }
  const invitationA = await invite(ownerA, vendorABase.id, 'duoc-moi-a@an-ninh.example.vn');
  const invitationB = await invite(ownerB, vendorBBase.id, 'duoc-moi-b@an-ninh.example.vn');

  const admin: Person = { email: TEST_ADMIN.email, password: TEST_ADMIN.password, userId: (await call('admin', json('GET', '/api/auth/me', adminToken), 200)).id, token: adminToken };
  const outbox = await call('admin', json('GET', '/api/admin/outbox', adminToken), 200);

  const people = { shopper, ownerA, staffA, admin, ownerB, noVendor };
  const pages = {} as World['pages'];
  for (const [name, p] of [['anonymous', null], ...Object.entries(people)] as [CallerName | 'ownerB' | 'noVendor', Person | null][]) {
    pages[name] = {} as Record<AppName, PageSession>;
    const token = p ? await pageLogin(apps, p) : null;
    for (const app of APPS) pages[name][app] = await pageSession(apps[app], app, token);
  }

  return {
    m,
    apps,
    people,
    pages,
    village: { id: village.id, slug: village.slug },
    vendorA: { ...vendorABase, invitationId: invitationA },
    vendorB: { ...vendorBBase, invitationId: invitationB },
    mailId: outbox.items[0].id,
    rows: rowCounter(m),
    storageDir,
    async close() {
      await m.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** A short, printable description of a long value (no megabytes in failure messages). */
export function preview(s: string | Buffer | undefined, max = 300): string {
  if (s === undefined) return '(none)';
  const str = Buffer.isBuffer(s) ? s.toString('latin1') : s;
  const shown = JSON.stringify(str.length > max ? str.slice(0, max) : str);
  return str.length > max ? `${shown}… (${str.length} chars)` : shown;
}
