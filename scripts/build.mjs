// Compiles apps, libs and scripts to dist/ (CommonJS) and rewrites the @ocop/* path aliases.
import { execFileSync } from 'node:child_process';
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('tsc-alias'), ['-p', 'tsconfig.build.json']);
