import { isIP } from 'node:net';
import Joi from 'joi';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string; host: string; port: number; username: string; password: string; database: string };

/** The validated configuration of one process; every adapter choice is read from here. */
export class AppConfig {
  env!: 'development' | 'production' | 'test';
  database!: DatabaseConfig;
  redis!: { url: string; prefix: string } | null;
  meili!: { url: string; apiKey?: string; indexPrefix: string } | null;
  smtp!: { url: string } | null;
  mailFrom!: string;
  host!: string;
  ports!: { storefront: number; vendor: number; admin: number };
  urls!: { storefront: string; vendor: string; admin: string };
  admin!: { email: string; password: string } | null;
  demoData!: boolean;
  /** Where uploaded files (product images) are kept by the local-disk storage. */
  storageDir!: string;
  login!: { maxFailures: number; windowSeconds: number };
  /** Accounts one client address may create per hour, across all apps. */
  registrationsPerHour!: number;
  /**
   * The reverse proxies whose `X-Forwarded-For`, `-Host` and `-Proto` headers are believed, as
   * addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`); false
   * trusts none, so the client address is the connection's own.
   */
  trustProxy!: string[] | false;
  sessionTtlHours!: number;
  payments!: {
    sandbox: boolean;
    /** `apiUrl` points the SDK at another host (an offline stand-in for Stripe's API in tests). */
    stripe: { secretKey: string; webhookSecret: string; apiUrl: string | null } | null;
    /** `webhookSecret` signs the bank's transfer notifications (HMAC-SHA256 of the raw body). */
    vietqr: { bankBin: string; accountNo: string; accountName: string; webhookSecret: string | null } | null;
    /** Minutes an order may stay unpaid (card and sandbox payments) before it is cancelled and its stock released. */
    orderPaymentMinutes: number;
    /** Hours an order paid by bank transfer (VietQR) may stay unpaid. */
    transferPaymentHours: number;
  };
  logLevel!: string;
}

