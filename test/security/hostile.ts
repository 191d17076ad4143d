import fc from 'fast-check';

/**
 * Hostile inputs for the fuzz suites. JSON bodies are built as text from a small model, so that
 * they can hold what a JavaScript object cannot (a `__proto__` key, the same key twice, `-0`,
 * numbers beyond double range) and nesting thousands of levels deep without building it here.
 */

export class JObj {
  constructor(readonly entries: [string, JVal][]) {}
}
/** `depth` nested arrays or objects, written straight as text. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}
}
/** JSON text written as it is (numbers JSON.stringify cannot produce). */
export class Raw {
  constructor(readonly text: string) {}
}
export type JVal = null | boolean | number | string | JVal[] | JObj | Deep | Raw;

export function toJson(v: JVal): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v instanceof JObj) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  if (v instanceof Deep) return v.kind === 'array' ? `${'['.repeat(v.depth)}${']'.repeat(v.depth)}` : `${'{"a":'.repeat(v.depth)}{}${'}'.repeat(v.depth)}`;
  return v.text;
}

/** A short description of a JSON value for failure messages (deep and huge parts summarised). */
export function describeJson(v: JVal, max = 600): string {
  const d = (x: JVal): string => {
    if (typeof x === 'string') return x.length > 80 ? `${JSON.stringify(x.slice(0, 40))}…(${x.length} chars of ${JSON.stringify(x.slice(0, 4))}…)` : JSON.stringify(x);
    if (Array.isArray(x)) return `[${x.map(d).join(',')}]`;
    if (x instanceof JObj) return `{${x.entries.map(([k, y]) => `${JSON.stringify(k)}:${d(y)}`).join(',')}}`;
    if (x instanceof Deep) return `<${x.depth} nested ${x.kind}s>`;
    return toJson(x);
  };
  const text = d(v);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

const REGEX_BITS = ['(a+)+$', '(', ')', '[', ']', '*', '+', '?', '{1,', '\\', '^', '$', '.*', '|', '(?<x>', '\\1', '[^]'];

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
      '$where',
      '$gt',
      'a.b',
      'a[b]',
      '0',
      '',
      ' ',
      '\u0000',
      'x\u0000y',
      '\ud800',
      'ключ',
      'tên',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...REGEX_BITS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...REGEX_BITS, 'a', 'b'), { minLength: 2, maxLength: 8 }).map((p) => p.join('')) },
);

/** Sizes of the huge strings: up to about a megabyte. */
const HUGE = [4_097, 65_536, 300_000, 1_048_576];

export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HUGE), fc.constantFrom('a', 'é', '🏺', '(a+)+', '\u0000', ' ', 'a@', '\ud800', '-'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

export const nastyString: fc.Arbitrary<string> = fc.constantFrom(
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud800y',
  '\udc00\ud800',
  '(a+)+$',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
  '(',
  '[',
  '*',
  '\\',
  '${7*7}',
  '{{constructor.constructor}}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '../../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e308',
  '1e309',
  '0x1F',
  ' 12 ',
  '12abc',
  'true',
  'null',
  'undefined',
  '__proto__',
  '2025-02-30',
  '2025-13-01',
  '9999-12-31T23:59:59Z',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  'javascript:alert(1)',
  'http://[::1]:22/',
  'file:///etc/passwd',
  'a@b',
  'a@b.c',
  'x@x.x\u0000',
  '\u202e',
  '\ufeff',
  'ｆｕｌｌ',
  'A\u030a',
  '🏺🏺🏺',
  '\r\n\r\n',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
);

/**
 * A plausible string now and then carrying one hostile character (lone surrogate, NUL, bidi
 * override, CR/LF), so it passes the shape checks and reaches the code behind them.
 */
export function sprinkled(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const spoiled = fc.tuple(plausible, fc.constantFrom('\ud800', '\udfff', '\u0000', '\u202e', '\r\n', '\ufffe'), fc.nat()).map(([s, c, at]) => {
    const i = s.length ? at % (s.length + 1) : 0;
    return s.slice(0, i) + c + s.slice(i);
  });
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: spoiled });
}

export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...REGEX_BITS, 'a'), { maxLength: 30 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: hugeString },
);

export const anyNumber: fc.Arbitrary<JVal> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 31, 2 ** 32, -1, 0, 0.5, 1.5, 3, 4, 5, 6),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('-0', '1e400', '-1e400', '1E-400', '0.0000000000000000000000001', '123456789012345678901234567890').map((t) => new Raw(t)),
);

