import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

const HEADER = 'decisionNo,certificateNo,decisionDate,issuingBody,level,vendor,productName,productGroup,stars,expiresAt,status,revokeReason';

/** A cookie jar for one browser: page GETs hand out CSRF tokens, form POSTs carry them. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly server: unknown) {}
  private keep(res: request.Response) {
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string) {
    return this.keep(
      await request(this.server as never)
        .get(path)
        .set('cookie', this.cookie),
    );
  }
  async token(path: string) {
    const page = await this.get(path);
    return /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  }
  async post(path: string, form: Record<string, string>, tokenFrom = path) {
    const _csrf = await this.token(tokenFrom);
    return this.keep(
      await request(this.server as never)
        .post(path)
        .set('cookie', this.cookie)
        .type('form')
        .send({ _csrf, ...form }),
    );
  }
  async upload(path: string, tokenFrom: string, name: string, content: string) {
    const _csrf = await this.token(tokenFrom);
    return this.keep(
      await request(this.server as never)
        .post(path)
        .set('cookie', this.cookie)
        .field('_csrf', _csrf)
        .attach('file', Buffer.from(content), name),
    );
  }
  async login(email: string, password: string) {
    return this.post('/login', { email, password, next: '/' }, '/login?lang=en');
  }
}

const unescape = (s: string) =>
  s
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');

describe('admin certificate pages (embedded default)', () => {
  let m: TestMarketplace;
  let admin: Browser;
  let vendor: Vendor;

  beforeAll(async () => {
    m = await startTestMarketplace({ clock: new FakeClock(new Date('2026-06-01T03:00:00Z')) });
    vendor = await m.infra.tx.run(async (em) => {
      const village = Object.assign(new Village(), {
        id: randomUUID(),
        slug: 'van-phuc',
        name: 'Vạn Phúc',
        province: 'Hà Nội',
        craft: 'lụa',
        story: {},
        networks: [],
        photos: [],
        latitude: null,
        longitude: null,
        featured: false,
        featuredRank: null,
        featuredFrom: null,
        featuredUntil: null,
      });
      await em.insert(Village, village);
      const v = Object.assign(new Vendor(), {
        id: randomUUID(),
        slug: 'htx-lua-van-phuc',
        name: 'HTX Lụa Vạn Phúc',
        type: 'cooperative',
        villageId: village.id,
        taxCode: '0109876543',
        address: null,
        status: 'approved',
        statusReason: null,
        contactEmail: null,
        approvedAt: new Date(),
      });
      await em.insert(Vendor, v);
      return v;
    });
    admin = new Browser(m.admin.getHttpServer());
    expect((await admin.login(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
  });
  afterAll(() => m.close());

  it('turns a shopper away from the registry pages and sends a visitor to the login page', async () => {
    await request(m.storefront.getHttpServer()).post('/api/auth/register').send({ email: 'buyer@example.vn', password: 'Mua-Hang-2025x', name: 'Buyer' }).expect(201);
    const shopper = new Browser(m.admin.getHttpServer());
    expect((await shopper.login('buyer@example.vn', 'Mua-Hang-2025x')).status).toBe(403);
    const page = await shopper.get('/certificates');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fcertificates');
    const visitor = await request(m.admin.getHttpServer()).get('/inspections');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe('/login?next=%2Finspections');
  });

  it('creates a certificate from the form, shows it in the list and its page, and revokes it from there', async () => {
    const bad = await admin.post(
      '/certificates',
      { decisionNo: '1/QĐ-UBND', decisionDate: '2999-01-01', issuingBody: 'UBND', level: 'provincial', vendorId: vendor.id, productName: 'Khăn lụa', productGroup: 'handicrafts', stars: '4' },
      '/certificates?lang=en',
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<p class="field-error" id="decisionDate-error"[^>]*>[^<]*: must not be in the future\.<\/p>/);
    expect(bad.text).toContain('value="Khăn lụa"');
    const created = await admin.post('/certificates', {
      decisionNo: '1/QĐ-UBND',
      decisionDate: '2025-03-01',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      vendorId: vendor.id,
      productName: 'Khăn lụa tơ tằm',
      productGroup: 'handicrafts',
      stars: '4',
      expiresAt: '',
    });
    expect(created.status).toBe(303);
    const id = /\/certificates\/([0-9a-f-]{36})\?created=1/.exec(created.headers.location)![1];
    const list = await admin.get('/certificates?lang=en&q=lụa');
    expect(list.text).toContain('Khăn lụa tơ tằm');
    expect(list.text).toContain('data-status="active"');
    const detail = await admin.get(`/certificates/${id}?lang=en&created=1`);
    expect(detail.text).toContain('Certificate added.');
    expect(detail.text).toContain('2028-02-29');
    expect(detail.text).toContain('data-testid="revoke"');
    expect(detail.text).toContain('data-testid="renew"');
    expect(detail.text).toContain('<td data-testid="products">0 products, 0 on sale</td>');
    // The detail page's form leads to the confirmation page, which says what will happen and asks for the reason.
    const confirm = await admin.post(`/certificates/${id}/revoke?lang=en`, { reason: '', decisionNo: '' }, `/certificates/${id}?lang=en`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Revoke certificate 1/QĐ-UBND (Khăn lụa tơ tằm)?');
    expect(confirm.text).toContain('<li data-consequence="delisted" data-count="0">0 products will be delisted at once.</li>');
    expect(confirm.text).toContain('name="confirm" value="1"');
    const emptyReason = await admin.post(`/certificates/${id}/revoke?lang=en`, { confirm: '1', reason: ' ', decisionNo: '' }, `/certificates/${id}?lang=en`);
    expect(emptyReason.status).toBe(400);
    expect(emptyReason.text).toMatch(/<p class="field-error" id="confirm-reason-error"[^>]*>Reason: please fill this in\.<\/p>/);
    expect(await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id })).toMatchObject({ status: 'active', revokeReason: null });
    const revoked = await admin.post(`/certificates/${id}/revoke`, { confirm: '1', reason: 'Không duy trì chất lượng', decisionNo: '' }, `/certificates/${id}`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe(`/certificates/${id}?revoked=1`);
    const after = await admin.get(`/certificates/${id}?lang=en`);
    expect(after.text).toContain('<strong>revoked</strong>');
    expect(after.text).not.toContain('data-testid="revoke"');
    expect(await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id })).toMatchObject({ status: 'revoked', revokeReason: 'Không duy trì chất lượng' });
  });

  it('renews from the certificate page and lands on the new certificate', async () => {
    const c = await admin.post('/certificates', {
      decisionNo: '2/QĐ-UBND',
      decisionDate: '2023-07-01',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      vendorId: vendor.id,
      productName: 'Áo dài lụa',
      productGroup: 'handicrafts',
      stars: '3',
    });
    const id = /\/certificates\/([0-9a-f-]{36})/.exec(c.headers.location)![1];
    const renewed = await admin.post(
      `/certificates/${id}/renew`,
      { decisionNo: '3/QĐ-UBND', decisionDate: '2026-05-15', stars: '5', certificateNo: '', level: 'provincial', issuingBody: 'UBND thành phố Hà Nội', expiresAt: '' },
      `/certificates/${id}`,
    );
    expect(renewed.status).toBe(303);
    const freshId = /\/certificates\/([0-9a-f-]{36})\?renewed=1/.exec(renewed.headers.location)![1];
    const page = await admin.get(`/certificates/${freshId}?renewed=1&lang=en`);
    expect(page.text).toContain('The new certificate supersedes the old one.');
    expect(page.text).toContain(`href="/certificates/${id}"`);
    expect(page.text).toContain('5★');
  });

  it('previews an uploaded CSV file, then applies the same text with the Apply button', async () => {
    const csv = [
      HEADER,
      'R-1/QĐ-UBND,,2025-04-01,UBND thành phố Hà Nội,provincial,0109876543,Lụa tơ tằm Vạn Phúc,handicrafts,4,,,',
      'R-2/QĐ-UBND,,2025-04-01,UBND thành phố Hà Nội,provincial,htx-lua-van-phuc,"Khăn ""Lụa"" <b>in</b>",handicrafts,5,,,',
      'R-3/QĐ-UBND,,2025-04-01,UBND thành phố Hà Nội,provincial,nobody,Gối lụa,handicrafts,3,,,',
    ].join('\n');
    const preview = await admin.upload('/certificates/import', '/certificates/import?lang=en', 'registry.csv', csv);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Preview: nothing has been written yet');
    expect(preview.text).toContain('<td data-count="created">2</td>');
    expect(preview.text).toContain('<td data-count="rejected">1</td>');
    expect(preview.text).toMatch(/<td data-label="Row">4<\/td><td data-label="Problems">Vendor: no vendor has this id, tax code or slug<\/td>/);
    expect(preview.text).not.toContain('<b>in</b>');
    expect(await m.infra.dataSource.getRepository(Certificate).countBy({ productName: 'Lụa tơ tằm Vạn Phúc' })).toBe(0);
    const hidden = /<textarea name="csv" hidden aria-hidden="true">([\s\S]*?)<\/textarea>/.exec(preview.text)![1];
    expect(unescape(hidden)).toBe(csv);

    const applied = await admin.post('/certificates/import', { apply: '1', csv: unescape(hidden) }, '/certificates/import?lang=en');
    expect(applied.status).toBe(200);
    expect(applied.text).toContain('data-testid="applied"');
    expect(applied.text).toContain('<td data-count="created">2</td>');
    expect(await m.infra.dataSource.getRepository(Certificate).countBy({ productName: 'Khăn "Lụa" <b>in</b>' })).toBe(1);

    const noFile = await admin.upload('/certificates/import', '/certificates/import', 'empty.csv', '');
    expect(noFile.status).toBe(400);
    const noToken = await request(m.admin.getHttpServer()).post('/certificates/import').set('cookie', admin.cookie).attach('file', Buffer.from(csv), 'r.csv');
    expect(noToken.status).toBe(403);
  });

  it('records a failed inspection and offers revocation in one step with the reason filled in', async () => {
    const c = await admin.post('/certificates', {
      decisionNo: '9/QĐ-UBND',
      decisionDate: '2025-01-10',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      vendorId: vendor.id,
      productName: 'Lụa vân',
      productGroup: 'handicrafts',
      stars: '4',
    });
    const id = /\/certificates\/([0-9a-f-]{36})/.exec(c.headers.location)![1];
    const form = await admin.get(`/inspections?certificateId=${id}&lang=en`);
    expect(form.text).toContain(`value="${id}"`);
    const bad = await admin.post('/inspections', { certificateId: 'nope', inspectedOn: '2026-05-30', body: 'x', result: 'fail' }, '/inspections?lang=en');
    expect(bad.status).toBe(400);
    const recorded = await admin.post('/inspections', { certificateId: id, inspectedOn: '2026-05-30', body: 'Chi cục QLCL Hà Nội', result: 'fail', notes: 'Mẫu không đạt' }, '/inspections');
    expect(recorded.status).toBe(303);
    const page = await admin.get(`${recorded.headers.location}&lang=en`);
    expect(page.text).toContain('Inspection recorded.');
    expect(page.text).toContain(`action="/certificates/${id}/revoke"`);
    const reason = /<textarea id="offer-reason" name="reason"[^>]*>([^<]*)<\/textarea>/.exec(page.text)![1];
    expect(reason).toBe('Failed post-inspection on 2026-05-30 by Chi cục QLCL Hà Nội');
    const confirm = await admin.post(`/certificates/${id}/revoke?lang=en`, { reason, decisionNo: '' }, recorded.headers.location);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`>${reason}</textarea>`);
    expect(await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id })).toMatchObject({ status: 'active' });
    const revoked = await admin.post(`/certificates/${id}/revoke`, { confirm: '1', reason, decisionNo: '' }, recorded.headers.location);
    expect(revoked.status).toBe(303);
    expect(await m.infra.dataSource.getRepository(Certificate).findOneByOrFail({ id })).toMatchObject({ status: 'revoked', revokeReason: reason });
    const detail = await admin.get(`/certificates/${id}?lang=en`);
    expect(detail.text).toContain('data-result="fail"');
    const again = await admin.get(`${recorded.headers.location}&lang=en`);
    expect(again.text).not.toContain('data-testid="revoke-offer"');
  });
});
