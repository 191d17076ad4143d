// The one test command (`npm test`): build and type-check (tests too), check the formatting
// (Prettier) and the lint (ESLint), check the layering, find or start MariaDB and Redis and find
// Chromium, run Jest once over every suite, then drop everything the run created and stop what it
// started.
//
//   node scripts/test.mjs [--fast] [jest args...]
//
// --fast                         unit and e2e suites only (no test/integration, no test/browser)
// MYSQL_URL, REDIS_URL           use these servers (and nothing else)
// OCOP_TEST_CHROMIUM             the browser for test/browser (default /usr/bin/chromium)
// OCOP_TEST_NO_LOCAL_SERVICES=1  do not probe 127.0.0.1:3306 / 6379 (start private servers)
// OCOP_TEST_START_SERVICES=0     never start private servers from local binaries
// CI=true                        a missing service is an error, not a warning
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteRunKeys, dropRunDatabases, findChromium, findMysql, findRedis, killStartedServersNow, stopStartedServers } from './services.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const jestArgs = args.filter((a) => a !== '--fast');
const ci = /^(true|1)$/i.test(process.env.CI ?? '');
const tty = process.stdout.isTTY;
const paint = (code, s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const STEPS = 6;

let child;
let jestRan = false;
let counts;
let signalled;
let tmp;
const services = { mysql: undefined, redis: undefined, chromium: undefined };
const runId = `r${Date.now().toString(36)}${randomBytes(3).toString('hex').slice(0, 4)}`;

function header(n, title) {
  const line = `── [${n}/${STEPS}] ${title} `;
  console.log(`\n${paint('1;36', line.padEnd(100, '─'))}`);
}

function run(cmd, cmdArgs, env = process.env) {
  return new Promise((resolve) => {
    const c = spawn(cmd, cmdArgs, { stdio: 'inherit', env });
    child = c;
    c.on('error', (err) => {
      console.error(`cannot run ${cmd}: ${err.message}`);
      if (child === c) child = undefined;
      resolve(127);
    });
    c.on('exit', (code, signal) => {
      if (child === c) child = undefined;
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 1));
    });
  });
}

