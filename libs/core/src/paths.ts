import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

/**
 * The repository root (the folder holding nest-cli.json), found from the working directory
 * upwards; used for views and assets so the same code runs from dist/ and under Jest.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = resolve(process.cwd());
  for (;;) {
    if (existsSync(join(dir, 'nest-cli.json'))) return (cached = dir);
    const up = dirname(dir);
    if (up === dir) return (cached = resolve(process.cwd()));
    dir = up;
  }
}