/** Raised when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

const port = Joi.number().integer().min(0).max(65535);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Why one entry of TRUST_PROXY is not an address, a CIDR range or a proxy-addr name, or null. */
function proxyEntryProblem(entry: string): string | null {
  if (PROXY_NAMES.has(entry)) return null;
  const [address, range, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return `has "${entry}", which is not an IP address or CIDR range`;
  if (range === undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (/^\d{1,3}$/.test(range) && Number(range) <= bits) return null;
  if (family === 4 && isIP(range) === 4) return null;
  return `has "${entry}", whose prefix length is not from 0 to ${bits}`;
}

/**
 * TRUST_PROXY: `false` (or unset) trusts no proxy; otherwise a comma-separated list of the
 * proxies' addresses. `true` and hop counts are refused: neither can tell a proxy from a client
 * that connects directly and forges the headers (Fastify ignores hop counts for that reason).
 */
const trustProxy = Joi.string().custom((raw: string, helpers) => {
  const value = raw.trim();
  if (value === 'false') return false;
  if (value === 'true') return helpers.message({ custom: 'must list the proxies (e.g. 127.0.0.1,10.0.0.0/8): true would believe forwarded headers from every client' });
  if (/^\d+$/.test(value)) return helpers.message({ custom: 'must list the proxies (e.g. 127.0.0.1,10.0.0.0/8): a hop count cannot tell a proxy from a client that connects directly' });
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const problem = entry ? proxyEntryProblem(entry) : 'has an empty entry';
    if (problem) return helpers.message({ custom: `${problem}; expected false or a comma-separated list of addresses and CIDR ranges` });
  }
  return entries;
});
const httpUrl = Joi.string().uri({ scheme: ['http', 'https'] });

/** The environment after validation: defaults applied, numbers and booleans converted. */
interface ValidatedEnv {
  NODE_ENV: AppConfig['env'];
  DATABASE_URL: string;
  REDIS_URL?: string;
  REDIS_PREFIX: string;
  MEILI_URL?: string;
  MEILI_API_KEY?: string;
  MEILI_INDEX_PREFIX: string;
  SMTP_URL?: string;
  MAIL_FROM: string;
  HOST: string;
  STOREFRONT_PORT: number;
  VENDOR_PORT: number;
  ADMIN_PORT: number;
  STOREFRONT_URL?: string;
  VENDOR_URL?: string;
  ADMIN_URL?: string;
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
  DEMO_DATA?: boolean;
  STORAGE_DIR: string;
  LOGIN_MAX_FAILURES: number;
  LOGIN_WINDOW_SECONDS: number;
  REGISTRATIONS_PER_HOUR: number;
  TRUST_PROXY: string[] | false;
  SESSION_TTL_HOURS: number;
  SANDBOX_PAYMENTS?: boolean;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  VIETQR_BANK_BIN?: string;
  VIETQR_ACCOUNT_NO?: string;
  VIETQR_ACCOUNT_NAME?: string;
  VIETQR_WEBHOOK_SECRET?: string;
  STRIPE_API_URL?: string;
  ORDER_PAYMENT_MINUTES: number;
  TRANSFER_PAYMENT_HOURS: number;
  LOG_LEVEL: string;
}

const schema = Joi.object<ValidatedEnv>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  DATABASE_URL: Joi.string()
    .pattern(/^(sqlite:.+|(mysql|mariadb):\/\/.+)$/)
    .default('sqlite:data/ocop.sqlite')
    .messages({ 'string.pattern.base': 'must be sqlite:<file> or mysql://user:password@host:port/database' }),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }),
  REDIS_PREFIX: Joi.string()
    .pattern(/^[A-Za-z0-9_:-]+$/)
    .default('ocop'),
  MEILI_URL: httpUrl,
  MEILI_API_KEY: Joi.string(),
  MEILI_INDEX_PREFIX: Joi.string()
    .pattern(/^[A-Za-z0-9_-]*$/)
    .allow('')
    .default(''),
  SMTP_URL: Joi.string().uri({ scheme: ['smtp', 'smtps'] }),
  MAIL_FROM: Joi.string().default('OCOP Marketplace <no-reply@ocop.local>'),
  HOST: Joi.string().hostname().default('127.0.0.1'),
  STOREFRONT_PORT: port.default(3000),
  VENDOR_PORT: port.default(3001),
  ADMIN_PORT: port.default(3002),
  STOREFRONT_URL: httpUrl,
  VENDOR_URL: httpUrl,
  ADMIN_URL: httpUrl,
  ADMIN_EMAIL: Joi.string().email({ tlds: false }),
  ADMIN_PASSWORD: Joi.string().min(10),
  DEMO_DATA: Joi.boolean(),
  STORAGE_DIR: Joi.string().default('data/uploads'),
  LOGIN_MAX_FAILURES: Joi.number().integer().min(1).default(5),
  LOGIN_WINDOW_SECONDS: Joi.number().integer().min(1).default(900),
  REGISTRATIONS_PER_HOUR: Joi.number().integer().min(1).default(10),
  TRUST_PROXY: trustProxy.default(false),
  SESSION_TTL_HOURS: Joi.number()
    .integer()
    .min(1)
    .default(24 * 14),
  SANDBOX_PAYMENTS: Joi.boolean(),
  STRIPE_SECRET_KEY: Joi.string()
    .pattern(/^(sk|rk)_(test|live)_/)
    .messages({ 'string.pattern.base': 'must start with sk_test_, sk_live_, rk_test_ or rk_live_' }),
  STRIPE_WEBHOOK_SECRET: Joi.string()
    .pattern(/^whsec_/)
    .messages({ 'string.pattern.base': 'must start with whsec_' }),
  VIETQR_BANK_BIN: Joi.string()
    .pattern(/^\d{6}$/)
    .messages({ 'string.pattern.base': 'must be the 6-digit NAPAS bank BIN' }),
  VIETQR_ACCOUNT_NO: Joi.string().pattern(/^[0-9A-Za-z]{4,19}$/),
  VIETQR_ACCOUNT_NAME: Joi.string().max(50),
  VIETQR_WEBHOOK_SECRET: Joi.string().min(16),
  STRIPE_API_URL: httpUrl,
  ORDER_PAYMENT_MINUTES: Joi.number().integer().min(1).max(1440).default(30),
  TRANSFER_PAYMENT_HOURS: Joi.number().integer().min(1).max(168).default(24),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
})
  .and('STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET')
  .and('VIETQR_BANK_BIN', 'VIETQR_ACCOUNT_NO', 'VIETQR_ACCOUNT_NAME')
  .and('ADMIN_EMAIL', 'ADMIN_PASSWORD')
  .unknown(true);