/** Stops the running step (Jest, the build, the linters) and waits for it, so nothing writes during clean-up. */
async function stopChild(sig) {
  const c = child;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const gone = new Promise((resolve) => c.once('exit', resolve));
  c.kill(sig);
  const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function main() {
  let t = Date.now();
  header(1, 'Build: type-check and compile, then type-check the tests');
  let code = await run(process.execPath, ['scripts/build.mjs']);
  if (signalled) return 130;
  if (code !== 0) return fail('build', code);
  // The build leaves tests out and Jest only transpiles: check the tests' types here.
  code = await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
  if (signalled) return 130;
  if (code !== 0) return fail('type-check of the tests', code);
  console.log(`build ok (${seconds(t)})`);

  t = Date.now();
  header(2, 'Style: Prettier (npm run format) and ESLint (npm run lint)');
  code = await run(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.']);
  if (signalled) return 130;
  if (code !== 0) return fail('prettier --check (the files listed are not formatted; npm run format fixes them)', code);
  code = await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
  if (signalled) return 130;
  if (code !== 0) return fail('eslint (npm run lint shows the findings again)', code);
  console.log(`style ok (${seconds(t)})`);

  t = Date.now();
  header(3, 'Layering: dependency-cruiser (npm run lint:deps)');
  code = await run('npm', ['run', '--silent', 'lint:deps']);
  if (signalled) return 130;
  if (code !== 0) return fail('lint:deps', code);
  console.log(`layering ok (${seconds(t)})`);

  t = Date.now();
  header(4, 'Services: MariaDB, Redis, Chromium');
  tmp = mkdtempSync(join(tmpdir(), 'ocop-test-services-'));
  const opts = {
    tmp,
    skipStandardPort: process.env.OCOP_TEST_NO_LOCAL_SERVICES === '1',
    allowStart: process.env.OCOP_TEST_START_SERVICES !== '0',
    log: (m) => console.log(`  … ${m}`),
  };
  [services.mysql, services.redis] = await Promise.all([findMysql(opts), findRedis(opts)]);
  services.chromium = fast ? { skipped: '--fast' } : findChromium();
  const status = (name, s) =>
    s.skipped
      ? `  ${name.padEnd(9)} not needed (${s.skipped})`
      : s.missing
        ? `  ${name.padEnd(9)} ${paint('1;31', 'MISSING')}: ${s.missing}`
        : `  ${name.padEnd(9)} ${s.version} at ${s.where} (${s.how})`;
  console.log(status('MariaDB', services.mysql));
  console.log(status('Redis', services.redis));
  console.log(status('Chromium', services.chromium));
  console.log(`services ready (${seconds(t)})`);
  if (signalled) return 130;

  const missing = Object.entries({ MariaDB: services.mysql, Redis: services.redis, Chromium: services.chromium }).filter(([, s]) => s.missing);
  if (missing.length && ci) {
    console.error(paint('1;31', `\nCI=true and ${missing.map(([n]) => n).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: not running the tests.`));
    for (const [name, s] of missing) console.error(`  ${name}: ${s.missing}`);
    console.error('bash .ci/run installs and starts every service this needs.');
    return 1;
  }
  if (missing.length) warnSkipped(missing.map(([n]) => n));

  t = Date.now();
  header(5, `Jest: ${fast ? 'unit + e2e (--fast)' : 'unit, e2e, integration and browser'}${jestArgs.length ? ` [${jestArgs.join(' ')}]` : ''}`);
  const env = { ...process.env, OCOP_TEST_RUN_ID: runId };
  for (const k of ['OCOP_TEST_MYSQL_URL', 'OCOP_TEST_REDIS_URL', 'OCOP_TEST_CHROMIUM']) delete env[k];
  if (services.mysql.url) env.OCOP_TEST_MYSQL_URL = services.mysql.url;
  if (services.redis.url) env.OCOP_TEST_REDIS_URL = services.redis.url;
  if (services.chromium.path) env.OCOP_TEST_CHROMIUM = services.chromium.path;
  // Test processes put their temporary files (SQLite copies, browser profiles) under the run's
  // own directory, which clean-up removes.
  env.TMPDIR = join(tmp, 'tmp');
  mkdirSync(env.TMPDIR);
  env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning'].filter(Boolean).join(' ');
  console.log(`run id ${runId}: databases and Redis keys named ocop_t_${runId}* are removed afterwards`);
  // Jest would put its transform cache under TMPDIR too: keep it where it lives between runs.
  const cache = join(realpathSync(tmpdir()), `jest_${(process.getuid?.() ?? 0).toString(36)}`);
  const resultsFile = join(tmp, 'jest-results.json');
  const jestCli = ['node_modules/jest/bin/jest.js', '--ci', `--cacheDirectory=${cache}`, '--json', `--outputFile=${resultsFile}`, ...jestArgs];
  // The ignore pattern goes last: Jest's array options swallow the positional arguments after them.
  if (fast) jestCli.push('--testPathIgnorePatterns=/node_modules/|<rootDir>/test/(integration|browser)/');
  jestRan = true;
  code = await run(process.execPath, jestCli, env);
  console.log(`jest exited with ${code} (${seconds(t)})`);
  try {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, skipped: r.numPendingTests + r.numTodoTests };
  } catch {
    counts = undefined;
  }
  return code;
}

function fail(step, code) {
  console.error(paint('1;31', `\n${step} failed (exit ${code}): tests not run.`));
  return code || 1;
}

function warnSkipped(names) {
  const skipped = [];
  if (names.includes('MariaDB')) skipped.push(`every describeMysql(...) block${fast ? '' : ' (test/integration and elsewhere)'}: MariaDB contract suites, migrations and drift check, races`);
  if (names.includes('Redis')) skipped.push('every describeRedis(...) block: Bull job queue contract suite, two processes sharing Bull, Redis rate limits');
  if (names.includes('Chromium')) skipped.push('test/browser (*.browser-spec.ts): the flows a person clicks through');
  const bar = paint('1;33', '!'.repeat(100));
  const say = (s) => console.log(paint('1;33', `!!  ${s}`));
  console.log(`\n${bar}`);
  say(`${names.join(', ')} NOT AVAILABLE: these suites will be SKIPPED in this run:`);
  for (const s of skipped) say(`  - ${s}`);
  say('Set MYSQL_URL / REDIS_URL / OCOP_TEST_CHROMIUM, or install mariadb-server, redis-server and');
  say('chromium (bash .ci/run does). With CI=true this is an error.');
  console.log(`${bar}\n`);
}

let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    if (!tmp) return;
    header(6, 'Clean-up');
    const jobs = [];
    if (services.mysql?.url) {
      jobs.push(
        dropRunDatabases(services.mysql.url, runId).then(
          (n) => console.log(`  MariaDB: dropped ${n} database(s) ocop_t_${runId}*`),
          (err) => console.error(`  MariaDB: could not drop the run's databases: ${err.message}`),
        ),
      );
    }
    if (services.redis?.url) {
      jobs.push(
        deleteRunKeys(services.redis.url, runId).then(
          (n) => console.log(`  Redis: deleted ${n} key(s) ocop_t_${runId}*`),
          (err) => console.error(`  Redis: could not delete the run's keys: ${err.message}`),
        ),
      );
    }
    await Promise.all(jobs);
    const stopped = await stopStartedServers();
    if (stopped.length) console.log(`  stopped ${stopped.join(', ')} started for this run`);
    rmSync(tmp, { recursive: true, force: true });
    console.log(`  removed ${tmp}`);
  })();
  return cleaning;
}

