import { addMonths, type Period, parsePeriod } from '../shared/domain/period';
import { computeRollup } from '../shared/domain/rollup/compute-rollup';
import type { SubmissionInput, TrendSource } from '../shared/domain/rollup/rollup-inputs';
import type { RollupSnapshot } from '../shared/domain/rollup/rollup-snapshot';
import { trendPointOf } from '../shared/domain/rollup/trend-point';
import { figure, report } from './bench-result';
import {
  barePass,
  collectGarbage,
  copyFloorPass,
  median,
  peakRssMb,
  RUNS,
  rowCountOf,
  submissionsFor,
  syntheticCatalog,
  trivialPass,
} from './synthetic-progress';

/*
 * A year of a large agency: 12 monthly rollups of 84 offices × 1,000 key activities (4 goals ×
 * 25 objectives × 10), 84,000 entries a month, 1,008,000 entries in all. Each month 80 offices
 * submit and 4 (a different 4 each month) are carried forward; each rollup builds on the
 * previous month's snapshot and the trend of the months before, as the scheduled rollup does.
 * The twelve rollups in sequence are compared with one bare single pass over the same rows.
 * Medians of 5 alternating runs after a warm-up; peak memory is this process's maximum RSS.
 *
 * Each month hands the next the snapshot as computeRollup returned it, not as production holds
 * it (loaded through the schema and cut to previousSnapshotOf, as rollup.bench.ts does): in
 * interleaved runs the year took about 10 % less on the loaded form, so this does not flatter
 * the time, and converting between months would fill this process with garbage (and its peak
 * memory with heap) that no single month's invocation has.
 */
const SHAPE = { offices: 84, goals: 4, objectivesPerGoal: 25, activitiesPerObjective: 10 };
const MONTHS = 12;
const ABSENT_PER_MONTH = 4;

// Node.js, tsx and the modules, before any data: part of every figure of peak memory below.
const baselineRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const setupStart = performance.now();
const catalog = syntheticCatalog(SHAPE);
const first = parsePeriod('2025-11');
const periods: Period[] = Array.from({ length: MONTHS }, (_, index) => addMonths(first, index));
const inputs: SubmissionInput[][] = periods.map((period, month) =>
  submissionsFor(
    catalog,
    period,
    (office) => month === 0 || Math.floor(office / ABSENT_PER_MONTH) % MONTHS !== month,
  ),
);
const setupSeconds = (performance.now() - setupStart) / 1000;
collectGarbage();
// What the inputs (and previous snapshot) alone hold, for reading the peak against.
const setupRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

/** The year, month by month, each on the previous snapshot and the trend so far. */
function rollupYear(): { last: RollupSnapshot; ms: number } {
  let previous: RollupSnapshot | null = null;
  const history: TrendSource[] = [];
  let ms = 0;
  for (const [month, period] of periods.entries()) {
    const start = performance.now();
    const snapshot: RollupSnapshot = computeRollup({
      catalog,
      period,
      submissions: inputs[month] as SubmissionInput[],
      previous:
        previous === null
          ? null
          : { snapshot: previous, ref: { period: previous.period, version: 1, sha256: 'd'.repeat(64) } },
      history,
    });
    ms += performance.now() - start;
    history.push({ ref: { period, version: 1, sha256: 'd'.repeat(64) }, point: trendPointOf(snapshot) });
    previous = snapshot;
  }
  return { last: previous as RollupSnapshot, ms };
}

let last: RollupSnapshot | undefined = rollupYear().last;
barePass(catalog, inputs);
trivialPass(inputs);
const rollupTimes: number[] = [];
const bareTimes: number[] = [];
const trivialTimes: number[] = [];
const floorTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  last = undefined;
  collectGarbage();
  const year = rollupYear();
  last = year.last;
  rollupTimes.push(year.ms);
  collectGarbage();
  let start = performance.now();
  barePass(catalog, inputs);
  bareTimes.push(performance.now() - start);
  start = performance.now();
  trivialPass(inputs);
  trivialTimes.push(performance.now() - start);
}
// Peak memory of the rollup runs, before the context runs below allocate their own rows.
const peakMb = Math.round(peakRssMb());
const result = last as RollupSnapshot;
const summary = {
  rows: result.rows.length,
  carried: result.agency.carriedForward,
  atRisk: result.atRisk.length,
  moves: result.changes.statusMoves.length,
  trend: result.trend.length,
};
last = undefined;
for (let run = 0; run < RUNS; run++) {
  collectGarbage();
  const start = performance.now();
  copyFloorPass(catalog, inputs);
  floorTimes.push(performance.now() - start);
}
const rollupMs = median(rollupTimes);
const bareMs = median(bareTimes);
const rows = inputs.reduce((total, month) => total + rowCountOf(month), 0);
report({
  bench: 'rollup-year',
  description: `Rollup, a year: ${MONTHS} monthly rollups of ${SHAPE.offices} offices × ${catalog.keyActivities.length.toLocaleString('en-US')} key activities, ${rows.toLocaleString('en-US')} rows submitted (${(MONTHS * catalog.keyActivities.length * SHAPE.offices).toLocaleString('en-US')} entries)`,
  figures: [
    figure('12 rollups (median)', Math.round(rollupMs), 'ms'),
    figure('bare single pass over the same rows (median)', Math.round(bareMs * 10) / 10, 'ms'),
    figure('rollup ÷ bare single pass', Math.round((rollupMs / bareMs) * 100) / 100, '×', {
      comparison: '<=',
      value: 2,
    }),
    figure(
      'rollup ÷ (bare pass + one new object per row) (context)',
      Math.round((rollupMs / median(floorTimes)) * 100) / 100,
      '×',
    ),
    figure(
      '(bare pass + one new object per row) ÷ bare pass (context)',
      Math.round((median(floorTimes) / bareMs) * 100) / 100,
      '×',
    ),
    figure('peak memory (max RSS of the process)', peakMb, 'MB', {
      comparison: '<',
      value: 512,
    }),
    figure('resident memory after setup, before any timed run (context)', setupRssMb, 'MB'),
    figure('of which the process before any data: Node.js, tsx, modules (context)', baselineRssMb, 'MB'),
    figure('rollup ÷ summing one field (context)', Math.round(rollupMs / median(trivialTimes)), '×'),
    figure('setup: catalog and a year of inputs', Math.round(setupSeconds * 10) / 10, 's'),
  ],
  notes: [
    `Node ${process.version}, ${RUNS} runs; the bare pass looks each row's key activity up in a Map, counts its status and sums its percent`,
    `time target out of reach, as in rollup.bench.ts: the bare pass allocates nothing, while each month's snapshot is one 19-field object per entry plus its at-risk items and moves; the bare pass plus one new object per row alone takes ${Math.round((median(floorTimes) / bareMs) * 100) / 100}× the bare pass`,
    'the time is the sum of the twelve computeRollup calls; each month hands the next its snapshot as computed (see the comment at the top of the bench)',
    `last month: ${summary.rows.toLocaleString('en-US')} rows (${summary.carried.toLocaleString('en-US')} carried forward), ${summary.atRisk.toLocaleString('en-US')} at risk, trend of ${summary.trend} periods`,
  ],
});
