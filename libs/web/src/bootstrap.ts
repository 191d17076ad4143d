import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { isLocale } from '@ocop/core';
import { DomainErrorFilter } from './error.filter';
import { isApiRequest, LANG_COOKIE, Views } from './pages';
import { createValidationPipe } from './validation.pipe';
import { WebAppOptions } from './web-app.options';

const TITLES: Record<string, string> = {
  storefront: 'OCOP Marketplace — storefront API',
  vendor: 'OCOP Marketplace — vendor API',
  admin: 'OCOP Marketplace — admin API',
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Creates one app on Fastify with everything every app shares: JSON logs, helmet, cookies,
 * CSRF on every page form, language cookie, validation, the error shape, OpenAPI at /api/docs,
 * and Handlebars pages. The app is initialised but not listening.
 */
export async function createHttpApp(module: unknown): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: 20 * 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  const options = app.get(WebAppOptions);
  const fastify = app.getHttpAdapter().getInstance();

  await app.register(fastifyCookie as never);
  await app.register(fastifyCsrf as never, {
    cookieKey: options.csrfCookie,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true },
    // Multipart forms are parsed only by their handler, so they carry the token in the query string.
    getToken: (req: FastifyRequest) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.query as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(fastifyHelmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // Uploads (product images, registry CSV files): at most 10 files of 10 MiB each per request.
  await app.register(fastifyMultipart as never, { limits: { fileSize: 10 * 1024 * 1024, files: 10 } });
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_req: FastifyRequest, body: string | Buffer, done: (e: Error | null, b?: unknown) => void) => done(null, body));

  fastify.decorate('ocopViews', new Views(options));

  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    if (!isApiRequest(req) && isLocale(lang) && req.cookies?.[LANG_COOKIE] !== lang) {
      void reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', maxAge: 31536000 });
    }
  });
  // Pages authenticate by cookie, so every state-changing page request must carry the form's CSRF
  // token. API routes authenticate by bearer token only and need none.
  fastify.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!UNSAFE.has(req.method) || isApiRequest(req)) return done();
    (fastify as unknown as { csrfProtection: (r: FastifyRequest, s: FastifyReply, d: (e?: Error) => void) => void }).csrfProtection(req, reply, done);
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
