import { UNKNOWN_ID, UNKNOWN_TOKEN, type AppRoute, type CallerName, type World } from './harness';

/**
 * Who may call a route, from CONTRACT.md and DESIGN.md:
 * - `public`: anyone, logged in or not;
 * - `signIn`: anyone may try; a request without valid credentials is answered 400 or 401, never
 *   403 (log-in forms and endpoints);
 * - `authenticated`: anyone logged in (401 otherwise; pages send GETs to the login page);
 * - `shopper`: holders of the shopper role (403 for others);
 * - `vendorMember`: people working for a vendor; someone who works for none is refused (403 or
 *   404), and another vendor's resource answers 404;
 * - `vendorOwner`: as `vendorMember`, and staff get 403;
 * - `admin`: the admin role only (403 for others).
 */
export type Category = 'public' | 'signIn' | 'authenticated' | 'shopper' | 'vendorMember' | 'vendorOwner' | 'admin';

/**
 * Every route of every app: `APP METHOD /path` → who may call it. A route the apps register that is
 * missing here fails the suite, and so does an entry no app registers.
 *
 * Left out on purpose, by the rules in `isExcludedFromAccessTable`: Swagger UI's assets and the
 * OpenAPI document (public by design, served by @nestjs/swagger on Fastify outside Nest), and
 * Fastify's automatic HEAD twin of every GET (it runs the GET's handler and guards).
 */
