import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs every bench/*.bench.ts in its own process (so one bench's heap and JIT do not colour
 * another's) and merges the JSON each writes to bench/results/<name>.json into bench/results/bench.json.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const results = join(here, 'results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

const merged: Record<string, unknown> = {};
let failed = false;
for (const bench of benches) {
  const name = basename(bench, '.bench.ts');
  process.stdout.write(`\n== ${name} ==\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench)], {
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (run.status !== 0) failed = true;
  const output = join(results, `${name}.json`);
  if (existsSync(output)) merged[name] = JSON.parse(readFileSync(output, 'utf8'));
}
writeFileSync(join(results, 'bench.json'), `${JSON.stringify(merged, null, 2)}\n`);
process.stdout.write(`\nwrote ${join(results, 'bench.json')}\n`);
process.exitCode = failed ? 1 : 0;
