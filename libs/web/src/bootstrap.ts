import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AccountsService } from '@ocop/accounts';
import { AppConfig, ForbiddenError, isLocale, projectRoot, UnauthorizedError } from '@ocop/core';
import { STRIPE_CHECKOUT_ORIGIN } from '@ocop/payments';
import { DomainErrorFilter, InvalidInputError } from './error.filter';
import { bearerToken } from './auth';
import { awaitFormToken, isMultipartFormRequest } from './multipart';
import { acceptedLocale, handledPath, isApiRequest, Views } from './pages';
import { checkQueryString, createJsonBodyParser, type StringParser } from './request-input';
import { createValidationPipe } from './validation.pipe';
import { trustedProxies } from './trusted-proxies';
import { WebAppOptions } from './web-app.options';

const TITLES: Record<string, string> = {
  storefront: 'OCOP Marketplace — storefront API',
  vendor: 'OCOP Marketplace — vendor API',
  admin: 'OCOP Marketplace — admin API',
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HSTS = 'max-age=31536000; includeSubDomains';

/** Swagger UI, its assets and the OpenAPI document (JSON and YAML). */
const isDocsPath = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-');

/** The first value of a CSRF token source; a repeated field or header is no token at all. */
const tokenValue = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Creates one app on Fastify with everything every app shares: JSON logs, security headers (on
 * every answer, the framework's own errors and 404s included; HSTS only over HTTPS), cookies,
 * CSRF on every page form, language cookie, a JSON parser that refuses hostile bodies, query
 * string checks, validation, the error shape, OpenAPI at /api/docs (admin-only on the admin app
 * in production), and Handlebars pages. The app is initialised but not listening.
 */
export async function createHttpApp(module: unknown): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: trustedProxies(module), bodyLimit: 20 * 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  const options = app.get(WebAppOptions);
  const config = app.get(AppConfig, { strict: false });
  const fastify = app.getHttpAdapter().getInstance();

  // Nest's security hook runs before every other hook and also on the answers Fastify's router
  // gives by itself (a malformed URL), which a plugin's hook never sees. HSTS is left to the hook
  // below: over plain HTTP it would pin a host that may not serve HTTPS at all. The storefront's
  // checkout form leads straight to Stripe's hosted Checkout when card payments are configured.
  const formAction = ["'self'", ...(options.name === 'storefront' && config?.payments.stripe ? [STRIPE_CHECKOUT_ORIGIN] : [])];
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        scriptSrc: ["'self'"],
        formAction,
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
  });
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (req.protocol === 'https') reply.raw.setHeader('strict-transport-security', HSTS);
    done();
  });
  // Fastify types its default JSON parser as either body-parser form; it is the callback one.
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error') as StringParser;
  app.useBodyParser('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, createJsonBodyParser(defaultJsonParser));

  await app.register(fastifyCookie as never);
  await app.register(fastifyCsrf as never, {
    cookieKey: options.csrfCookie,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true },
    // Multipart forms are parsed only by their handler: their token is checked there (MULTIPART_FORM),
    // or comes in the query string or header from clients that send it so.
    getToken: (req: FastifyRequest) =>
      tokenValue((req.body as Record<string, unknown> | undefined)?._csrf) ?? tokenValue((req.query as Record<string, unknown> | undefined)?._csrf) ?? tokenValue(req.headers['x-csrf-token']),
  });
  // After the cookie plugin, so that the error page for a refused query string has its cookies.
  fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    try {
      checkQueryString(req);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
  // Uploads (product images, registry CSV files): at most 10 files of 10 MiB each per request.
  await app.register(fastifyMultipart as never, { limits: { fileSize: 10 * 1024 * 1024, files: 10 } });
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
    (_req: FastifyRequest, body: string | Buffer, done: (e: Error | null, b?: unknown) => void) => done(null, body),
  );

  // The marketplace's own drawings (`/static/pictures/…`), on every app. A missing file falls
  // through to the not-found page; the files change only with a release, so they cache for a day.
  await app.register(fastifyStatic as never, { root: join(projectRoot(), 'libs', 'web', 'static'), prefix: '/static/', decorateReply: false, index: false, maxAge: '1d' });

  fastify.decorate('ocopViews', new Views(options));

  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    const cookie = options.langCookie;
    if (!isApiRequest(req) && isLocale(lang) && req.cookies?.[cookie] !== lang) {
      void reply.setCookie(cookie, lang, { path: '/', sameSite: 'lax', maxAge: 31536000 });
    }
    // A shopper's first visit remembers the language the browser asked for, so it stays when the browser changes.
    const accepted = options.name === 'storefront' && !isLocale(lang) && !isLocale(req.cookies?.[cookie]) && !isApiRequest(req) ? acceptedLocale(req.headers['accept-language']) : null;
    if (accepted) void reply.setCookie(cookie, accepted, { path: '/', sameSite: 'lax', maxAge: 31536000 });
  });
  // In production the admin API's description (every admin route and field) is for admins only:
  // by bearer token, or by the admin page session, since reading documentation changes nothing.
  if (options.name === 'admin' && config.env === 'production') {
    const accounts = app.get(AccountsService, { strict: false });
    fastify.addHook('onRequest', async (req: FastifyRequest) => {
      if (!isDocsPath(handledPath(req))) return;
      const actor = (await accounts.authenticate(bearerToken(req))) ?? (await accounts.authenticate(req.cookies?.[options.sessionCookie]));
      if (!actor) throw new UnauthorizedError('Log in as an admin to read the API documentation');
      if (!actor.roles.includes('admin')) throw new ForbiddenError('The API documentation of this app is for admins');
    });
  }
  // Pages authenticate by cookie, so every state-changing page request must carry the form's CSRF
  // token. API routes authenticate by bearer token only and need none. Both are decided on the
  // route actually served, so an encoded path (`/%61pi/...`) cannot pass for the other kind.
  fastify.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!UNSAFE.has(req.method) || isApiRequest(req)) return done();
    // A form with files is read only by its handler, which checks the token the form carried.
    if (isMultipartFormRequest(req) && tokenValue((req.query as Record<string, unknown> | undefined)?._csrf) === undefined && tokenValue(req.headers['x-csrf-token']) === undefined) {
      awaitFormToken(req);
      req.body = {};
      return done();
    }
    (fastify as unknown as { csrfProtection: (r: FastifyRequest, s: FastifyReply, d: (e?: Error) => void) => void }).csrfProtection(req, reply, (err?: Error) => {
      if (err) return done(err);
      // Page handlers read their form as an object of fields: a POST without a body is an empty
      // form, and a body that is no form at all (JSON null, a list, bare text) is refused.
      if (req.body === undefined) req.body = {};
      else if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) return done(new InvalidInputError([{ field: 'body', message: 'must be the fields of a form' }]));
      done();
    });
  });

  app.useGlobalFilters(new DomainErrorFilter());
  app.useGlobalPipes(createValidationPipe());

  const doc = new DocumentBuilder()
    .setTitle(TITLES[options.name])
    .setDescription('JSON API of the OCOP marketplace. Money is integer VND; times are ISO-8601 UTC. Errors are `{ statusCode, message, errors? }`.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/openapi.json' });

  await app.init();
  await fastify.ready();
  return app;
}