export const ACCESS: Record<string, Category> = {
  // Accounts and pages every app has.
  'storefront GET /health': 'public',
  'storefront POST /api/auth/login': 'signIn',
  'storefront POST /api/auth/register': 'public',
  'storefront POST /api/auth/logout': 'public',
  'storefront GET /api/auth/me': 'authenticated',
  'storefront POST /api/auth/password': 'authenticated',
  'storefront POST /api/auth/password-reset': 'public',
  'storefront POST /api/auth/password-reset/confirm': 'public',
  'storefront GET /login': 'public',
  'storefront POST /login': 'signIn',
  'storefront POST /logout': 'public',
  'storefront GET /password-reset': 'public',
  'storefront POST /password-reset': 'public',
  'storefront GET /password-reset/:token': 'public',
  'storefront POST /password-reset/:token': 'public',
  'storefront GET /account/password': 'authenticated',
  'storefront POST /account/password': 'authenticated',

  'vendor GET /health': 'public',
  'vendor POST /api/auth/login': 'signIn',
  'vendor POST /api/auth/register': 'public',
  'vendor POST /api/auth/logout': 'public',
  'vendor GET /api/auth/me': 'authenticated',
  'vendor POST /api/auth/password': 'authenticated',
  'vendor POST /api/auth/password-reset': 'public',
  'vendor POST /api/auth/password-reset/confirm': 'public',
  'vendor GET /login': 'public',
  'vendor POST /login': 'signIn',
  'vendor POST /logout': 'public',
  'vendor GET /password-reset': 'public',
  'vendor POST /password-reset': 'public',
  'vendor GET /password-reset/:token': 'public',
  'vendor POST /password-reset/:token': 'public',
  'vendor GET /account/password': 'authenticated',
  'vendor POST /account/password': 'authenticated',

  'admin GET /health': 'public',
  'admin POST /api/auth/login': 'signIn',
  'admin POST /api/auth/logout': 'public',
  'admin GET /api/auth/me': 'authenticated',
  'admin POST /api/auth/password': 'authenticated',
  'admin POST /api/auth/password-reset': 'public',
  'admin POST /api/auth/password-reset/confirm': 'public',
  'admin GET /login': 'public',
  'admin POST /login': 'signIn',
  'admin POST /logout': 'public',
  'admin GET /password-reset': 'public',
  'admin POST /password-reset': 'public',
  'admin GET /password-reset/:token': 'public',
  'admin POST /password-reset/:token': 'public',
  'admin GET /account/password': 'authenticated',
  'admin POST /account/password': 'authenticated',

  // Storefront: the catalogue, villages and certificate checks are public.
  'storefront GET /': 'public',
  'storefront GET /api/products': 'public',
  'storefront GET /api/products/:slug': 'public',
  'storefront GET /api/verify/:code': 'public',
  'storefront GET /api/villages': 'public',
  'storefront GET /api/villages/:slug': 'public',
  'storefront GET /api/stories/:slug': 'public',
  'storefront GET /products': 'public',
  'storefront GET /products/:slug': 'public',
  'storefront GET /verify': 'public',
  'storefront GET /verify/:code': 'public',
  'storefront GET /villages': 'public',
  'storefront GET /villages/:slug': 'public',
  'storefront GET /stories/:slug': 'public',
  'storefront GET /media/:key': 'public',
  'storefront GET /account': 'authenticated',
  // The shopper's pages: a guest may sign up and fill a cart; checkout and orders are the shopper's.
  'storefront GET /register': 'public',
  'storefront POST /register': 'public',
  'storefront GET /cart': 'public',
  'storefront POST /cart/items': 'public',
  'storefront POST /cart/update': 'public',
  'storefront POST /cart/remove': 'public',
  'storefront GET /checkout': 'shopper',
  'storefront POST /checkout': 'shopper',
  'storefront GET /orders/:id': 'shopper',
  'storefront GET /api/cart': 'shopper',
  'storefront POST /api/cart/items': 'shopper',
  'storefront PATCH /api/cart/items/:productId': 'shopper',
  'storefront DELETE /api/cart/items/:productId': 'shopper',
  'storefront POST /api/checkout': 'shopper',
  'storefront GET /api/orders': 'shopper',
  'storefront GET /api/orders/:id': 'shopper',
  // Payments: webhooks authenticate by their signature; the rest is the paying shopper's.
  'storefront POST /api/payments/stripe/webhook': 'public',
  'storefront POST /api/payments/vietqr/notifications': 'public',
  'storefront POST /api/payments/sandbox/:paymentId/complete': 'shopper',
  'storefront GET /api/orders/:id/payment': 'shopper',
  'storefront GET /pay/:paymentId': 'shopper',
  'storefront POST /pay/:paymentId/pay': 'shopper',
  'storefront POST /pay/:paymentId/decline': 'shopper',
  // Experiences are public; booking, the booking's page and cancelling it are the shopper's.
  'storefront GET /experiences/:id': 'public',
  'storefront POST /experiences/:id/book': 'shopper',
  'storefront GET /bookings/:id': 'shopper',
  'storefront POST /bookings/:id/cancel': 'shopper',
  'storefront GET /api/experiences': 'public',
  'storefront GET /api/experiences/:id': 'public',
  'storefront GET /api/experiences/:id/slots': 'public',
  'storefront POST /api/bookings': 'shopper',
  'storefront GET /api/bookings': 'shopper',
  'storefront GET /api/bookings/:id': 'shopper',
  'storefront POST /api/bookings/:id/cancel': 'shopper',
  // Experience dates in the cart: a guest's cart takes them too; the API is the shopper's.
  'storefront POST /experiences/:id/cart': 'public',
  'storefront POST /cart/bookings/remove': 'public',
  'storefront POST /api/cart/bookings': 'shopper',
  'storefront DELETE /api/cart/bookings/:slotId': 'shopper',

  // Vendor app: anyone logged in may sign a vendor up; everything else is the vendor's own.
  'vendor GET /': 'public',
  'vendor GET /media/:key': 'public',
  'vendor POST /api/vendors': 'authenticated',
  'vendor GET /onboarding': 'authenticated',
  'vendor POST /onboarding': 'authenticated',
  'vendor GET /api/vendor/profile': 'vendorMember',
  'vendor PATCH /api/vendor/profile': 'vendorOwner',
  'vendor GET /api/vendor/staff': 'vendorMember',
  'vendor POST /api/vendor/staff': 'vendorOwner',
  'vendor DELETE /api/vendor/staff/:userId': 'vendorOwner',
  'vendor POST /api/vendor/invitations/:token/accept': 'authenticated',
  'vendor DELETE /api/vendor/invitations/:id': 'vendorOwner',
  'vendor GET /invitations/:token': 'authenticated',
  'vendor POST /invitations/:token/accept': 'authenticated',
  'vendor GET /staff': 'vendorMember',
  'vendor POST /staff': 'vendorOwner',
  'vendor POST /staff/:userId/remove': 'vendorOwner',
  'vendor POST /staff/invitations/:id/withdraw': 'vendorOwner',
  'vendor GET /api/vendor/certificates': 'vendorMember',
  'vendor GET /certificates': 'vendorMember',
  'vendor GET /api/vendor/products': 'vendorMember',
  'vendor GET /api/vendor/stories': 'vendorMember',
  'vendor POST /api/vendor/stories': 'vendorMember',
  'vendor GET /api/vendor/stories/:id': 'vendorMember',
  'vendor PUT /api/vendor/stories/:id': 'vendorMember',
  'vendor GET /stories': 'vendorMember',
  'vendor GET /stories/new': 'vendorMember',
  'vendor POST /stories': 'vendorMember',
  'vendor GET /stories/:id': 'vendorMember',
  'vendor POST /stories/:id': 'vendorMember',
  'vendor POST /api/vendor/products': 'vendorMember',
  'vendor GET /api/vendor/products/:id': 'vendorMember',
  'vendor PATCH /api/vendor/products/:id': 'vendorMember',
  'vendor POST /api/vendor/products/:id/publish': 'vendorMember',
  'vendor POST /api/vendor/products/:id/unpublish': 'vendorMember',
  'vendor POST /api/vendor/products/:id/images': 'vendorMember',
  'vendor GET /api/vendor/products/:id/history': 'vendorMember',
  'vendor GET /api/vendor/products/:id/qr.png': 'vendorMember',
  'vendor GET /api/vendor/products/:id/qr.svg': 'vendorMember',
  'vendor GET /products': 'vendorMember',
  'vendor POST /products': 'vendorMember',
  'vendor GET /products/new': 'vendorMember',
  'vendor GET /products/:id': 'vendorMember',
  'vendor POST /products/:id': 'vendorMember',
  'vendor POST /products/:id/images': 'vendorMember',
  'vendor POST /products/:id/publish': 'vendorMember',
  'vendor POST /products/:id/unpublish': 'vendorMember',
  'vendor GET /products/:id/qr.png': 'vendorMember',
  'vendor GET /products/:id/qr.svg': 'vendorMember',
  'vendor GET /api/vendor/orders': 'vendorMember',
  'vendor GET /api/vendor/orders/:id': 'vendorMember',
  'vendor POST /api/vendor/orders/:id/pack': 'vendorMember',
  'vendor POST /api/vendor/orders/:id/ship': 'vendorMember',
  'vendor GET /orders': 'vendorMember',
  'vendor GET /orders/:id': 'vendorMember',
  'vendor POST /orders/:id/packed': 'vendorMember',
  'vendor POST /orders/:id/ship': 'vendorMember',
  'vendor GET /payouts': 'vendorMember',
  'vendor GET /experiences': 'vendorMember',
  'vendor GET /experiences/new': 'vendorMember',
  'vendor POST /experiences': 'vendorMember',
  'vendor GET /experiences/:id': 'vendorMember',
  'vendor POST /experiences/:id': 'vendorMember',
  'vendor POST /experiences/:id/publish': 'vendorMember',
  'vendor POST /experiences/:id/unpublish': 'vendorMember',
  'vendor POST /experiences/:id/slots': 'vendorMember',
  'vendor GET /experiences/:id/slots/:slotId': 'vendorMember',
  'vendor POST /experiences/:id/slots/:slotId/cancel': 'vendorMember',
  'vendor POST /api/vendor/experiences': 'vendorMember',
  'vendor GET /api/vendor/experiences': 'vendorMember',
  'vendor GET /api/vendor/experiences/:id': 'vendorMember',
  'vendor PATCH /api/vendor/experiences/:id': 'vendorMember',
  'vendor POST /api/vendor/experiences/:id/publish': 'vendorMember',
  'vendor POST /api/vendor/experiences/:id/unpublish': 'vendorMember',
  'vendor POST /api/vendor/experiences/:id/slots': 'vendorMember',
  'vendor GET /api/vendor/experiences/:id/bookings': 'vendorMember',
  'vendor GET /api/vendor/slots/:id/cancellation': 'vendorMember',
  'vendor POST /api/vendor/slots/:id/cancel': 'vendorMember',
  'vendor GET /api/vendor/balance': 'vendorMember',
  'vendor GET /api/vendor/ledger': 'vendorMember',

  // Admin app: every route but logging in is the admin's.
  'admin GET /': 'admin',
  'admin GET /api/admin/audit': 'admin',
  'admin GET /api/admin/scans/anomalies': 'admin',
  'admin GET /api/admin/outbox': 'admin',
  'admin GET /api/admin/outbox/:id': 'admin',
  'admin GET /api/admin/villages': 'admin',
  'admin POST /api/admin/villages': 'admin',
  'admin PATCH /api/admin/villages/:id': 'admin',
  'admin PUT /api/admin/villages/:id/featured': 'admin',
  'admin GET /api/admin/villages/featured': 'admin',
  'admin GET /api/admin/stories': 'admin',
  'admin POST /api/admin/stories': 'admin',
  'admin POST /api/admin/stories/:id/approve': 'admin',
  'admin POST /api/admin/stories/:id/reject': 'admin',
  'admin GET /api/admin/currency-rates': 'admin',
  'admin PUT /api/admin/currency-rates/:currency': 'admin',
  'admin GET /api/admin/vendors': 'admin',
  'admin GET /api/admin/vendors/:id': 'admin',
  'admin POST /api/admin/vendors/:id/approve': 'admin',
  'admin POST /api/admin/vendors/:id/suspend': 'admin',
  'admin GET /api/admin/certificates': 'admin',
  'admin POST /api/admin/certificates': 'admin',
  'admin POST /api/admin/certificates/import': 'admin',
  'admin GET /api/admin/certificates/:id': 'admin',
  'admin PATCH /api/admin/certificates/:id': 'admin',
  'admin POST /api/admin/certificates/:id/revoke': 'admin',
  'admin POST /api/admin/certificates/:id/renew': 'admin',
  'admin POST /api/admin/certificates/:id/inspections': 'admin',
  'admin GET /api/admin/certificates/:id/inspections': 'admin',
  'admin GET /api/admin/inspections': 'admin',
  'admin GET /audit': 'admin',
  'admin GET /outbox': 'admin',
  'admin GET /outbox/:id': 'admin',
  'admin GET /villages': 'admin',
  'admin POST /villages': 'admin',
  'admin POST /villages/:id/featured': 'admin',
  'admin GET /villages/new': 'admin',
  'admin GET /villages/:id': 'admin',
  'admin POST /villages/:id': 'admin',
  'admin GET /villages/preview': 'admin',
  'admin GET /stories': 'admin',
  'admin POST /stories': 'admin',
  'admin POST /stories/:id/:decision': 'admin',
  'admin GET /media/:key': 'admin',
  'admin GET /rates': 'admin',
  'admin POST /rates/:currency': 'admin',
  'admin GET /vendors': 'admin',
  'admin GET /vendors/:id': 'admin',
  'admin POST /vendors/:id/approve': 'admin',
  'admin POST /vendors/:id/suspend': 'admin',
  'admin GET /vendors/:id/suspend': 'admin',
  'admin GET /certificates': 'admin',
  'admin POST /certificates': 'admin',
  'admin GET /certificates/import': 'admin',
  'admin POST /certificates/import': 'admin',
  'admin GET /certificates/:id': 'admin',
  'admin POST /certificates/:id/revoke': 'admin',
  'admin GET /certificates/:id/revoke': 'admin',
  'admin POST /certificates/:id/renew': 'admin',
  'admin GET /inspections': 'admin',
  'admin POST /inspections': 'admin',
  'admin GET /api/admin/orders': 'admin',
  'admin GET /api/admin/orders/flagged': 'admin',
  'admin GET /api/admin/orders/:id': 'admin',
  'admin POST /api/admin/orders/:id/cancel': 'admin',
  'admin POST /api/admin/sub-orders/:id/review': 'admin',
  'admin GET /orders': 'admin',
  'admin GET /orders/review': 'admin',
  'admin POST /orders/review/:id': 'admin',
  'admin GET /orders/:id': 'admin',
  'admin POST /orders/:id/cancel': 'admin',
  'admin POST /orders/:id/refund': 'admin',
  'admin POST /orders/:id/confirm-transfer': 'admin',
  'admin GET /payments/flagged': 'admin',
  'admin GET /payouts': 'admin',
  'admin POST /payouts': 'admin',
  'admin GET /payouts/report.csv': 'admin',
  'admin POST /payouts/:id/paid': 'admin',
  'admin POST /api/admin/orders/:id/refund': 'admin',
  'admin POST /api/admin/orders/:id/confirm-transfer': 'admin',
  'admin GET /api/admin/payments/flagged': 'admin',
  'admin GET /api/admin/payouts': 'admin',
  'admin GET /api/admin/payouts.csv': 'admin',
  'admin POST /api/admin/payouts': 'admin',
  'admin POST /api/admin/payouts/:id/paid': 'admin',
};

