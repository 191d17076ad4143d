import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from './error.filter';
import { decodeLeniently } from './pages';

/** Arrays and objects nest at most this deep in a JSON body; real payloads stay below 10. */
export const MAX_JSON_DEPTH = 32;

type Done = (err: Error | null, body?: unknown) => void;
export type StringParser = (req: FastifyRequest, body: string, done: Done) => void;

// Lone surrogates are what JSON's `\ud800` escape can produce and UTF-8 cannot carry: databases,
// hashing and e-mail libraries fail on them, so they are refused at the door.
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const printable = (s: string): string => (s as unknown as { toWellFormed(): string }).toWellFormed();

/**
 * Whether JSON text nests arrays and objects deeper than `max`. One pass over the characters,
 * skipping string contents, so it costs no more than the parse it protects. Pure.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * The dotted path (`story.vi`, `images.2`) of the first key or string in a parsed value that is
 * not well-formed Unicode, `''` when the value itself is such a string, or null when all are.
 * Iterative, so a deep value cannot exhaust the stack. Pure.
 */
export function illFormedTextPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!wellFormed(v)) return path;
    } else if (v !== null && typeof v === 'object') {
      const children: [unknown, string][] = [];
      for (const [key, child] of Object.entries(v)) {
        const at = path ? `${path}.${printable(key)}` : printable(key);
        if (!wellFormed(key)) return at;
        children.push([child, at]);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return null;
}

const notUnicode = (path: string) => new InvalidInputError([{ field: path || 'body', message: 'must be well-formed Unicode text (it holds a lone surrogate)' }]);

/** The charset a Content-Type header names, lower-cased and unquoted, or null when it names none. */
function charsetOf(contentType: string | undefined): string | null {
  for (const param of String(contentType ?? '')
    .split(';')
    .slice(1)) {
    const eq = param.indexOf('=');
    if (eq !== -1 && param.slice(0, eq).trim().toLowerCase() === 'charset')
      return param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return null;
}

/** Route config (`@RouteConfig(KEEP_RAW_BODY)`) of routes that need the exact bytes of their JSON body, such as signed webhooks. */
export const KEEP_RAW_BODY = { rawBody: true } as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact body bytes, kept only on routes configured with KEEP_RAW_BODY. */
    rawBody?: Buffer;
  }
}

/** The raw body a KEEP_RAW_BODY route received (empty when there was none). */
export const rawBodyOf = (req: FastifyRequest): Buffer => req.rawBody ?? Buffer.alloc(0);

/**
 * The `application/json` body parser of every app: Fastify's own parser (secure-json-parse, which
 * refuses `__proto__` and `constructor.prototype` keys), behind three checks that answer 4xx
 * instead of failing deeper in: a charset other than UTF-8 (415), nesting deeper than
 * MAX_JSON_DEPTH (400) and keys or strings that are not well-formed Unicode (400, naming the field).
 */
export function createJsonBodyParser(fastifyParser: StringParser) {
  return (req: FastifyRequest, body: Buffer, done: Done): void => {
    const charset = charsetOf(req.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      done(new UnsupportedMediaTypeException(`JSON must be sent as UTF-8, not ${charset}`));
      return;
    }
    // Signature checks need the bytes as sent; every check below still applies to these routes.
    if ((req.routeOptions?.config as { rawBody?: boolean } | undefined)?.rawBody) req.rawBody = body;
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new InvalidInputError([{ field: 'body', message: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels` }]));
      return;
    }
    fastifyParser(req, text, (err, parsed) => {
      if (err) return done(err);
      const bad = illFormedTextPath(parsed);
      if (bad !== null) return done(notUnicode(bad));
      done(null, parsed);
    });
  };
}

/**
 * Checks a request's query string before anything reads it: every name and value must be
 * percent-encoded UTF-8 (`?q=%E0%A4%A` is refused rather than read as typed) and no name may be
 * `__proto__`. Throws InvalidInputError naming the parameter.
 */
export function checkQueryString(req: FastifyRequest): void {
  const start = req.url.indexOf('?');
  if (start === -1) return;
  const hash = req.url.indexOf('#', start);
  const query = req.url.slice(start + 1, hash === -1 ? undefined : hash);
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const name = printable(decodeLeniently(rawName.replace(/\+/g, ' ')));
    if (name === '__proto__') throw new InvalidInputError([{ field: name, message: 'is not allowed as a parameter name' }]);
    if (!pair.includes('%')) continue;
    for (const part of [rawName, eq === -1 ? '' : pair.slice(eq + 1)]) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        throw new InvalidInputError([{ field: name, message: 'has a malformed percent-escape (send UTF-8, percent-encoded)' }]);
      }
      if (!wellFormed(decoded)) throw notUnicode(name);
    }
  }
  const bad = illFormedTextPath(req.query);
  if (bad !== null) throw notUnicode(bad);
}
