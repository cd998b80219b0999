#!/usr/bin/env node
// Runs the CLI compiled at install (dist/cli, see bin/cli-build.js) while it is fresh, so it
// answers at once; otherwise (not built, or a source file changed since) straight from the
// TypeScript sources through tsx, which is slower to start but never stale.
// STRATEGY_REPORT_FROM_SOURCE=1 always runs from source.
import { freshCliBuild } from './cli-build.js';

const verbose = process.argv.includes('--verbose');
const note = (text) => {
  if (verbose) process.stderr.write(`note: ${text}\n`);
};

async function fromBuild() {
  const build = process.env.STRATEGY_REPORT_FROM_SOURCE === '1' ? undefined : freshCliBuild();
  if (!build?.fresh) {
    if (build) note(`running from source: ${build.reason} (npm run build:cli starts it faster)`);
    return false;
  }
  // Stack traces (--verbose) name the TypeScript sources, not the chunks.
  if (verbose) process.setSourceMapsEnabled(true);
  try {
    // Once loaded, the CLI answers every error itself: only a build that cannot load lands here.
    await import(build.entry);
    return true;
  } catch (error) {
    note(`running from source: dist/cli does not load (${error?.message ?? error})`);
    return false;
  }
}

if (!(await fromBuild())) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../shared/cli/main.ts');
  } catch (error) {
    process.stderr.write(
      `error: ${error?.message ?? error}${verbose ? `\n${error?.stack ?? ''}` : ' (run with --verbose for details)'}\n`,
    );
    process.exitCode = 1;
  }
}
