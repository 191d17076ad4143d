import fc from 'fast-check';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('percent-encodes a same-site path with non-ASCII letters instead of passing them to the Location header', () => {
    expect(safeNext('/products?q=gốm')).toBe('/products?q=g%E1%BB%91m');
    expect(safeNext('/làng-nghề/bát tràng#mô tả')).toBe('/l%C3%A0ng-ngh%E1%BB%81/b%C3%A1t%20tr%C3%A0ng#m%C3%B4%20t%E1%BA%A3');
  });

  it('keeps an already encoded path as it is', () => {
    expect(safeNext('/products?q=g%E1%BB%91m&page=2')).toBe('/products?q=g%E1%BB%91m&page=2');
    expect(safeNext('/outbox')).toBe('/outbox');
  });

  it('answers / for anything that would leave the site', () => {
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      '/.//evil.example',
      'https://evil.example/',
      'evil.example',
      'javascript:alert(1)',
      '',
      undefined,
      42,
      ['/x'],
      `/${'a'.repeat(2001)}`,
    ]) {
      expect(safeNext(bad)).toBe('/');
    }
  });

  it('always gives a plain-ASCII path on this site that it would give again unchanged', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `/${s}`),
          fc.webPath(),
        ),
        (raw) => {
          const out = safeNext(raw);
          expect(out).toMatch(/^\/(?!\/)[\x21-\x7e]*$/);
          expect(new URL(out, 'https://shop.example').origin).toBe('https://shop.example');
          expect(safeNext(out)).toBe(out);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
