import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AccountsService } from '@ocop/accounts';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { FakeClock, startTestMarketplace, TEST_ADMIN, type TestMarketplace } from '../../../test/support/marketplace';

describe("vendor app: the caller's own certificates (embedded default)", () => {
  let m: TestMarketplace;
  let lanToken: string;
  let hoaToken: string;
  let ids: Record<string, string>;
  const vendorApi = () => request(m.vendor.getHttpServer());

  async function vendorRow(name: string) {
    return m.infra.tx.run(async (em) => {
      const village = Object.assign(new Village(), {
        id: randomUUID(),
        slug: `lang-${randomUUID().slice(0, 8)}`,
        name: 'Bát Tràng',
        province: 'Hà Nội',
        craft: 'gốm sứ',
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
        slug: `htx-${randomUUID().slice(0, 8)}`,
        name,
        type: 'cooperative',
        villageId: village.id,
        taxCode: null,
        address: null,
        status: 'approved',
        statusReason: null,
        contactEmail: null,
        approvedAt: new Date(),
      });
      await em.insert(Vendor, v);
      return v;
    });
  }

  async function member(email: string, password: string, vendorId: string): Promise<string> {
    const res = await vendorApi()
      .post('/api/auth/register')
      .send({ email, password, name: email.split('@')[0] })
      .expect(201);
    await m.vendor.get(AccountsService).setVendor(res.body.id, vendorId, 'owner');
    return m.token(m.vendor, email, password);
  }

  beforeAll(async () => {
    m = await startTestMarketplace({ clock: new FakeClock(new Date('2026-06-01T03:00:00Z')) });
    const [gom, lua] = [await vendorRow('HTX Gốm Bát Tràng'), await vendorRow('HTX Lụa Vạn Phúc')];
    lanToken = await member('lan@battrang.vn', 'Gom-Bat-Trang-2025', gom.id);
    hoaToken = await member('hoa@vanphuc.vn', 'Lua-Van-Phuc-2025', lua.id);
    const adminToken = await m.token(m.admin, TEST_ADMIN.email, TEST_ADMIN.password);
    const create = async (over: Record<string, unknown>) =>
      (
        await request(m.admin.getHttpServer())
          .post('/api/admin/certificates')
          .set('authorization', `Bearer ${adminToken}`)
          .send({ decisionNo: '1032/QĐ-UBND', issuingBody: 'UBND thành phố Hà Nội', level: 'provincial', productGroup: 'handicrafts', stars: 4, ...over })
          .expect(201)
      ).body.id as string;
    ids = {
      soon: await create({ vendorId: gom.id, productName: 'Bình gốm men lam', decisionDate: '2023-07-15' }),
      later: await create({ vendorId: gom.id, productName: 'Lọ hoa men rạn', decisionDate: '2025-03-01', stars: 5 }),
      lapsed: await create({ vendorId: gom.id, productName: 'Ấm trà', decisionDate: '2023-05-01', stars: 3 }),
      silk: await create({ vendorId: lua.id, productName: 'Khăn lụa tơ tằm', decisionDate: '2025-01-01' }),
    };
  });
  afterAll(() => m.close());

  it("lists only the caller's vendor's certificates with their derived status and days left", async () => {
    const res = await vendorApi().get('/api/vendor/certificates').set('authorization', `Bearer ${lanToken}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string; status: string; daysUntilExpiry: number }) => [c.id, c.status, c.daysUntilExpiry])).toEqual([
      [ids.lapsed, 'expired', 0],
      [ids.soon, 'active', 44],
      [ids.later, 'active', 639],
    ]);
    const other = await vendorApi().get('/api/vendor/certificates').set('authorization', `Bearer ${hoaToken}`);
    expect(other.body.items.map((c: { id: string }) => c.id)).toEqual([ids.silk]);
  });

  it('refuses a caller who works for no vendor, and one without a token', async () => {
    await vendorApi().post('/api/auth/register').send({ email: 'nobody@example.vn', password: 'Khong-Co-2025x', name: 'Nobody' }).expect(201);
    const token = await m.token(m.vendor, 'nobody@example.vn', 'Khong-Co-2025x');
    const res = await vendorApi().get('/api/vendor/certificates').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect((await vendorApi().get('/api/vendor/certificates')).status).toBe(401);
  });

  it('shows the certificates page with stars, plain-word status and days left, highlighting those expiring within 90 days', async () => {
    const form = await vendorApi().get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const cookies = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const login = await vendorApi()
      .post('/login')
      .set('cookie', cookies.join('; '))
      .type('form')
      .send({ _csrf: csrf, email: 'lan@battrang.vn', password: 'Gom-Bat-Trang-2025', next: '/certificates' });
    expect(login.status).toBe(303);
    const sid = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('ocop_vendor_sid='))!
      .split(';')[0];
    const page = await vendorApi().get('/certificates?lang=en').set('cookie', sid);
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 certificate expires within 90 days.');
    expect(page.text).toContain('Valid through 14 July 2026');
    expect(page.text).toContain('44 days left');
    expect(page.text).toContain('Expired after 30 April 2026');
    expect(page.text.match(/data-testid="renew-how"/g)).toHaveLength(2);
    expect(page.text).not.toContain('Khăn lụa tơ tằm');
    expect(page.text.match(/data-soon="true"/g)).toHaveLength(1);
    expect(page.text).toContain('5★');
    const vi = await vendorApi().get('/certificates?lang=vi').set('cookie', sid);
    expect(vi.text).toContain('Còn hiệu lực đến hết ngày 14 tháng 7, 2026');
  });
});
