import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { DEFAULT_LOCALE, isLocale, LOCALE_NAMES, LOCALES, projectRoot, translator, type Locale, dateTimeFormat } from '@ocop/core';
import { APP_FOLDERS, type WebAppOptions } from './web-app.options';
import './error-pages.i18n';

/** The storefront's language cookie; every app's own is `WebAppOptions.langCookie` (see `langCookieOf`). */
export const LANG_COOKIE = 'ocop_lang';

/** The language cookie of the app serving the request. */
export function langCookieOf(req: FastifyRequest): string {
  return req.server?.ocopViews?.options.langCookie ?? LANG_COOKIE;
}

/** BCP 47 tags for number and date formats per page language. */
export const LOCALE_TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB', de: 'de-DE', id: 'id-ID' };

/**
 * Decodes every run of well-formed percent-escapes; a run that is not UTF-8 and a stray `%` are
 * kept as typed. Never throws. Pure.
 */
export function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * The path part of a request target as a router would see it: percent-escapes decoded (a
 * malformed or non-UTF-8 escape is kept as typed, never thrown on), empty and `.` segments
 * dropped, `..` segments resolved, lower-cased when routing ignores case. Pure.
 */
export function normalisedPath(target: string, caseSensitive = true): string {
  const end = target.search(/[?#]/);
  const segments: string[] = [];
  for (const s of decodeLeniently(end === -1 ? target : target.slice(0, end)).split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '' && s !== '.') segments.push(s);
  }
  const path = `/${segments.join('/')}`;
  return caseSensitive ? path : path.toLowerCase();
}

/**
 * The path a request is handled under: the pattern of the route Fastify matched (after its own
 * decoding, so `/%61pi/x` is `/api/x`), or, when no route matched, the normalised request path.
 * Security decisions read this, never the raw URL, which an encoding can disguise.
 */
export function handledPath(req: FastifyRequest): string {
  const pattern = req.is404 ? undefined : req.routeOptions?.url;
  if (pattern) return pattern;
  const config = req.server?.initialConfig as { caseSensitive?: boolean; routerOptions?: { caseSensitive?: boolean } } | undefined;
  return normalisedPath(req.url, (config?.routerOptions?.caseSensitive ?? config?.caseSensitive) !== false);
}

/** Whether a path is under `/api` (the JSON API: bearer tokens, no cookies, no CSRF). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Whether a request is an API call (authenticated by bearer token only) rather than a page
 * (authenticated by cookie, CSRF-checked). Decided on the route actually served.
 */
export function isApiRequest(req: FastifyRequest): boolean {
  return isApiPath(handledPath(req));
}

/**
 * The best supported language of an Accept-Language header, by quality: Vietnamese only when it
 * is asked for, a language asked for that the site has, else English for visitors abroad; null
 * when the header is absent or empty. Pure.
 */
export function acceptedLocale(header: string | undefined): Locale | null {
  const entries = String(header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { code: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((e) => e.code && e.code !== '*' && e.q > 0);
  if (!entries.length) return null;
  entries.sort((a, b) => b.q - a.q || a.i - b.i);
  return (entries.find((e) => isLocale(e.code))?.code as Locale | undefined) ?? 'en';
}

/** The page language: `?lang=` first, then the cookie, then Accept-Language, then Vietnamese. */
export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(q)) return q;
  const c = req.cookies?.[langCookieOf(req)];
  if (isLocale(c)) return c;
  return acceptedLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/** The same page in another language: the path and every query parameter kept, `lang` replaced. Pure. */
export function switchLanguageHref(url: string, lang: Locale): string {
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  const params = new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

/** Values for the layout of every page, computed per request. */
export type PageContextSource = (req: FastifyRequest, reply: FastifyReply) => Promise<Record<string, unknown>> | Record<string, unknown>;

/**
 * Handlebars pages of one app: templates from `apps/<app>/src/views`, falling back to the shared
 * `libs/web/views`, wrapped in the shared layout. Values are HTML-escaped unless a template uses
 * triple braces, which only trusted, server-built markup may.
 */
export class Views {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, HandlebarsTemplateDelegate>();
  private readonly dirs: string[];
  private readonly extraContext: PageContextSource[] = [];

  constructor(readonly options: WebAppOptions) {
    const root = projectRoot();
    this.dirs = [join(root, 'apps', APP_FOLDERS[options.name], 'src', 'views'), join(root, 'libs', 'web', 'views')];
    const partials = join(root, 'libs', 'web', 'views', 'partials');
    for (const f of existsSync(partials) ? readdirSync(partials) : []) {
      if (f.endsWith('.hbs')) this.hbs.registerPartial(basename(f, '.hbs'), readFileSync(join(partials, f), 'utf8'));
    }
    this.hbs.registerHelper('t', function (this: unknown, key: string, opts: Handlebars.HelperOptions) {
      const lang = (opts.data as { root?: { lang?: Locale } } | undefined)?.root?.lang ?? DEFAULT_LOCALE;
      return translator(lang)(key, opts.hash ?? {});
    });
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.hbs.registerHelper('encode', (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : ''));
    this.hbs.registerHelper('localDate', function (d: unknown, opts: Handlebars.HelperOptions) {
      const lang = (opts.data as { root?: { lang?: Locale } } | undefined)?.root?.lang ?? DEFAULT_LOCALE;
      const date = d instanceof Date ? d : typeof d === 'string' && d ? new Date(d) : null;
      if (!date || Number.isNaN(date.getTime())) return '';
      return dateTimeFormat(LOCALE_TAGS[lang], { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium' }).format(date);
    });
    this.hbs.registerHelper('formatDate', (d: unknown) => (d instanceof Date ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : ''));
  }

  /** Adds a Handlebars helper for this app's views (e.g. the storefront's approximate prices). */
  registerHelper(name: string, helper: Handlebars.HelperDelegate): void {
    this.hbs.registerHelper(name, helper);
  }

  private template(name: string): HandlebarsTemplateDelegate {
    let t = this.cache.get(name);
    if (!t) {
      const dir = this.dirs.find((d) => existsSync(join(d, `${name}.hbs`)));
      if (!dir) throw new Error(`view "${name}" does not exist`);
      t = this.hbs.compile(readFileSync(join(dir, `${name}.hbs`), 'utf8'));
      this.cache.set(name, t);
    }
    return t;
  }

  /**
   * Adds values every page of this app sees (the layout's cart count, say). A source that fails
   * leaves its values out of that page rather than failing the page (error pages use it too).
   */
  addContext(source: PageContextSource): void {
    this.extraContext.push(source);
  }

  /** Renders a page inside the layout and sends it. */
  async send(req: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    const extra: Record<string, unknown> = {};
    for (const source of this.extraContext) {
      try {
        Object.assign(extra, await source(req, reply));
      } catch (err) {
        req.log?.warn({ err }, 'page context source failed');
      }
    }
    const ctx = { ...this.context(req, reply), ...extra, ...data };
    const body = this.template(view)(ctx);
    const html = this.template('layouts/main')({ ...ctx, body });
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  }

  private context(req: FastifyRequest, reply: FastifyReply) {
    const lang = requestLocale(req);
    const path = req.url.split('?')[0];
    const t = translator(lang);
    // @fastify/csrf-protection adds generateCsrf only in the apps that register it.
    const csrf = reply as FastifyReply & { generateCsrf?: () => string };
    return {
      app: this.options.name,
      lang,
      siteName: t('site.name'),
      langs: LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code], active: code === lang, href: switchLanguageHref(req.url, code) })),
      user: req.actor ?? null,
      csrfToken: typeof csrf.generateCsrf === 'function' ? csrf.generateCsrf() : '',
      path,
    };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    ocopViews?: Views;
  }
}

/** The HTML answer for an error on a page: 401 sends the visitor to the login page. */
export async function renderErrorPage(req: FastifyRequest, reply: FastifyReply, body: { statusCode: number; message: string }): Promise<void> {
  if (body.statusCode === 401 && req.method === 'GET') {
    await reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return;
  }
  const views = req.server.ocopViews;
  if (!views) {
    await reply.status(body.statusCode).type('text/plain').send(body.message);
    return;
  }
  const t = translator(requestLocale(req));
  const kind = FRIENDLY_ERRORS.has(body.statusCode) ? String(body.statusCode) : body.statusCode >= 500 ? '500' : 'other';
  // The explanation is the page's own words in the visitor's language. A refused input's reason
  // (400, 409) helps the visitor fix it; a router's text ("Cannot GET …") or a server error never shows.
  const detail = (body.statusCode === 400 || body.statusCode === 409) && !/^Cannot [A-Z]+ /.test(body.message) ? body.message : null;
  await views.send(
    req,
    reply,
    'error',
    { title: t(`errorPage.${kind}.title`), error: { statusCode: body.statusCode, heading: t(`errorPage.${kind}.title`), text: t(`errorPage.${kind}.text`), detail } },
    body.statusCode,
  );
}

/** Statuses with their own explanation on the error page; others get the general one. */
const FRIENDLY_ERRORS = new Set([400, 403, 404, 409, 410, 429, 500]);
