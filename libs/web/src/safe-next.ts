const BASE = 'http://next.invalid';
const ORIGIN = new URL(BASE).origin;

/**
 * Where to send a visitor after a form: a path on this site, percent-encoded as a Location
 * header must be (plain ASCII), or `/` for anything else — another origin, `//host`, a path
 * that would resolve to one, or something too long to be a real page. Pure.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A pathname like `//evil.example` (from `/.//evil.example`) would leave the site as a Location.
  return path.startsWith('/') && !path.startsWith('//') && /^[\x21-\x7e]+$/.test(path) ? path : '/';
}
