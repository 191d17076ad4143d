import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { projectRoot } from '@ocop/core';

const dist = (app: string, file = 'main.js') => join(projectRoot(), 'dist/apps', app, 'src', file);

/** Runs a compiled entry point with the given environment until it exits (or 60 s pass: loading every module is slow on a loaded machine). */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: mkdtempSync(join(tmpdir(), 'ocop-start-')) });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

const built = existsSync(dist('worker', 'embedded.js'));

(built ? describe : describe.skip)('start-up with a bad configuration (compiled processes)', () => {
  jest.setTimeout(90_000);
  it('exits non-zero naming DATABASE_URL when it is malformed', async () => {
    const res = await run(dist('worker', 'embedded.js'), { DATABASE_URL: 'mysql//broken' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL: must be sqlite:<file> or mysql://user:password@host:port/database');
  });

  it('exits non-zero naming DATABASE_URL when the database cannot be reached', async () => {
    const res = await run(dist('worker', 'embedded.js'), { DATABASE_URL: 'mysql://root@127.0.0.1:1/ocop' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/DATABASE_URL: cannot open mysql database 127\.0\.0\.1:1\/ocop/);
  });

  it('names every bad variable at once', async () => {
    const res = await run(dist('worker', 'embedded.js'), { STOREFRONT_PORT: 'eighty', REDIS_URL: 'localhost:6379' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('STOREFRONT_PORT');
    expect(res.stderr).toContain('REDIS_URL');
  });

  it('refuses to run an app as a separate process without Redis', async () => {
    const res = await run(dist('storefront'), { DATABASE_URL: 'sqlite:x.sqlite' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('REDIS_URL: is required when the apps and the worker run as separate processes');
  });

  it('exits non-zero naming REDIS_URL when Redis cannot be reached', async () => {
    const res = await run(dist('worker'), { DATABASE_URL: 'sqlite:x.sqlite', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('REDIS_URL: cannot reach Redis');
  });
});
