import { ConfigError, loadConfig } from './config.schema';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.variable);
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to the embedded stack: SQLite file, in-process jobs, embedded search, sandbox payments', () => {
    const cfg = loadConfig({});
    expect(cfg.database).toEqual({ type: 'sqlite', path: 'data/ocop.sqlite' });
    expect(cfg.redis).toBeNull();
    expect(cfg.meili).toBeNull();
    expect(cfg.payments.sandbox).toBe(true);
    expect(cfg.ports).toEqual({ storefront: 3000, vendor: 3001, admin: 3002 });
    expect(cfg.urls.vendor).toBe('http://127.0.0.1:3001');
  });

  it('parses a MySQL URL into its parts', () => {
    const cfg = loadConfig({ DATABASE_URL: 'mysql://app:s%40cret@db.internal:3307/ocop' });
    expect(cfg.database).toMatchObject({ type: 'mysql', host: 'db.internal', port: 3307, username: 'app', password: 's@cret', database: 'ocop' });
  });

  it('names DATABASE_URL when it is malformed', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://x' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'mysql://host-without-db' })).toEqual(['DATABASE_URL']);
    expect(() => loadConfig({ DATABASE_URL: 'nonsense' })).toThrow(/DATABASE_URL: must be sqlite:<file> or mysql:/);
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ STOREFRONT_PORT: 'abc', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' }).sort()).toEqual(['LOG_LEVEL', 'REDIS_URL', 'STOREFRONT_PORT']);
  });

  it('requires the Stripe webhook secret with the Stripe key', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123' })).toThrow(/STRIPE_WEBHOOK_SECRET: must be set together with STRIPE_SECRET_KEY/);
  });

  it('turns off sandbox payments in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).payments.sandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX_PAYMENTS: 'true' }).payments.sandbox).toBe(true);
  });

  it('trusts no proxy unless TRUST_PROXY lists the proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,192.168.0.0/255.255.0.0,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      '192.168.0.0/255.255.0.0',
      'loopback',
    ]);
  });

  it('names TRUST_PROXY for a value that is not a list of proxy addresses', () => {
    for (const bad of ['true', '1', '2', 'proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1,', '10.0.0.0/8/1', '300.1.1.1']) {
      expect(problemsOf({ TRUST_PROXY: bad })).toEqual(['TRUST_PROXY']);
    }
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY: must list the proxies .*hop count/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY: has "proxy.internal", which is not an IP address/);
  });

  it('limits registrations to ten per client address and hour unless REGISTRATIONS_PER_HOUR says otherwise', () => {
    expect(loadConfig({}).registrationsPerHour).toBe(10);
    expect(loadConfig({ REGISTRATIONS_PER_HOUR: '3' }).registrationsPerHour).toBe(3);
    expect(problemsOf({ REGISTRATIONS_PER_HOUR: '0' })).toEqual(['REGISTRATIONS_PER_HOUR']);
  });
});
