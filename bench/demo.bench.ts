/**
 * The end-to-end time of `npm start` (strategy-report demo) on a fresh data directory, measured
 * as a user sees it: a new Node process from start to exit, a year of the whole pipeline. Then a
 * second run on the same directory, which should find everything done.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../infra/lib/repository-root';
import { figure, report } from './bench-result';

const dataDirectory = mkdtempSync(join(tmpdir(), 'strategy-report-demo-bench-'));
const run = () => {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['bin/strategy-report.js', '--data-dir', dataDirectory, 'demo'],
    {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  if (result.status !== 0) throw new Error(`the demo failed (exit ${result.status}): ${result.stderr}`);
  return (performance.now() - started) / 1000;
};

const first = run();
const second = run();
report({
  bench: 'demo',
  description:
    'npm start (strategy-report demo): a year of submissions, rollups, renders and e-mails, end to end',
  figures: [
    figure('first run on a fresh data directory', Math.round(first * 10) / 10, 's', {
      comparison: '<',
      value: 60,
    }),
    figure('second run on the same directory (skips what is done)', Math.round(second * 10) / 10, 's'),
  ],
  notes: [`Node ${process.version}; the time includes starting Node, the embedded servers and tsx`],
});
