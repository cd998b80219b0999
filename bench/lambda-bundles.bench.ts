/**
 * Every Lambda function as the stack bundles it (esbuild, ESM with the stack's banner, minified,
 * everything bundled — infra/lib/function-entries.ts lists them): its size, and its cold import
 * time, the median over 5 fresh Node processes of how long `import()` of the bundle takes
 * (module evaluation and the AWS clients built from the environment): what a Lambda cold start
 * adds to Node's own start.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FUNCTION_ENTRIES, FUNCTION_NAMES } from '../infra/lib/function-entries';
import { REPOSITORY_ROOT } from '../infra/lib/repository-root';
import { bundleFunction } from '../test/support/bundle-function';
import { type BenchFigure, figure, report } from './bench-result';

const RUNS = 5;
const COLD_IMPORT_TARGET_MS = 500;
const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const figures: BenchFigure[] = [];
for (const name of FUNCTION_NAMES) {
  const bundle = await bundleFunction(join(REPOSITORY_ROOT, FUNCTION_ENTRIES[name].entry), 'esm');
  const gzipBytes = gzipSync(readFileSync(bundle.file)).length;
  const url = pathToFileURL(bundle.file).href;
  const script = `const start = performance.now(); await import(${JSON.stringify(url)}); process.stdout.write(String(performance.now() - start));`;
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        TABLE_NAME: 'bench-table',
        UPLOADS_BUCKET: 'bench-uploads',
        REPORTS_BUCKET: 'bench-reports',
        PRODUCT_CONFIG: '{}',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    runs.push(Number(output));
  }
  figures.push(
    figure(`${name}: bundle size`, Math.round((bundle.bytes / 1_048_576) * 100) / 100, 'MiB'),
    figure(`${name}: bundle size gzipped`, Math.round((gzipBytes / 1_048_576) * 100) / 100, 'MiB'),
    figure(`${name}: cold import (median of ${RUNS})`, Math.round(median(runs)), 'ms', {
      comparison: '<',
      value: COLD_IMPORT_TARGET_MS,
    }),
  );
}

report({
  bench: 'lambda-bundles',
  description: 'Each Lambda bundle as the stack builds it: size and cold import time',
  figures,
  notes: [
    `Node ${process.version}; bundles are ESM with the stack's createRequire banner, imported from a folder with no node_modules`,
  ],
});