/** Routes that end the caller's own session: each call gets a fresh one. */
export const endsSession = (r: { path: string }) => r.path === '/logout' || r.path === '/api/auth/logout';

/**
 * The only routes Fastify answers that the access table leaves out:
 * - HEAD: Fastify adds a HEAD twin to every GET, running the GET's handler, guards included;
 * - `/api/docs…`: Swagger UI, its assets and the OpenAPI document, public by design;
 * - `/static/*`: the marketplace's own drawings (files shipped with the code), public by design.
 */
export function isExcludedFromAccessTable(method: string, path: string): boolean {
  // The drawings under /static/ are served by @fastify/static, whose wildcard prints as `/*` in
  // Fastify's route tree (the `/static/` prefix belongs to the plugin's context); it serves files
  // only, and any other path still reaches the not-found page (tested with the error pages).
  return method === 'HEAD' || path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-') || path === '/static/*' || path === '/*';
}

// ---------------------------------------------------------------------------------------------
// What each caller is, as the suites set them up (not as the apps report them).

export interface CallerFacts {
  loggedIn: boolean;
  roles: ('shopper' | 'vendor' | 'admin')[];
  /** The vendor the caller works for: A or none. */
  vendor: 'A' | null;
  vendorRole: 'owner' | 'staff' | null;
}

