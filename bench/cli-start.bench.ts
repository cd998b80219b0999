/**
 * How fast the CLI answers (issue 11 item 7): `strategy-report --help` and `catalog --json`, each
 * run as a user runs it (a new Node process through bin/strategy-report.js), wall time and peak
 * RSS, as a ratio to `node -e 0` measured in the same run (medians, the runs interleaved so load
 * on this shared machine falls on all alike). `--help from source` is the fallback the bin takes
 * when the compiled CLI (dist/cli) is missing or stale: tsx compiling on the fly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshCliBuild } from '../bin/cli-build.js';
import { REPOSITORY_ROOT } from '../infra/lib/repository-root';
import { type BenchFigure, figure, report } from './bench-result';

const RUNS = 9;
const HELP_TARGET_SECONDS = 0.3;
const probe = join(REPOSITORY_ROOT, 'bench', 'cli-start-probe.cjs');
const rssFile = join(mkdtempSync(join(tmpdir(), 'strategy-report-cli-start-')), 'rss');

const SUBJECTS = {
  'node -e 0': ['-e', '0'],
  '--help': ['bin/strategy-report.js', '--help'],
  'catalog --json': ['bin/strategy-report.js', 'catalog', '--json'],
  '--help from source': ['bin/strategy-report.js', '--help'],
} as const;
type Subject = keyof typeof SUBJECTS;

function measure(subject: Subject): { seconds: number; rssMiB: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...SUBJECTS[subject]], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${probe}`,
      CLI_START_RSS_FILE: rssFile,
      NO_COLOR: '1',
      ...(subject.endsWith('from source') ? { STRATEGY_REPORT_FROM_SOURCE: '1' } : {}),
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${subject} failed (exit ${result.status}): ${result.stderr}`);
  return { seconds, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

measure('--help'); // a first run fills the caches (tsx's, the OS's) as any later run finds them
const samples = new Map<Subject, { seconds: number[]; rssMiB: number[] }>();
for (let run = 0; run < RUNS; run++)
  for (const subject of Object.keys(SUBJECTS) as Subject[]) {
    const { seconds, rssMiB } = measure(subject);
    const entry = samples.get(subject) ?? { seconds: [], rssMiB: [] };
    entry.seconds.push(seconds);
    entry.rssMiB.push(rssMiB);
    samples.set(subject, entry);
  }

const of = (subject: Subject) => {
  const entry = samples.get(subject) as { seconds: number[]; rssMiB: number[] };
  return { seconds: median(entry.seconds), rssMiB: median(entry.rssMiB) };
};
const reference = of('node -e 0');
const figures: BenchFigure[] = [
  figure('node -e 0: wall time (reference)', round(reference.seconds, 3), 's'),
  figure('node -e 0: peak RSS (reference)', round(reference.rssMiB, 1), 'MiB'),
];
for (const subject of ['--help', 'catalog --json', '--help from source'] as const) {
  const { seconds, rssMiB } = of(subject);
  figures.push(
    figure(
      `${subject}: wall time`,
      round(seconds, 3),
      's',
      subject === '--help' ? { comparison: '<', value: HELP_TARGET_SECONDS } : undefined,
    ),
    figure(`${subject}: wall time / node -e 0`, round(seconds / reference.seconds, 2), '×'),
    figure(`${subject}: peak RSS`, round(rssMiB, 1), 'MiB'),
    figure(`${subject}: peak RSS / node -e 0`, round(rssMiB / reference.rssMiB, 2), '×'),
  );
}

const build = freshCliBuild();
report({
  bench: 'cli-start',
  description: 'How fast the CLI answers: a new process through bin/strategy-report.js, medians',
  figures,
  notes: [
    build.fresh
      ? 'measured the CLI compiled at install (dist/cli, fresh); "from source" is the tsx fallback'
      : `dist/cli could not be used (${build.reason}): every figure is from source; run npm run build:cli`,
    `${RUNS} runs of each, interleaved, after one warm-up; Node ${process.version}`,
    'peak RSS is the process maximum (getrusage), read at exit by bench/cli-start-probe.cjs',
  ],
});
