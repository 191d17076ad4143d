import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import request from 'supertest';
import { handOverSession } from '../src/session-handover';

describe('handOverSession on Fastify', () => {
  let app: FastifyInstance;
  const ended: string[] = [];

  beforeAll(async () => {
    app = Fastify();
    await app.register(fastifyCookie);
    // The route stands in for a login page: the session "t1" already exists when the answer is sent.
    app.post<{ Querystring: { to: string } }>('/login', async (req, reply) => {
      await handOverSession(
        reply,
        303,
        () => reply.setCookie('sid', 't1', { path: '/', httpOnly: true }).redirect(req.query.to, 303),
        async () => {
          ended.push('t1');
        },
      );
    });
    app.post('/throws', async (_req, reply) => {
      await handOverSession(
        reply,
        303,
        () => {
          throw new Error('cookie refused');
        },
        async () => {
          ended.push('t2');
        },
      );
    });
    await app.ready();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    ended.length = 0;
  });

  it('keeps the session when the cookie and the redirect went out', async () => {
    const res = await request(app.server).post('/login?to=/products');
    expect(res.status).toBe(303);
    expect(String(res.headers['set-cookie'])).toContain('sid=t1');
    expect(ended).toEqual([]);
  });

  it('ends the session when Fastify could not write the answer carrying its cookie', async () => {
    // A raw non-ASCII Location is refused by Node when the headers are written; Fastify answers 500.
    const res = await request(app.server).post(`/login?to=${encodeURIComponent('/products?q=gốm')}`);
    expect(res.status).toBe(500);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(ended).toEqual(['t1']);
  });

  it('ends the session when setting the cookie throws', async () => {
    const res = await request(app.server).post('/throws');
    expect(res.status).toBe(500);
    expect(ended).toEqual(['t2']);
  });
});