export const CALLER_FACTS: Record<CallerName, CallerFacts> = {
  anonymous: { loggedIn: false, roles: [], vendor: null, vendorRole: null },
  // Registered through the storefront.
  shopper: { loggedIn: true, roles: ['shopper'], vendor: null, vendorRole: null },
  // Registered, signed vendor A up (approved by the admin).
  ownerA: { loggedIn: true, roles: ['shopper', 'vendor'], vendor: 'A', vendorRole: 'owner' },
  // Registered, then made staff of vendor A.
  staffA: { loggedIn: true, roles: ['shopper', 'vendor'], vendor: 'A', vendorRole: 'staff' },
  // The configured admin (ADMIN_EMAIL), holding the admin role only.
  admin: { loggedIn: true, roles: ['admin'], vendor: null, vendorRole: null },
};

export type Expectation =
  | { allowed: true; why: string }
  | { allowed: false; statuses: number[]; why: string }
  /** Not logged in on a protected route: 401 from the API and from page forms; page GETs go to /login. */
  | { allowed: false; login: true; why: string };

/**
 * The one rule deriving the expected answer from the route's category and the caller; `other` says
 * whether the request names another vendor's (B's) resource.
 */
export function expectation(category: Category, caller: CallerName, other: boolean): Expectation {
  const c = CALLER_FACTS[caller];
  if (category === 'public') return { allowed: true, why: 'public route' };
  if (category === 'signIn') return { allowed: false, statuses: [400, 401], why: 'anyone may try; no credentials were sent' };
  if (!c.loggedIn) return { allowed: false, login: true, why: 'not logged in' };
  switch (category) {
    case 'authenticated':
      return { allowed: true, why: 'logged in' };
    case 'shopper':
      return c.roles.includes('shopper') ? { allowed: true, why: 'shopper' } : { allowed: false, statuses: [403], why: 'not a shopper' };
    case 'admin':
      return c.roles.includes('admin') ? { allowed: true, why: 'admin' } : { allowed: false, statuses: [403], why: 'not an admin' };
    case 'vendorMember':
    case 'vendorOwner': {
      if (!c.vendor) return { allowed: false, statuses: [403, 404], why: 'works for no vendor' };
      const owner = category === 'vendorMember' || c.vendorRole === 'owner';
      if (other) return { allowed: false, statuses: owner ? [404] : [403, 404], why: "another vendor's resource" };
      return owner ? { allowed: true, why: 'works for the vendor' } : { allowed: false, statuses: [403], why: "staff, not the vendor's owner" };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Path parameters: the matrix fills them with vendor B's resources (or things nobody owns).

export interface ParamFill {
  value: string;
  /** The value names a resource of vendor B. */
  ofVendorB: boolean;
}

type Rule = [app: string, pattern: RegExp, param: string, fill: (w: World) => ParamFill];
const unknownToken = (): ParamFill => ({ value: UNKNOWN_TOKEN, ofVendorB: false });
const unknownId = (): ParamFill => ({ value: UNKNOWN_ID, ofVendorB: false });

const PARAM_RULES: Rule[] = [
  ['vendor', /\/products\/:id/, 'id', (w) => ({ value: w.vendorB.productId, ofVendorB: true })],
  ['vendor', /\/staff\/:userId/, 'userId', (w) => ({ value: w.people.ownerB.userId, ofVendorB: true })],
  ['vendor', /\/invitations\/:id/, 'id', (w) => (w.vendorB.invitationId ? { value: w.vendorB.invitationId, ofVendorB: true } : { value: UNKNOWN_ID, ofVendorB: false })],
  ['*', /\/:token/, 'token', unknownToken],
  ['*', /^\/media\/:key$/, 'key', () => ({ value: `${UNKNOWN_TOKEN}.png`, ofVendorB: false })],
  ['storefront', /\/products\/:slug$/, 'slug', (w) => ({ value: w.vendorB.productSlug, ofVendorB: false })],
  ['storefront', /\/villages\/:slug$/, 'slug', (w) => ({ value: w.village.slug, ofVendorB: false })],
  ['storefront', /\/stories\/:slug$/, 'slug', unknownToken],
  ['admin', /\/stories\/:id/, 'id', unknownId],
  ['admin', /\/stories\/:id\/:decision$/, 'decision', () => ({ value: 'approve', ofVendorB: false })],
  ['vendor', /^\/(api\/vendor\/)?stories\/:id$/, 'id', unknownId],
  ['admin', /\/currency-rates\/:currency$/, 'currency', () => ({ value: 'USD', ofVendorB: false })],
  ['admin', /^\/rates\/:currency$/, 'currency', () => ({ value: 'USD', ofVendorB: false })],
  ['storefront', /\/verify\/:code$/, 'code', (w) => ({ value: w.vendorB.traceCode, ofVendorB: false })],
  ['admin', /\/vendors\/:id/, 'id', (w) => ({ value: w.vendorB.id, ofVendorB: false })],
  ['admin', /\/certificates\/:id/, 'id', (w) => ({ value: w.vendorB.certId, ofVendorB: false })],
  ['admin', /\/villages\/:id/, 'id', (w) => ({ value: w.village.id, ofVendorB: false })],
  ['admin', /\/outbox\/:id$/, 'id', (w) => ({ value: w.mailId, ofVendorB: false })],
  ['vendor', /^\/orders\/:id/, 'id', unknownId],
  ['storefront', /^\/orders\/:id$/, 'id', unknownId],
  ['storefront', /^\/(experiences|bookings)\/:id/, 'id', unknownId],
  ['vendor', /^\/experiences\/:id/, 'id', unknownId],
  ['vendor', /^\/experiences\/:id\/slots\/:slotId/, 'slotId', unknownId],
  ['admin', /^\/orders\/(review\/)?:id/, 'id', unknownId],
  ['storefront', /^\/api\/cart\/items\/:productId$/, 'productId', unknownId],
  ['storefront', /^\/api\/cart\/bookings\/:slotId$/, 'slotId', unknownId],
  ['storefront', /^\/api\/orders\/:id$/, 'id', unknownId],
  ['storefront', /^\/api\/(experiences|bookings)\/:id/, 'id', unknownId],
  ['vendor', /^\/api\/vendor\/orders\/:id/, 'id', unknownId],
  ['vendor', /^\/api\/vendor\/(experiences|slots)\/:id/, 'id', unknownId],
  ['admin', /^\/api\/admin\/(sub-)?orders\/:id/, 'id', unknownId],
  ['admin', /^\/payouts\/:id/, 'id', unknownId],
  ['storefront', /^\/api\/orders\/:id\/payment$/, 'id', unknownId],
  ['storefront', /\/:paymentId/, 'paymentId', unknownId],
  ['admin', /^\/api\/admin\/payouts\/:id/, 'id', unknownId],
];

/** The route's path with every `:param` filled for the matrix; throws naming a parameter no rule fills. */
export function fillForMatrix(route: AppRoute, w: World): { url: string; ofVendorB: boolean } {
  let ofVendorB = false;
  const url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const rule = PARAM_RULES.find(([app, pattern, param]) => (app === '*' || app === route.app) && param === name && pattern.test(route.path));
    if (!rule) throw new Error(`${route.key}: no rule fills :${name}; add one to PARAM_RULES in test/security/route-access.ts`);
    const fill = rule[3](w);
    ofVendorB ||= fill.ofVendorB;
    return encodeURIComponent(fill.value);
  });
  return { url, ofVendorB };
}