export const deep: fc.Arbitrary<Deep> = fc.tuple(fc.integer({ min: 100, max: 8_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => new Deep(d, k));

const leaf: fc.Arbitrary<JVal> = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 2, arbitrary: anyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Any JSON value at all: wrong types, hostile keys, deep nesting, huge strings. */
export const anyJson: fc.Arbitrary<JVal> = fc.letrec<{ value: JVal; array: JVal[]; object: JObj }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: tie('array') },
    { weight: 2, arbitrary: tie('object') },
    { weight: 1, arbitrary: deep },
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 }).map((e) => new JObj(e)),
})).value;

// ---------------------------------------------------------------------------------------------
// Query strings, built as raw text so that malformed escapes and odd separators go through.

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    // A lone surrogate cannot be encoded as UTF-8: send its would-be bytes as escapes.
    return '%ED%A0%80';
  }
};

const rawQueryPiece: fc.Arbitrary<string> = fc.constantFrom(
  '__proto__[x]=1',
  '__proto__.x=1',
  'constructor[prototype][x]=1',
  '__proto__=1',
  'a[]=1&a[]=2',
  'a[0]=1&a[1]=2',
  'x=%',
  'x=%zz',
  'x=%E0%A4%A',
  'x=%ED%A0%80',
  'x=%C0%AF',
  'x=%00',
  '%=%',
  '==',
  '&&&',
  '=',
  'x',
  'x=1;y=2',
  '%5B%5D=%5B',
  'lang=xx',
  'lang=%F0%9F%8F%BA',
  'page=-1',
  'page=1e309',
  'page=0x10',
  'limit=99999999999999999999',
);

/** The map's own entry: keys such as `__proto__` and `constructor` are fuzz input here. */
const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** A plausible value (when there is one) or a hostile string or number, as text. */
function withPlausible(plausible: fc.Arbitrary<string> | undefined, strings: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const hostile = fc.oneof({ weight: 3, arbitrary: strings }, { weight: 1, arbitrary: anyNumber.map((n) => (n instanceof Raw ? n.text : String(n))) });
  return plausible ? fc.oneof({ weight: 2, arbitrary: sprinkled(plausible) }, { weight: 1, arbitrary: hostile }) : hostile;
}

/**
 * A query string over the operation's own parameter names (`names`, with plausible `values` for
 * some): repeated keys, malformed escapes, prototype keys, very long values.
 */
export function queryString(names: string[], values: Record<string, fc.Arbitrary<string>> = {}): fc.Arbitrary<string> {
  const key = names.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileKey }) : hostileKey;
  const pair = key.chain((k) =>
    withPlausible(
      own(values, k),
      anyString.filter((s) => s.length <= 70_000),
    ).map((v) => `${enc(k)}=${enc(v)}`),
  );
  return fc.array(fc.oneof({ weight: 4, arbitrary: pair }, { weight: 1, arbitrary: rawQueryPiece }), { maxLength: 6 }).map((parts) => parts.join('&'));
}

// ---------------------------------------------------------------------------------------------
// Form bodies (application/x-www-form-urlencoded) for the pages.

export function formBody(names: string[], values: Record<string, fc.Arbitrary<string>>, csrf: string): fc.Arbitrary<string> {
  const value = (k: string): fc.Arbitrary<string> => withPlausible(own(values, k), anyString);
  const fields = fc.tuple(
    ...names.map((k) =>
      fc.option(
        value(k).map((v) => `${enc(k)}=${enc(v)}`),
        { nil: undefined, freq: 4 },
      ),
    ),
  );
  const repeated = fc.array(
    fc.constantFrom(...(names.length ? names : ['x'])).chain((k) => value(k).map((v) => `${enc(k)}=${enc(v)}`)),
    { maxLength: 2 },
  );
  const extra = fc.array(
    fc.oneof(
      hostileKey.chain((k) => anyString.map((v) => `${enc(k)}=${enc(v)}`)),
      rawQueryPiece,
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fields, repeated, extra).map(([o, r, e]) => [`_csrf=${enc(csrf)}`, ...o.filter((x): x is string => x !== undefined), ...r, ...e].join('&'));
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies: well-formed ones with odd parts, and malformed ones.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export interface Multipart {
  contentType: string;
  body: Buffer;
  summary: string;
}

const fileBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constant(PNG),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([PNG.subarray(0, 8), Buffer.from(b)])),
  fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
  fc.constantFrom(0, 1, 1_048_576, 6 * 1024 * 1024).map((n) => Buffer.alloc(n, 0x41)),
  fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
);

