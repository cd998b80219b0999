import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, RESULTS_DIRECTORY } from './bench-result';

/**
 * Runs every bench/*.bench.ts in its own Node process, one after another (so each one's peak
 * memory is its own and no two compete for the CPU), then merges their results into
 * bench/results/bench.json. Exits 1 when a bench fails to run; a missed target is reported, not
 * an error.
 */
const benchDirectory = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(benchDirectory)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();

let failed = false;
const results: Record<string, BenchResult> = {};
for (const file of files) {
  const bench = file.replace(/\.bench\.ts$/, '');
  console.log(`\n▶ ${file}`);
  const resultFile = join(RESULTS_DIRECTORY, `${bench}.json`);
  rmSync(resultFile, { force: true });
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDirectory, file)], {
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (run.status !== 0 || !existsSync(resultFile)) {
    console.error(`✗ ${file} failed (exit ${run.status ?? run.signal})`);
    failed = true;
    continue;
  }
  results[bench] = JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult;
}

const missed = Object.values(results).flatMap((result) =>
  result.figures.filter((entry) => entry.met === false).map((entry) => `${result.bench}: ${entry.name}`),
);
writeFileSync(
  join(RESULTS_DIRECTORY, 'bench.json'),
  `${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, results, missed }, null, 2)}\n`,
);
console.log(`\nResults in ${join(RESULTS_DIRECTORY, 'bench.json')}`);
console.log(missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.join('; ')}`);
process.exitCode = failed ? 1 : 0;