/** The variables the schema knows; deployment files may set only these. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys((schema.describe().keys ?? {}) as Record<string, unknown>);

function parseDatabaseUrl(raw: string): DatabaseConfig {
  if (raw.startsWith('sqlite:')) return { type: 'sqlite', path: raw.slice('sqlite:'.length) };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError([{ variable: 'DATABASE_URL', message: 'is not a valid URL' }]);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!u.hostname || !database) {
    throw new ConfigError([{ variable: 'DATABASE_URL', message: 'must name a host and a database (mysql://user:password@host:port/database)' }]);
  }
  if (u.port && !/^\d+$/.test(u.port)) throw new ConfigError([{ variable: 'DATABASE_URL', message: 'has a bad port' }]);
  return {
    type: 'mysql',
    url: raw,
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password || ''),
    database,
  };
}

/**
 * Validates the environment and returns the typed configuration.
 * Throws ConfigError naming each bad variable; never falls back silently.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const result = schema.validate(cleaned, { abortEarly: false, convert: true });
  if (result.error) {
    throw new ConfigError(
      result.error.details.map((d) => {
        const missing = d.context?.missing as string[] | undefined;
        if (d.path.length === 0 && missing?.length) {
          return { variable: missing.join(', '), message: `must be set together with ${(d.context?.present as string[]).join(', ')}` };
        }
        return { variable: String(d.path[0] ?? '?'), message: d.message.replace(/^"[^"]+" /, '') };
      }),
    );
  }
  const v = result.value;
  const envName = v.NODE_ENV;
  const production = envName === 'production';
  const cfg = new AppConfig();
  cfg.env = envName;
  cfg.database = parseDatabaseUrl(v.DATABASE_URL);
  cfg.redis = v.REDIS_URL ? { url: v.REDIS_URL, prefix: v.REDIS_PREFIX } : null;
  cfg.meili = v.MEILI_URL ? { url: v.MEILI_URL, apiKey: v.MEILI_API_KEY, indexPrefix: v.MEILI_INDEX_PREFIX } : null;
  cfg.smtp = v.SMTP_URL ? { url: v.SMTP_URL } : null;
  cfg.mailFrom = v.MAIL_FROM;
  cfg.host = v.HOST;
  cfg.ports = { storefront: v.STOREFRONT_PORT, vendor: v.VENDOR_PORT, admin: v.ADMIN_PORT };
  const local = (p: number) => `http://${v.HOST === '0.0.0.0' ? 'localhost' : v.HOST}:${p}`;
  cfg.urls = {
    storefront: (v.STOREFRONT_URL ?? local(v.STOREFRONT_PORT)).replace(/\/$/, ''),
    vendor: (v.VENDOR_URL ?? local(v.VENDOR_PORT)).replace(/\/$/, ''),
    admin: (v.ADMIN_URL ?? local(v.ADMIN_PORT)).replace(/\/$/, ''),
  };
  cfg.demoData = v.DEMO_DATA ?? false;
  cfg.storageDir = v.STORAGE_DIR;
  cfg.admin = v.ADMIN_EMAIL && v.ADMIN_PASSWORD ? { email: v.ADMIN_EMAIL.toLowerCase(), password: v.ADMIN_PASSWORD } : null;
  cfg.login = { maxFailures: v.LOGIN_MAX_FAILURES, windowSeconds: v.LOGIN_WINDOW_SECONDS };
  cfg.registrationsPerHour = v.REGISTRATIONS_PER_HOUR;
  cfg.trustProxy = v.TRUST_PROXY;
  cfg.sessionTtlHours = v.SESSION_TTL_HOURS;
  cfg.payments = {
    sandbox: v.SANDBOX_PAYMENTS ?? !production,
    stripe: v.STRIPE_SECRET_KEY && v.STRIPE_WEBHOOK_SECRET ? { secretKey: v.STRIPE_SECRET_KEY, webhookSecret: v.STRIPE_WEBHOOK_SECRET, apiUrl: v.STRIPE_API_URL ?? null } : null,
    vietqr:
      v.VIETQR_BANK_BIN && v.VIETQR_ACCOUNT_NO && v.VIETQR_ACCOUNT_NAME
        ? { bankBin: v.VIETQR_BANK_BIN, accountNo: v.VIETQR_ACCOUNT_NO, accountName: v.VIETQR_ACCOUNT_NAME, webhookSecret: v.VIETQR_WEBHOOK_SECRET ?? null }
        : null,
    orderPaymentMinutes: v.ORDER_PAYMENT_MINUTES,
    transferPaymentHours: v.TRANSFER_PAYMENT_HOURS,
  };
  cfg.logLevel = v.LOG_LEVEL;
  if (production && cfg.payments.sandbox && !v.SANDBOX_PAYMENTS) cfg.payments.sandbox = false;
  return cfg;
}

/** One line naming each adapter choice, logged at start-up. */
export function describeConfig(cfg: AppConfig): string {
  const db = cfg.database.type === 'sqlite' ? `sqlite(${cfg.database.path})` : `mysql(${cfg.database.host}:${cfg.database.port}/${cfg.database.database})`;
  return [
    `database=${db}`,
    `jobs=${cfg.redis ? 'bull(redis)' : 'in-process'}`,
    `search=${cfg.meili ? 'meilisearch' : 'embedded'}`,
    `mail=${cfg.smtp ? 'smtp' : 'outbox-only'}`,
    `payments=${[cfg.payments.sandbox && 'sandbox', cfg.payments.stripe && 'stripe', cfg.payments.vietqr && 'vietqr'].filter(Boolean).join('+') || 'none'}`,
  ].join(' ');
}
