import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from '@ocop/core';
import { createInfra, type Infra, type InfraOptions, type ProcessRole } from './infra';

/**
 * Runs a process: validates the configuration, opens the shared infrastructure, starts what
 * `start` returns and closes everything on SIGINT/SIGTERM. A bad configuration prints the
 * variable's name and exits with status 1.
 */
export async function runProcess(
  role: ProcessRole,
  start: (infra: Infra) => Promise<INestApplicationContext[]>,
  prepareEnv?: (env: NodeJS.ProcessEnv) => void,
  options: Omit<InfraOptions, 'clock'> = {},
): Promise<void> {
  let config: AppConfig;
  let infra: Infra;
  try {
    prepareEnv?.(process.env);
    config = loadConfig(process.env);
    Logger.overrideLogger(new ConsoleLogger({ json: true, logLevels: nestLevels(config.logLevel) }));
    infra = await createInfra(config, role, options);
  } catch (err) {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `start-up failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  }
  const logger = new Logger('Process');
  let contexts: INestApplicationContext[] = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15000);
    force.unref();
    for (const c of contexts.reverse()) await c.close().catch((e: Error) => logger.error(e.message));
    await infra.close().catch((e: Error) => logger.error(e.message));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  try {
    contexts = await start(infra);
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`start-up failed: ${(err as Error).stack ?? err}\n`);
    for (const c of contexts) await c.close().catch(() => undefined);
    await infra.close().catch(() => undefined);
    process.exit(1);
  }
}

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's levels at or above a pino level name (info is Nest's `log`, trace its `verbose`). */
function nestLevels(level: string): LogLevel[] {
  if (level === 'silent') return [];
  const mapped = ({ info: 'log', trace: 'verbose' } as Record<string, LogLevel>)[level] ?? (level as LogLevel);
  return ORDER.slice(0, ORDER.indexOf(mapped) + 1);
}
