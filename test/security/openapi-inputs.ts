import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { send, UNKNOWN_TOKEN, type AppRoute, type World } from './harness';
import { anyJson, describeJson, JObj, sprinkled, toJson, type JVal } from './hostile';

// The app's own OpenAPI document (generated from its DTOs) and the inputs built from it: bodies
// with the operation's property names, plausible or hostile values, and query parameter values.

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export async function openApiDocument(app: NestFastifyApplication): Promise<OpenApiDoc> {
  const res = await send(app, { method: 'GET', url: '/api/docs/openapi.json' });
  if (res.status !== 200) throw new Error(`GET /api/docs/openapi.json answered ${res.status}`);
  return res.json() as OpenApiDoc;
}

export function operationOf(doc: OpenApiDoc, route: AppRoute): Operation | undefined {
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return doc.paths[path]?.[route.method.toLowerCase()];
}

export function resolve(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let out = s ?? {};
  for (let i = 0; out.$ref && i < 20; i++) out = doc.components?.schemas?.[out.$ref.replace('#/components/schemas/', '')] ?? {};
  if (out.allOf)
    out = out.allOf
      .map((x) => resolve(doc, x))
      .reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), { ...out, allOf: undefined });
  return out;
}

/** Plausible values for some property names: real ids of the caller's world, addresses, passwords. */
export type Hints = Record<string, fc.Arbitrary<JVal>>;

export function worldHints(w: World): Hints {
  const ids = (...xs: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: fc.uuid() });
  const emails = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...Object.values(w.people).map((p) => p.email), 'ai-do@example.vn', 'MOI@Example.VN') }, { weight: 1, arbitrary: fc.emailAddress() });
  const passwords = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...new Set(Object.values(w.people).map((p) => p.password))) },
    { weight: 1, arbitrary: fc.constantFrom('Mat-Khau-Moi-2026', 'short', 'aaaaaaaaaaaa', '1234567890ab') },
  );
  const dates = fc.oneof(
    fc.constantFrom('2025-03-01', '2026-05-20', '2030-01-01', '2024-02-29'),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  return {
    certificateId: ids(w.vendorA.certId, w.vendorB.certId),
    villageId: ids(w.village.id),
    vendorId: ids(w.vendorA.id, w.vendorB.id),
    productId: ids(w.vendorA.productId, w.vendorB.productId),
    email: sprinkled(emails),
    to: emails,
    name: sprinkled(fc.constantFrom('Nguyễn Thị Lan', 'HTX Gốm', 'Bát Tràng')),
    password: sprinkled(passwords),
    currentPassword: passwords,
    newPassword: sprinkled(passwords),
    token: fc.constantFrom(UNKNOWN_TOKEN, ''),
    decisionDate: dates,
    expiresAt: dates,
    from: dates,
    until: dates,
    images: fc.array(fc.constantFrom('https://example.vn/a.jpg', '/media/abc.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA'), { maxLength: 3 }),
  };
}

/** A value the schema would accept (or nearly), for one property. */
function plausible(doc: OpenApiDoc, schema: Schema | undefined, name: string, hints: Hints, depth: number): fc.Arbitrary<JVal> {
  if (Object.hasOwn(hints, name)) return hints[name];
  const s = resolve(doc, schema);
  let arb: fc.Arbitrary<JVal>;
  if (s.enum?.length) arb = fc.constantFrom(...(s.enum as JVal[]));
  else if (s.type === 'string')
    arb = sprinkled(s.example !== undefined ? fc.oneof(fc.constant(String(s.example)), fc.string({ maxLength: s.maxLength ?? 40 })) : fc.string({ minLength: 1, maxLength: s.maxLength ?? 40 }));
  else if (s.type === 'integer') arb = fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1_000_000 });
  else if (s.type === 'number') arb = fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1_000_000, noNaN: true });
  else if (s.type === 'boolean') arb = fc.boolean();
  else if (s.type === 'array') arb = fc.array(depth > 3 ? anyJson : plausible(doc, s.items, '', hints, depth + 1), { maxLength: 3 });
  else if (s.type === 'object' || s.properties) arb = depth > 3 ? anyJson : objectFor(doc, s, hints, depth + 1);
  else arb = s.example !== undefined ? fc.constant(s.example as JVal) : anyJson;
  return s.nullable ? fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }) : arb;
}

/** An object with the schema's property names, each plausible or hostile, plus now and then unknown keys. */
export function objectFor(doc: OpenApiDoc, schema: Schema, hints: Hints, depth = 0): fc.Arbitrary<JObj> {
  const s = resolve(doc, schema);
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const entries = props.map(([k, ps]) =>
    fc.option(
      fc.oneof({ weight: 3, arbitrary: plausible(doc, ps, k, hints, depth) }, { weight: 2, arbitrary: anyJson }).map((v): [string, JVal] => [k, v]),
      { nil: undefined, freq: required.has(k) ? 8 : 2 },
    ),
  );
  const extra = fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as [string, JVal][]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', '(a+)+$', '(', '[', '*'), fc.string({ maxLength: 8 })), anyJson), { minLength: 1, maxLength: 2 }) },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([own, more]) => new JObj([...own.filter((e): e is [string, JVal] => e !== undefined), ...more]));
}

/** A request body as sent, with a short description for failure messages. */
export interface Body {
  contentType?: string;
  payload: string | Buffer;
  summary: string;
}

const JSON_TYPES = fc.oneof(
  { weight: 14, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'text/plain',
      'text/csv',
      'application/x-www-form-urlencoded',
      'application/json, text/html',
      'application/octet-stream',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const BROKEN_JSON = fc.constantFrom(
  '',
  '{',
  '{"a":',
  'nul',
  '{"a":1}x',
  '\ufeff{}',
  '{"a":1,"a":2}',
  '[]',
  '"s"',
  '1',
  'null',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\u0000',
);

/** JSON bodies: an object shaped by the schema (when there is one), anything else now and then. */
export function jsonBody(doc: OpenApiDoc, schema: Schema | undefined, hints: Hints): fc.Arbitrary<Body> {
  const value: fc.Arbitrary<JVal> = schema ? fc.oneof({ weight: 8, arbitrary: objectFor(doc, schema, hints) }, { weight: 2, arbitrary: anyJson }) : anyJson;
  const text = fc.oneof(
    { weight: 12, arbitrary: value.map((v) => ({ text: toJson(v), summary: describeJson(v) })) },
    { weight: 1, arbitrary: BROKEN_JSON.map((t) => ({ text: t, summary: JSON.stringify(t) })) },
  );
  const invalidUtf8 = fc.constantFrom(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(text, JSON_TYPES).map(([t, ct]): Body => ({ contentType: ct, payload: t.text, summary: `${ct ?? '(no content-type)'} ${t.summary}` })) },
    { weight: 1, arbitrary: invalidUtf8.map((b): Body => ({ contentType: 'application/json', payload: b, summary: `application/json, invalid UTF-8 ${b.toString('hex')}` })) },
  );
}

/** Plausible values for a declared query parameter, when its name or schema suggests some. */
export const queryValueFor = (doc: OpenApiDoc, p: Parameter): fc.Arbitrary<string> | undefined => {
  const s = resolve(doc, p.schema);
  if (s.enum?.length) return fc.constantFrom(...s.enum.map(String));
  if (/page|limit|min|max|ratio|stars|price|days/i.test(p.name)) return fc.oneof(fc.integer({ min: 0, max: 1000 }).map(String), fc.constantFrom('1', '5', '200', '100001'));
  if (/id$/i.test(p.name)) return fc.oneof(fc.uuid(), fc.constant('not-a-uuid'));
  return undefined;
};
