import fc from 'fast-check';
import { decodeLeniently, isApiPath, normalisedPath } from './pages';
import { illFormedTextPath, jsonNestsDeeperThan, MAX_JSON_DEPTH } from './request-input';
import { withoutProperty } from './validation.pipe';

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects and ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"a":"\\"${'{'.repeat(100)}"}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan('[[],[],[],[]]', 2)).toBe(false);
  });

  it('agrees with the depth of any value JSON.stringify writes', () => {
    const depth = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const d = depth(v);
        expect(jsonNestsDeeperThan(JSON.stringify(v), d)).toBe(false);
        if (d > 0) expect(jsonNestsDeeperThan(JSON.stringify(v), d - 1)).toBe(true);
      }),
    );
  });

  it('allows real payloads well below the limit', () => {
    expect(MAX_JSON_DEPTH).toBeGreaterThanOrEqual(16);
  });
});

describe('illFormedTextPath', () => {
  it('names the first key or string holding a lone surrogate by its dotted path', () => {
    expect(illFormedTextPath({ email: 'a@b.c', story: { vi: 'ok', en: 'x\ud800' } })).toBe('story.en');
    expect(illFormedTextPath({ images: ['a', '\udc00'] })).toBe('images.1');
    expect(illFormedTextPath({ ['k\ud800']: 1 })).toBe('k\ufffd');
    expect(illFormedTextPath('\ud800')).toBe('');
  });

  it('accepts well-formed text, surrogate pairs included, and values that are not text', () => {
    expect(illFormedTextPath({ name: 'Gốm 🧵', n: 1, b: true, z: null, list: [[], {}] })).toBeNull();
    expect(illFormedTextPath(null)).toBeNull();
  });

  it('walks a value far deeper than the call stack allows', () => {
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(illFormedTextPath(deep)).toBe(`${'0.'.repeat(100_000 - 1)}0`);
  });
});

describe('normalisedPath', () => {
  it('decodes escapes, drops empty and dot segments and resolves dot-dot', () => {
    expect(normalisedPath('/%61pi/vendor/profile')).toBe('/api/vendor/profile');
    expect(normalisedPath('//api//vendor/./profile/')).toBe('/api/vendor/profile');
    expect(normalisedPath('/x/../api/vendor?x=/../y')).toBe('/api/vendor');
    expect(normalisedPath('/api%2Fvendor')).toBe('/api/vendor');
    expect(normalisedPath('/../../api')).toBe('/api');
  });

  it('decodes once, like the router', () => {
    expect(normalisedPath('/%2561pi/x')).toBe('/%61pi/x');
  });

  it('keeps malformed escapes as typed instead of throwing', () => {
    expect(normalisedPath('/%')).toBe('/%');
    expect(normalisedPath('/a%E0%A4%A/b')).toBe('/a%E0%A4%A/b');
    expect(normalisedPath('/%ED%A0%80')).toBe('/%ED%A0%80');
    fc.assert(fc.property(fc.string(), (s) => typeof normalisedPath(s) === 'string' && typeof decodeLeniently(s) === 'string'));
  });

  it('folds case only when routing ignores it', () => {
    expect(isApiPath(normalisedPath('/API/vendor'))).toBe(false);
    expect(isApiPath(normalisedPath('/API/vendor', false))).toBe(true);
  });
});

describe('withoutProperty', () => {
  it('strips the property name as text, whatever characters it holds', () => {
    expect(withoutProperty('email must be a string', 'email')).toBe('must be a string');
    expect(withoutProperty('( must be a string', '(')).toBe('must be a string');
    expect(withoutProperty('property ( should not exist', '(')).toBe('property ( should not exist');
    expect(withoutProperty('.* must be a string', '.*')).toBe('must be a string');
    expect(withoutProperty('ab must be a string', '.*')).toBe('ab must be a string');
  });
});