function countFiles(dir, suffix) {
  let n = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith(suffix)) n += 1;
    }
  };
  walk(dir);
  return n;
}

function summary(code) {
  if (!jestRan) {
    console.log(`\n${paint('1;31', `FAILED (exit ${code})`)}  tests not run`);
    return;
  }
  const { mysql, redis, chromium } = services;
  const filtered = jestArgs.some((a) => !a.startsWith('-')) ? ' (path filter given)' : '';
  const against = (s) => (s.missing ? `no ${s === mysql ? 'MariaDB' : 'Redis'} (its suites SKIPPED)` : `${s.version} at ${s.where}`);
  const integration = fast ? 'not run (--fast)' : `${countFiles('test/integration', '.int-spec.ts')} file(s)${filtered}, ${against(mysql)}, ${against(redis)}`;
  const browser = fast
    ? 'not run (--fast)'
    : chromium.missing
      ? 'SKIPPED, no Chromium'
      : `${countFiles('test/browser', '.browser-spec.ts')} file(s)${filtered}, ${chromium.path} (${chromium.version})`;
  const line = `unit+e2e: SQLite${filtered}; integration: ${integration}; browser: ${browser}`;
  console.log(`\n${paint(code === 0 ? '1;32' : '1;31', code === 0 ? 'PASSED' : `FAILED (exit ${code})`)}  ${line}`);
  // The plain closing line CI reads: how many tests passed, failed and were skipped.
  if (counts) console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

function onSignal(sig) {
  if (signalled) {
    child?.kill('SIGKILL');
    killStartedServersNow();
    process.exit(130);
  }
  signalled = sig;
  console.error(`\n${sig}: stopping the tests and cleaning up (again to force)…`);
  stopChild(sig)
    .then(cleanup)
    .finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig));
process.on('exit', killStartedServersNow);

let exitCode;
try {
  exitCode = await main();
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await cleanup();
}
if (!signalled) {
  summary(exitCode);
  process.exit(exitCode);
}