export function multipart(fields: string[]): fc.Arbitrary<Multipart> {
  const boundary = fc.constantFrom('----ocopfuzz', 'x', 'a'.repeat(70), '--', 'b"q', 'ü');
  const part = fc.record({
    name: fc.oneof(fc.constantFrom(...(fields.length ? fields : ['file'])), hostileKey),
    filename: fc.option(fc.oneof(fc.constantFrom('a.png', '../../x.png', 'a\u0000.png', 'ảnh.png', '', '.png', 'a.png\r\nX-Injected: 1', 'a'.repeat(1000)), fc.string({ maxLength: 20 })), {
      nil: undefined,
    }),
    type: fc.option(fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml', 'text/html', 'application/octet-stream', ''), { nil: undefined }),
    data: fileBytes,
  });
  const wellFormed = fc.tuple(boundary, fc.array(part, { maxLength: 3 }), fc.constantFrom('\r\n', '\n')).map(([b, parts, nl]) => {
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const disp = `Content-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
      chunks.push(Buffer.from(`--${b}${nl}${disp}${nl}${p.type === undefined ? '' : `Content-Type: ${p.type}${nl}`}${nl}`), p.data, Buffer.from(nl));
    }
    chunks.push(Buffer.from(`--${b}--${nl}`));
    return {
      contentType: `multipart/form-data; boundary=${b}`,
      body: Buffer.concat(chunks),
      summary: `multipart, boundary ${JSON.stringify(b)}, parts ${JSON.stringify(parts.map((p) => ({ name: p.name, filename: p.filename, type: p.type, bytes: p.data.length })))}`,
    };
  });
  const malformed = fc
    .tuple(
      fc.constantFrom(
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=zz',
        'multipart/form-data; boundary=----ocopfuzz',
        'multipart/form-data; boundary="----ocopfuzz',
        'multipart/mixed; boundary=----ocopfuzz',
        'multipart/form-data; boundary=----ocopfuzz; boundary=other',
      ),
      fc.oneof(
        fc.constantFrom(
          '',
          '--',
          '----ocopfuzz',
          '------ocopfuzz\r\n',
          '------ocopfuzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n',
          '------ocopfuzz\r\nContent-Disposition: form-data\r\n\r\nx\r\n------ocopfuzz--\r\n',
          '------ocopfuzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n------ocopfuzz',
          '------ocopfuzz\r\nContent-Disposition: attachment; name=file\r\n\r\nx\r\n------ocopfuzz--\r\n',
          '------ocopfuzz\r\n' + 'X-Header: y\r\n'.repeat(5000) + '\r\nx\r\n------ocopfuzz--\r\n',
          '------ocopfuzz--\r\n',
          'not multipart at all',
        ),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
    )
    .map(([ct, body]) => ({
      contentType: ct,
      body: Buffer.from(body, 'latin1'),
      summary: `malformed multipart ${JSON.stringify(ct)} ${JSON.stringify(body.slice(0, 120))}${body.length > 120 ? `… (${body.length} chars)` : ''}`,
    }));
  return fc.oneof(wellFormed, malformed);
}

// ---------------------------------------------------------------------------------------------
// CSV bodies for the registry import.

export function csvBody(header: string[]): fc.Arbitrary<string> {
  const cell = fc.oneof(
    { weight: 3, arbitrary: anyString.filter((s) => s.length < 70_000) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('"', '""', '"a""b"', '"unterminated', '=cmd|" /C calc"!A0', '+1', '@SUM(1)', '\r', '\n', ',', ';', '3', '4', '5', 'provincial', 'handicrafts', '2025-03-01'),
    },
  );
  const row = (n: number) => fc.array(cell, { minLength: 0, maxLength: n + 2 }).map((cells) => cells.join(','));
  return fc
    .tuple(
      fc.oneof(
        fc.constant(header.join(',')),
        fc.array(fc.oneof(fc.constantFrom(...header), hostileKey), { maxLength: header.length + 2 }).map((h) => h.join(',')),
        fc.constant(`\ufeff${header.join(',')}`),
      ),
      fc.array(row(header.length), { maxLength: 5 }),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([h, rows, nl]) => [h, ...rows].join(nl));
}
