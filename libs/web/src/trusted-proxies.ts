import { AppConfig } from '@ocop/core';

interface ModuleLike {
  imports?: unknown[];
  providers?: unknown[];
}

function findConfig(module: unknown, seen: Set<unknown>): AppConfig | undefined {
  if (!module || typeof module !== 'object' || seen.has(module)) return undefined;
  seen.add(module);
  const m = module as ModuleLike;
  for (const p of m.providers ?? []) {
    const provider = p as { provide?: unknown; useValue?: unknown };
    if (provider?.provide === AppConfig && provider.useValue instanceof AppConfig) return provider.useValue;
  }
  for (const imported of m.imports ?? []) {
    const found = findConfig(imported, seen);
    if (found) return found;
  }
  return undefined;
}

/**
 * The `trustProxy` option for an app's Fastify adapter: the configured TRUST_PROXY list, or
 * false. Fastify takes it when the adapter is built, before the app exists, so it is read from
 * the configuration that the app's module (through InfraModule.forRoot) provides.
 */
export function trustedProxies(module: unknown): string[] | false {
  const config = findConfig(module, new Set());
  if (!config) throw new Error('the app module provides no AppConfig (import InfraModule.forRoot)');
  return config.trustProxy;
}
