import request from 'supertest';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

describe('vendor app accounts (embedded default)', () => {
  let m: TestMarketplace;
  beforeAll(async () => {
    m = await startTestMarketplace();
  });
  afterAll(() => m.close());

  it('registers a cooperative member who can log in to the vendor app', async () => {
    const vendor = () => request(m.vendor.getHttpServer());
    await vendor().post('/api/auth/register').send({ email: 'htx@battrang.vn', password: 'Bat-Trang-Coop-1', name: 'HTX Gốm' }).expect(201);
    const token = await m.token(m.vendor, 'htx@battrang.vn', 'Bat-Trang-Coop-1');
    const me = await vendor().get('/api/auth/me').set('authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('htx@battrang.vn');
  });

  it('does not offer registration on the admin app', async () => {
    const res = await request(m.admin.getHttpServer()).post('/api/auth/register').send({ email: 'x@y.vn', password: 'Abcdefgh-123', name: 'X' });
    expect(res.status).toBe(404);
  });
});
