#!/usr/bin/env node
// Runs the CLI compiled at install (dist/cli, see bin/cli-build.js) while it is fresh, so it
// answers at once; otherwise (not built, or a source file changed since) straight from the
// TypeScript sources through tsx, which is slower to start but never stale.
// STRATEGY_REPORT_FROM_SOURCE=1 always runs from source.
import { freshCliBuild } from './cli-build.js';

const build = process.env.STRATEGY_REPORT_FROM_SOURCE === '1' ? undefined : freshCliBuild();
const verbose = process.argv.includes('--verbose');
if (build?.fresh) {
  // Stack traces (--verbose) name the TypeScript sources, not the chunks.
  if (verbose) process.setSourceMapsEnabled(true);
  await import(build.entry);
} else {
  if (verbose && build)
    process.stderr.write(`note: running from source: ${build.reason} (npm run build:cli starts it faster)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import('../shared/cli/main.ts');
}
