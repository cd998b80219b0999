#!/usr/bin/env node
// `npm run build:cli`, and `prepare` (so `npm ci` builds it): compiles the CLI into dist/cli so it
// starts without compiling TypeScript. Without esbuild (a production install) it says so and
// leaves the CLI to run from source; that is slower, never wrong.
import { relative } from 'node:path';
import { buildCli, REPOSITORY_ROOT } from './cli-build.js';

try {
  await import('esbuild');
} catch {
  console.log('strategy-report: esbuild is not installed; the CLI runs from source (slower start)');
  process.exit(0);
}
const started = performance.now();
const build = await buildCli();
console.log(
  `strategy-report: built the CLI into ${relative(REPOSITORY_ROOT, build.directory)} from ${build.inputs} source files in ${Math.round(performance.now() - started)} ms`,
);
