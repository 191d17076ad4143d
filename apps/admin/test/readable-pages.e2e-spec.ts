import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Product } from '@ocop/catalog';
import { projectRoot, translationsOf } from '@ocop/core';
import { seedDemoData } from '../../../test/support/demo-data';
import { startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';
import { Browser } from '../../../test/support/order-fixtures';
import { ACCESS } from '../../../test/security/route-access';
import { shownText } from '../../../test/support/untranslated';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A reason or state code as the code keeps it: lower-case words joined by underscores. */
const SNAKE_CODE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;
/** Admin translation keys as a missing translation shows them (`adminOrders.goBack`). */
const ADMIN_KEY = /\badmin[A-Z][A-Za-z]*\.[A-Za-z]/;
/** The e-mail templates' codes (`order-confirmation`): the files of libs/notifications/templates. */
const TEMPLATE_CODES = [...new Set(readdirSync(join(projectRoot(), 'libs', 'notifications', 'templates')).map((f) => f.split('.')[0]))].filter((c) => c.includes('-'));

/** Admin pages that are no page to read: a photo and a CSV download. */
const NOT_PAGES = new Set(['/media/:key', '/payouts/report.csv']);

/** What is wrong with the words a page shows, one line each. */
function problems(where: string, html: string): string[] {
  const text = shownText(html);
  const found: string[] = [];
  const show = (re: RegExp) => {
    const m = re.exec(text);
    return m ? `“…${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}…”` : '';
  };
  if (UUID.test(text)) found.push(`${where}: an id ${show(UUID)}`);
  if (SNAKE_CODE.test(text)) found.push(`${where}: a code ${show(SNAKE_CODE)}`);
  for (const code of TEMPLATE_CODES) if (text.includes(code)) found.push(`${where}: the template code ${code}`);
  if (ADMIN_KEY.test(text)) found.push(`${where}: an untranslated key ${show(ADMIN_KEY)}`);
  for (const key of Object.keys(translationsOf('en'))) if (key.includes('.') && /[A-Z]/.test(key) && text.includes(key)) found.push(`${where}: the key ${key}`);
  return found;
}

describe('every admin page speaks words: no ids, reason codes, template codes or keys (embedded default, demo data)', () => {
  let m: TestMarketplace;
  let admin: Browser;
  let bearer: { authorization: string };
  const api = () => request(m.admin.getHttpServer());
  /** Every page to read, by its route: the routes of the access table each need one at least. */
  const pages = new Map<string, string[]>();
  const add = (route: string, ...paths: string[]) => pages.set(route, [...(pages.get(route) ?? []), ...paths]);
  let revokedId = '';
  let revokedDecision = '';
  let suspendedVendor = '';
  let revokedVendorName = '';

  beforeAll(async () => {
    m = await startTestMarketplace({ env: { LOGIN_MAX_FAILURES: '1000' } });
    await seedDemoData(m.admin, m.infra.clock);
    bearer = { authorization: `Bearer ${await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password)}` };
    admin = new Browser(m.admin);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);

    type Cert = { id: string; status: string; decisionNo: string; vendorId: string; supersedesId: string | null };
    const certs = async () => (await api().get('/api/admin/certificates?limit=200').set(bearer).expect(200)).body.items as Cert[];
    const listed = async (certificateId: string) => m.infra.dataSource.getRepository(Product).countBy({ certificateId, state: 'listed' });
    const active: Cert[] = [];
    for (const c of await certs()) if (c.status === 'active' && (await listed(c.id)) > 0) active.push(c);
    // A revocation, a renewal and a suspension through the pages, so the audit log and the outbox hold each kind.
    const [toRevoke, toRenew] = active.sort((a, b) => a.decisionNo.localeCompare(b.decisionNo));
    const revoked = await admin.post(`/certificates/${toRevoke.id}/revoke`, { confirm: '1', reason: 'Hậu kiểm không đạt', decisionNo: '123/QĐ-UBND' }, `/certificates/${toRevoke.id}`);
    expect(revoked.status).toBe(303);
    revokedId = toRevoke.id;
    revokedDecision = toRevoke.decisionNo;
    const today = m.infra.clock.now().toISOString().slice(0, 10);
    await api().post(`/api/admin/certificates/${toRenew.id}/renew`).set(bearer).send({ decisionNo: '77/QĐ-UBND-DEMO', decisionDate: today, stars: 4 }).expect(201);
    const vendors = (await api().get('/api/admin/vendors').set(bearer).expect(200)).body.items as { id: string; status: string; name: string }[];
    revokedVendorName = vendors.find((v) => v.id === toRevoke.vendorId)!.name;
    const other = active.find((c) => c.vendorId !== toRevoke.vendorId && c.vendorId !== toRenew.vendorId)!;
    suspendedVendor = other.vendorId;
    expect((await admin.post(`/vendors/${suspendedVendor}/suspend`, { confirm: '1', reason: 'Giấy phép hết hạn' }, `/vendors/${suspendedVendor}`)).status).toBe(303);
    const recorded = await admin.post('/inspections', { certificateId: other.id, inspectedOn: today, body: 'Chi cục QLCL', result: 'fail', notes: 'Mẫu không đạt' }, '/inspections');
    expect(recorded.status).toBe(303);

    const all = await certs();
    const stillActive = all.find((c) => c.status === 'active')!;
    add('/', '/');
    add('/audit', '/audit');
    add('/certificates', '/certificates', '/certificates?status=revoked');
    add('/certificates/import', '/certificates/import');
    add('/certificates/:id', ...all.map((c) => `/certificates/${c.id}`));
    add('/certificates/:id/revoke', `/certificates/${stillActive.id}/revoke`);
    add('/inspections', '/inspections', `/inspections?recorded=${recorded.headers.location.split('=')[1]}`, '/inspections?find=DEMO');
    add('/vendors', '/vendors', '/vendors?status=suspended');
    add('/vendors/:id', ...vendors.map((v) => `/vendors/${v.id}`));
    add('/vendors/:id/suspend', `/vendors/${vendors.find((v) => v.status === 'approved')!.id}/suspend`);
    const villages = (await api().get('/api/admin/villages').set(bearer).expect(200)).body.items as { id: string }[];
    add('/villages', '/villages');
    add('/villages/new', '/villages/new');
    add('/villages/:id', ...villages.map((v) => `/villages/${v.id}`));
    add('/villages/preview', `/villages/preview?on=${today}`);
    add('/stories', '/stories');
    add('/rates', '/rates');
    const orders = (await api().get('/api/admin/orders').set(bearer).expect(200)).body.items as { id: string }[];
    add('/orders', '/orders', '/orders?status=paid');
    add('/orders/review', '/orders/review');
    add('/orders/:id', ...orders.map((o) => `/orders/${o.id}`));
    add('/payments/flagged', '/payments/flagged');
    add('/payouts', '/payouts', `/payouts?from=${today.slice(0, 8)}01&to=${today}`);
    const mails = (await api().get('/api/admin/outbox?limit=200').set(bearer).expect(200)).body.items as { id: string; template: string }[];
    add('/outbox', '/outbox');
    add('/outbox/:id', ...mails.map((x) => `/outbox/${x.id}`));
    add('/account/password', '/account/password');
    expect(mails.some((x) => x.template === 'vendor-suspended')).toBe(true);
  }, 180_000);

  afterAll(() => m?.close());

  it('has a page to read for every page route of the admin app', () => {
    const routes = Object.entries(ACCESS)
      .filter(([key, category]) => key.startsWith('admin GET /') && !key.startsWith('admin GET /api') && (category === 'admin' || category === 'authenticated'))
      .map(([key]) => key.slice('admin GET '.length))
      .filter((path) => !NOT_PAGES.has(path));
    expect(routes.filter((r) => !pages.has(r))).toEqual([]);
    expect(pages.get('/outbox/:id')!.length).toBeGreaterThan(3);
    expect(pages.get('/orders/:id')!.length).toBeGreaterThan(0);
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`shows no id, code or key on any admin page in ${lang}`, async () => {
      const found: string[] = [];
      for (const [route, paths] of pages) {
        for (const path of paths) {
          const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
          const res = await admin.get(url);
          if (res.status !== 200) found.push(`${url} (${route}): HTTP ${res.status}`);
          else found.push(...problems(url, res.text));
        }
      }
      // The pages a visitor sees before logging in, in the same words.
      for (const path of ['/login', '/password-reset']) {
        const res = await request(m.admin.getHttpServer()).get(`${path}?lang=${lang}`);
        found.push(...(res.status === 200 ? problems(path, res.text) : [`${path}: HTTP ${res.status}`]));
      }
      expect(found).toEqual([]);
    }, 120_000);
  }

  it('tells the audit log in words: what happened, the product, the vendor, the decision linked, Vietnam time', async () => {
    const page = await admin.get('/audit?lang=en');
    const text = shownText(page.text);
    // As a browser runs the text together: a link inside a sentence adds no space.
    const words = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(words(page.text)).toContain(`Delisted: certificate revoked (decision ${revokedDecision})`);
    expect(page.text).toContain(`<a href="/certificates/${revokedId}">${revokedDecision}</a>`);
    expect(text).toContain('Delisted: vendor suspended');
    expect(text).not.toMatch(/listed → delisted|certificate_revoked/);
    expect(text).toContain(revokedVendorName);
    // Vietnam time: the admin's revocation a moment ago, at the hour it is in Hà Nội.
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hour12: false }).format(m.infra.clock.now());
    expect(text).toMatch(new RegExp(`\\b${hour}:\\d\\d\\b`));
    const vi = words((await admin.get('/audit?lang=vi')).text);
    expect(vi).toContain(`Gỡ khỏi chợ: chứng nhận bị thu hồi (quyết định ${revokedDecision})`);
  });

  it('links a renewed certificate and its successor by decision number, and names outbox templates in words', async () => {
    const all = (await api().get('/api/admin/certificates?limit=200').set(bearer).expect(200)).body.items as { id: string; decisionNo: string; supersedesId: string | null }[];
    const fresh = all.find((c) => c.decisionNo === '77/QĐ-UBND-DEMO')!;
    const old = all.find((c) => c.id === fresh.supersedesId)!;
    const page = await admin.get(`/certificates/${fresh.id}?lang=en`);
    expect(page.text).toMatch(new RegExp(`<td data-testid="supersedes"><a href="/certificates/${old.id}">${old.decisionNo}</a>`));
    const back = await admin.get(`/certificates/${old.id}?lang=en`);
    expect(back.text).toMatch(new RegExp(`<td data-testid="superseded-by"><a href="/certificates/${fresh.id}">77/QĐ-UBND-DEMO</a>`));
    const outbox = shownText((await admin.get('/outbox?lang=en')).text);
    expect(outbox).toContain('Vendor suspended');
    expect(outbox).toContain('Order confirmation');
    expect(shownText((await admin.get('/outbox?lang=vi')).text)).toContain('Xác nhận đơn hàng');
  });
});
