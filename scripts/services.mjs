// Finds (or starts) the MariaDB, Redis and Chromium the test suites use, and removes what a
// test run left on them. Used by scripts/test.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';

const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
const started = new Set();

/** Absolute path of the first executable named `names` on PATH or in the system dirs. */
export function which(...names) {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SYSTEM_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const errorText = (err) => (err?.code && !String(err.message).includes(err.code) ? `${err.code} ${err.message}` : String(err?.message ?? err)) || String(err?.code ?? err);

// ---------------------------------------------------------------------------------------------
// MariaDB

/** `mysql://user:pass@host:port` with any database, query or `mariadb:` scheme dropped. */
export function mysqlServerUrl(raw) {
  const u = new URL(raw.replace(/^mariadb:/, 'mysql:'));
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : 'root@';
  return `mysql://${auth}${u.hostname}:${u.port || 3306}`;
}

function mysqlOptions(url) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    connectTimeout: 3000,
  };
}

async function withMysql(url, fn) {
  const conn = await mysql.createConnection(mysqlOptions(url));
  try {
    return await fn(conn);
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

/** The server's version string (`SELECT VERSION()`); rejects when it does not answer. */
export async function mysqlVersion(url) {
  return withMysql(url, async (conn) => {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return String(rows[0].v);
  });
}

function prettyMysqlVersion(v) {
  const m = /^(\d+\.\d+\.\d+)/.exec(v);
  return `${/mariadb/i.test(v) ? 'MariaDB' : 'MySQL'} ${m ? m[1] : v}`;
}

/**
 * MariaDB for the run: `MYSQL_URL` when set (and nothing else), else 127.0.0.1:3306 as root
 * without a password (unless `skipStandardPort`), else a private server started from the local
 * binaries (unless `allowStart` is false). Returns `{ url, version, where, how }` or `{ missing }`.
 */
export async function findMysql({ tmp, skipStandardPort = false, allowStart = true, log = () => {} }) {
  if (process.env.MYSQL_URL) {
    const url = mysqlServerUrl(process.env.MYSQL_URL);
    try {
      const version = await mysqlVersion(url);
      return { url, version: prettyMysqlVersion(version), where: hostPort(url), how: 'MYSQL_URL' };
    } catch (err) {
      return { missing: `MYSQL_URL (${redact(url)}) does not answer: ${errorText(err)}` };
    }
  }
  const tried = [];
  if (skipStandardPort) {
    tried.push('127.0.0.1:3306 not probed (OCOP_TEST_NO_LOCAL_SERVICES=1)');
  } else {
    const url = 'mysql://root@127.0.0.1:3306';
    try {
      const version = await mysqlVersion(url);
      return { url, version: prettyMysqlVersion(version), where: hostPort(url), how: 'standard port' };
    } catch (err) {
      tried.push(`127.0.0.1:3306 as root: ${errorText(err)}`);
    }
  }
  if (!allowStart) {
    tried.push('not started from local binaries (OCOP_TEST_START_SERVICES=0)');
  } else {
    const installDb = which('mariadb-install-db', 'mysql_install_db');
    const server = which('mariadbd', 'mysqld');
    if (installDb && server) {
      try {
        log(`starting a private MariaDB from ${server}`);
        return await startMariadb({ installDb, server, tmp });
      } catch (err) {
        tried.push(`starting ${server}: ${errorText(err)}`);
      }
    } else {
      tried.push('no mariadb-install-db/mariadbd on PATH or in /usr/sbin');
    }
  }
  return { missing: tried.join('; ') };
}

async function startMariadb({ installDb, server, tmp }) {
  const dir = join(tmp, 'mariadb');
  const datadir = join(dir, 'data');
  mkdirSync(datadir, { recursive: true });
  const logFile = join(dir, 'mariadb.log');
  const user = currentUser();
  const install = await runLogged(installDb, ['--no-defaults', `--datadir=${datadir}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db'], join(dir, 'install-db.log'));
  if (install !== 0) throw new Error(`${installDb} exited with ${install}:\n${tail(join(dir, 'install-db.log'))}`);

  const port = await freePort();
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--socket=${join(dir, 'mariadb.sock')}`,
    `--pid-file=${join(dir, 'mariadb.pid')}`,
    `--tmpdir=${dir}`,
    '--bind-address=127.0.0.1',
    `--port=${port}`,
    // Without these the server's default charset is latin1 and Vietnamese text breaks.
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    // Throwaway data: trade durability for speed.
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    '--innodb-fast-shutdown=2',
    '--skip-log-bin',
    '--max-connections=500',
  ];
  if (process.getuid?.() === 0) args.push('--user=root');
  const handle = spawnServer('MariaDB', server, args, logFile);
  const url = `mysql://root@127.0.0.1:${port}`;
  const version = await waitFor(handle, () => mysqlVersion(url), 60_000);
  return { url, version: prettyMysqlVersion(version), where: hostPort(url), how: `started from ${server}` };
}

/** Drops every database of this run (`ocop_t_<runId>%`); returns their number. */
export async function dropRunDatabases(url, runId) {
  return withMysql(url, async (conn) => {
    const [rows] = await conn.query('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?', [`ocop\\_t\\_${runId}%`]);
    for (const { name } of rows) await conn.query(`DROP DATABASE IF EXISTS \`${name.replace(/`/g, '``')}\``);
    return rows.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Redis

function redisClient(url) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  return client;
}

async function withRedis(url, fn) {
  const client = redisClient(url);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

/** The server's version after a PING; rejects when it does not answer. */
export async function redisVersion(url) {
  return withRedis(url, async (client) => {
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  });
}

/**
 * Redis for the run: `REDIS_URL` when set, else 127.0.0.1:6379 (unless `skipStandardPort`),
 * else `redis-server` started on a free port (unless `allowStart` is false).
 */
export async function findRedis({ tmp, skipStandardPort = false, allowStart = true, log = () => {} }) {
  if (process.env.REDIS_URL) {
    const url = process.env.REDIS_URL;
    try {
      return { url, version: `Redis ${await redisVersion(url)}`, where: hostPort(url), how: 'REDIS_URL' };
    } catch (err) {
      return { missing: `REDIS_URL (${redact(url)}) does not answer: ${errorText(err)}` };
    }
  }
  const tried = [];
  if (skipStandardPort) {
    tried.push('127.0.0.1:6379 not probed (OCOP_TEST_NO_LOCAL_SERVICES=1)');
  } else {
    const url = 'redis://127.0.0.1:6379';
    try {
      return { url, version: `Redis ${await redisVersion(url)}`, where: hostPort(url), how: 'standard port' };
    } catch (err) {
      tried.push(`127.0.0.1:6379: ${errorText(err)}`);
    }
  }
  if (!allowStart) {
    tried.push('not started from local binaries (OCOP_TEST_START_SERVICES=0)');
  } else {
    const server = which('redis-server');
    if (server) {
      try {
        log(`starting a private Redis from ${server}`);
        const dir = join(tmp, 'redis');
        mkdirSync(dir, { recursive: true });
        const port = await freePort();
        const handle = spawnServer('Redis', server, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], join(dir, 'redis.log'));
        const url = `redis://127.0.0.1:${port}`;
        const version = await waitFor(handle, () => redisVersion(url), 20_000);
        return { url, version: `Redis ${version}`, where: hostPort(url), how: `started from ${server}` };
      } catch (err) {
        tried.push(`starting ${server}: ${errorText(err)}`);
      }
    } else {
      tried.push('no redis-server on PATH or in /usr/bin');
    }
  }
  return { missing: tried.join('; ') };
}

/** Deletes every key of this run (`ocop_t_<runId>*`) with SCAN + UNLINK; returns their number. */
export async function deleteRunKeys(url, runId) {
  return withRedis(url, async (client) => {
    let n = 0;
    const stream = client.scanStream({ match: `ocop_t_${runId}*`, count: 1000 });
    for await (const keys of stream) {
      if (keys.length === 0) continue;
      await client.unlink(...keys);
      n += keys.length;
    }
    return n;
  });
}

// ---------------------------------------------------------------------------------------------
// Chromium

/** `OCOP_TEST_CHROMIUM` when set, else /usr/bin/chromium when it exists. */
export function findChromium() {
  const configured = process.env.OCOP_TEST_CHROMIUM;
  const path = configured || '/usr/bin/chromium';
  if (!isExecutable(path)) {
    return { missing: configured ? `OCOP_TEST_CHROMIUM=${configured} is not an executable file` : '/usr/bin/chromium does not exist (apt-get install chromium)' };
  }
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  const version = /(\d+\.\d+\.\d+\.\d+)/.exec(out.stdout ?? '')?.[1];
  return { path, version: version ? `Chromium ${version}` : 'version unknown', where: path, how: configured ? 'OCOP_TEST_CHROMIUM' : 'default path' };
}

// ---------------------------------------------------------------------------------------------
// Servers this script started

function spawnServer(name, cmd, args, logFile) {
  const fd = openSync(logFile, 'a');
  // Own process group: a Ctrl-C in the terminal reaches the runner, which drops the run's data
  // first and then stops the server itself.
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const handle = { name, child, logFile, exited: false, exitCode: null };
  child.on('exit', (code, signal) => {
    handle.exited = true;
    handle.exitCode = code ?? signal;
  });
  child.on('error', (err) => {
    handle.exited = true;
    handle.exitCode = err.message;
  });
  started.add(handle);
  return handle;
}

async function waitFor(handle, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (handle.exited) throw new Error(`${handle.name} exited (${handle.exitCode}) while starting:\n${tail(handle.logFile)}`);
    try {
      return await probe();
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`${handle.name} did not answer within ${timeoutMs / 1000} s (${errorText(last)}):\n${tail(handle.logFile)}`);
}

/** Stops every server started here (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopStartedServers(graceMs = 20_000) {
  const stopped = [];
  await Promise.all(
    [...started].map(async (h) => {
      started.delete(h);
      if (h.exited) return;
      const gone = new Promise((resolve) => h.child.once('exit', resolve));
      h.child.kill('SIGTERM');
      const timer = setTimeout(() => h.child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
      stopped.push(h.name);
    }),
  );
  return stopped;
}

/** Last resort when the runner exits without cleaning up: kill what it started, synchronously. */
export function killStartedServersNow() {
  for (const h of started) if (!h.exited) h.child.kill('SIGKILL');
}

// ---------------------------------------------------------------------------------------------

function runLogged(cmd, args, logFile) {
  return new Promise((resolve) => {
    const fd = openSync(logFile, 'a');
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function currentUser() {
  try {
    return spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim() || String(process.getuid?.());
  } catch {
    return process.env.USER ?? 'root';
  }
}

function tail(file, lines = 20) {
  if (!existsSync(file)) return '  (no log)';
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `  | ${l}`)
    .join('\n');
}

function hostPort(url) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 3306)}`;
}

/** The URL with any password replaced, for printing. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
