import request from 'supertest';
import { MailMessage } from '@ocop/notifications';
import { startTestMarketplace, type TestMarketplace } from '../../../test/support/marketplace';

describe('storefront accounts API (embedded default)', () => {
  let m: TestMarketplace;
  const api = () => request(m.storefront.getHttpServer());

  beforeAll(async () => {
    m = await startTestMarketplace();
  });
  afterAll(() => m.close());

  it('registers a shopper and answers 201 with id and e-mail', async () => {
    const res = await api().post('/api/auth/register').send({ email: 'Lan@Example.vn', password: 'Gốm-Bát-Tràng-2025', name: 'Nguyễn Thị Lan' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), email: 'lan@example.vn' });
  });

  it('answers 409 when the e-mail is taken, whatever its case', async () => {
    await api().post('/api/auth/register').send({ email: 'taken@example.vn', password: 'Lụa-Vạn-Phúc-2025', name: 'A' }).expect(201);
    const res = await api().post('/api/auth/register').send({ email: 'TAKEN@example.vn', password: 'Lụa-Vạn-Phúc-2025', name: 'B' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, message: expect.stringMatching(/already exists/) });
  });

  it('answers 400 naming the field for a weak password, a bad e-mail or an unknown field, and creates nothing', async () => {
    const weak = await api().post('/api/auth/register').send({ email: 'weak@example.vn', password: 'short1', name: 'W' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([{ field: 'password', message: 'must be at least 10 characters long' }]);
    const bad = await api().post('/api/auth/register').send({ email: 'not-an-email', password: 'Gốm-Bát-Tràng-2025', name: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'email', message: 'must be a valid e-mail address' }]);
    const extra = await api()
      .post('/api/auth/register')
      .send({ email: 'x@example.vn', password: 'Gốm-Bát-Tràng-2025', name: 'X', roles: ['admin'] });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('roles');
    const login = await api().post('/api/auth/login').send({ email: 'weak@example.vn', password: 'short1' });
    expect(login.status).toBe(401);
  });

  it('answers 400, not 500, for malformed JSON', async () => {
    const res = await api().post('/api/auth/register').set('content-type', 'application/json').send('{"email":');
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('logs in with a bearer token that /me accepts and logout ends', async () => {
    await api().post('/api/auth/register').send({ email: 'minh@example.vn', password: 'Trà-Sen-Tây-Hồ-7', name: 'Minh' }).expect(201);
    const login = await api().post('/api/auth/login').send({ email: 'MINH@example.vn', password: 'Trà-Sen-Tây-Hồ-7' });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    expect(token).toEqual(expect.any(String));
    const me = await api().get('/api/auth/me').set('authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'minh@example.vn', roles: ['shopper'], vendorId: null });
    await api().post('/api/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    await api().get('/api/auth/me').set('authorization', `Bearer ${token}`).expect(401);
  });

  it('answers 401 to /me without a token or with a made-up one', async () => {
    expect((await api().get('/api/auth/me')).status).toBe(401);
    expect((await api().get('/api/auth/me').set('authorization', 'Bearer made-up')).status).toBe(401);
  });

  it('answers 401 for a wrong password, then 429 once the client has failed too often', async () => {
    await api().post('/api/auth/register').send({ email: 'target@example.vn', password: 'Miến-Dong-Bình-Liêu-1', name: 'T' }).expect(201);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (
          await api()
            .post('/api/auth/login')
            .send({ email: 'target@example.vn', password: `wrong-${i}` })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const limited = await api().post('/api/auth/login').send({ email: 'target@example.vn', password: 'Miến-Dong-Bình-Liêu-1' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('writes a welcome e-mail to the outbox and the worker keeps it there without SMTP', async () => {
    await api().post('/api/auth/register').send({ email: 'mail@example.vn', password: 'Chả-Mực-Hạ-Long-9', name: 'Hoa' }).expect(201);
    const repo = m.infra.dataSource.getRepository(MailMessage);
    const deadline = Date.now() + 5000;
    let msg = await repo.findOneBy({ to: 'mail@example.vn' });
    while (msg?.status === 'queued' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      msg = await repo.findOneBy({ to: 'mail@example.vn' });
    }
    expect(msg).toMatchObject({ template: 'welcome', locale: 'vi', status: 'kept' });
    expect(msg!.subject).toContain('Hoa');
  });

  it('reports health of database, jobs and search on every app', async () => {
    for (const app of [m.storefront, m.vendor, m.admin]) {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.status).toBe(200);
      expect(res.body.checks).toEqual({
        database: { status: 'up', type: 'better-sqlite3' },
        jobs: { status: 'up', type: 'in-process' },
        search: { status: 'up', type: 'embedded' },
      });
    }
  });

  it('serves OpenAPI docs generated from the DTOs', async () => {
    const res = await api().get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/auth/me']));
    expect(res.body.components.schemas.RegisterDto.properties).toHaveProperty('password');
    expect((await api().get('/api/docs')).status).toBe(200);
  });
});
