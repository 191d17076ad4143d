import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { CONFIG_VARIABLES, loadConfig, projectRoot } from '@ocop/core';
import { APP_FOLDERS, type AppName } from '@ocop/web';

type Service = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: string[];
};

const APPS = ['storefront', 'vendor', 'admin', 'worker'];
const WEB_PORTS: Record<string, string> = { storefront: 'STOREFRONT_PORT', vendor: 'VENDOR_PORT', admin: 'ADMIN_PORT' };

/** What an operator would put in .env; every required `${VAR:?…}` needs an entry here. */
const SAMPLE_ENV: Record<string, string> = {
  MYSQL_PASSWORD: 'sample-db-password',
  MYSQL_ROOT_PASSWORD: 'sample-root-password',
  MEILI_MASTER_KEY: 'sample-meili-master-key-0123456789',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'sample-admin-password',
};

const compose = load(readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;
const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

function rawEnvironment(s: Service): Record<string, string> {
  const env = s.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Compose's variable interpolation: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+a}. */
function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$(\$|[A-Za-z_][A-Za-z0-9_]*|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\})/g, (_m, whole: string, braced?: string, op?: string, arg = '') => {
    if (whole === '$') return '$';
    const name = braced ?? whole;
    const v = vars[name] ?? '';
    const unset = vars[name] === undefined;
    const unsetOrEmpty = v === '';
    switch (op) {
      case ':-':
        return unsetOrEmpty ? interpolate(arg, vars) : v;
      case '-':
        return unset ? interpolate(arg, vars) : v;
      case ':?':
      case '?':
        if (op === ':?' ? unsetOrEmpty : unset) throw new Error(`required variable ${name} is missing: ${arg}`);
        return v;
      case ':+':
        return unsetOrEmpty ? '' : interpolate(arg, vars);
      default:
        return v;
    }
  });
}

function environment(s: Service, vars: Record<string, string | undefined> = SAMPLE_ENV): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnvironment(s)).map(([k, v]) => [k, interpolate(v, vars)]));
}

function commandOf(s: Service): string {
  return Array.isArray(s.command) ? s.command.join(' ') : (s.command ?? '');
}

describe('docker-compose.yml', () => {
  it('builds the storefront, vendor, admin and worker from the one Dockerfile', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual([...APPS].sort());
    for (const [, s] of appServices) {
      const context = typeof s.build === 'string' ? s.build : (s.build?.context ?? '.');
      expect(context).toBe('.');
    }
    const dockerfile = readFileSync(join(projectRoot(), 'Dockerfile'), 'utf8');
    // Both stages on the same Node: the native addons compiled in the first must load in the second.
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(dockerfile).toMatch(/npm run build/);
  });

  it('starts each app from its own compiled entry point', () => {
    for (const [name, s] of appServices) {
      expect(commandOf(s)).toBe(`node dist/apps/${APP_FOLDERS[name as AppName] ?? name}/src/main.js`);
    }
  });

  it('sets only environment variables the config schema knows on the app services', () => {
    for (const [name, s] of appServices) {
      const unknown = Object.keys(rawEnvironment(s)).filter((k) => !CONFIG_VARIABLES.includes(k));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('gives every app a configuration that loadConfig accepts: production on MariaDB, Redis and Meilisearch', () => {
    for (const [name, s] of appServices) {
      let cfg;
      try {
        cfg = loadConfig(environment(s));
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
      expect(cfg.env).toBe('production');
      expect(cfg.database).toMatchObject({ type: 'mysql', host: 'mysql' });
      expect(cfg.redis?.url).toMatch(/^redis:\/\/redis:/);
      expect(cfg.meili?.url).toMatch(/^http:\/\/meilisearch:/);
      expect(cfg.host).toBe('0.0.0.0');
      expect(cfg.admin).toEqual({ email: SAMPLE_ENV.ADMIN_EMAIL, password: SAMPLE_ENV.ADMIN_PASSWORD });
    }
  });

  it('refuses to start without the database password, search master key and admin credentials', () => {
    for (const secret of ['MYSQL_PASSWORD', 'MEILI_MASTER_KEY', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
      const vars: Record<string, string | undefined> = { ...SAMPLE_ENV, [secret]: undefined };
      for (const [, s] of appServices) expect(() => environment(s, vars)).toThrow(new RegExp(`required variable ${secret} is missing`));
    }
  });

  it('never ships a default value for a password, secret or key', () => {
    const defaults = [...readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z0-9_]+):?-([^}]*)\}/g)];
    const secretDefaults = defaults.filter(([, name, value]) => /PASSWORD|SECRET|KEY/.test(name) && value !== '');
    expect(secretDefaults.map(([m]) => m)).toEqual([]);
  });

  it('points the apps at the database, user and search key the mysql and meilisearch services create', () => {
    const db = environment(services.mysql);
    const meili = environment(services.meilisearch);
    for (const [, s] of appServices) {
      const cfg = loadConfig(environment(s));
      expect(cfg.database).toMatchObject({ username: db.MARIADB_USER, password: db.MARIADB_PASSWORD, database: db.MARIADB_DATABASE, port: 3306 });
      expect(cfg.meili?.apiKey).toBe(meili.MEILI_MASTER_KEY);
    }
  });

  it('starts the apps only once MariaDB and Redis are healthy', () => {
    for (const [name, s] of appServices) {
      const deps = s.depends_on;
      expect(deps && !Array.isArray(deps)).toBe(true);
      const conditions = deps as Record<string, { condition?: string }>;
      expect({ service: name, mysql: conditions.mysql?.condition, redis: conditions.redis?.condition }).toEqual({
        service: name,
        mysql: 'service_healthy',
        redis: 'service_healthy',
      });
    }
  });

  it('publishes Meilisearch on the loopback address only, for the contract suite and the rebuild command', () => {
    expect(services.meilisearch.ports).toEqual(['127.0.0.1:7700:7700']);
  });

  it('gives every service a healthcheck', () => {
    const without = Object.entries(services)
      .filter(([, s]) => !s.healthcheck || s.healthcheck.disable || !s.healthcheck.test || s.healthcheck.test.length === 0 || s.healthcheck.test[0] === 'NONE')
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it("checks each web app's /health on the port that app listens on", () => {
    for (const [name, variable] of Object.entries(WEB_PORTS)) {
      const port = environment(services[name])[variable];
      const test = services[name].healthcheck?.test;
      expect(Array.isArray(test) ? test.join(' ') : test).toContain(`http://127.0.0.1:${port}/health`);
    }
  });

  it('keeps the build context small and free of local state', () => {
    const ignored = readFileSync(join(projectRoot(), '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data']));
    expect(existsSync(join(projectRoot(), 'Dockerfile'))).toBe(true);
  });
});
