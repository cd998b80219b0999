import { addMonths, parsePeriod } from '../shared/domain/period';
import { computeRollup } from '../shared/domain/rollup/compute-rollup';
import type { TrendSource } from '../shared/domain/rollup/rollup-inputs';
import type { RollupSnapshot, TrendPoint } from '../shared/domain/rollup/rollup-snapshot';
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
 * One period of 1,000,000 entries: 100 offices that each report on all of 10,000 key
 * activities (4 goals × 25 objectives × 100). The hard case: every row lands in one snapshot,
 * beside the previous period's snapshot of the same size. 95 offices submit (950,000 rows); the
 * other 5 are carried forward from the previous snapshot; 11 earlier periods give the trend.
 * Compared with a bare single pass over the same 950,000 rows in the same process. Medians of
 * 5 alternating runs after a warm-up of each; a full GC before each run. Peak memory is this
 * process's maximum resident set size, inputs, previous snapshot and result included.
 */
const SHAPE = { offices: 100, goals: 4, objectivesPerGoal: 25, activitiesPerObjective: 100 };
const MISSING_OFFICES = 5;

const setupStart = performance.now();
const catalog = syntheticCatalog(SHAPE);
const period = parsePeriod('2026-10');
const previousPeriod = addMonths(period, -1);
const previousSnapshot = computeRollup({
  catalog,
  period: previousPeriod,
  submissions: submissionsFor(catalog, previousPeriod, () => true),
  previous: null,
  history: [],
});
const history: TrendSource[] = Array.from({ length: 11 }, (_, index) => {
  const earlier = addMonths(period, index - 11);
  const point: TrendPoint = { ...(previousSnapshot.trend.at(-1) as TrendPoint), period: earlier };
  return { ref: { period: earlier, version: 1, sha256: 'e'.repeat(64) }, point };
});
const submissions = submissionsFor(catalog, period, (office) => office >= MISSING_OFFICES);
const previous = {
  snapshot: previousSnapshot,
  ref: { period: previousPeriod, version: 1, sha256: 'd'.repeat(64) },
};
const setupSeconds = (performance.now() - setupStart) / 1000;
collectGarbage();
// What the inputs (and previous snapshot) alone hold, for reading the peak against.
const setupRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

const rollupOnce = () => computeRollup({ catalog, period, submissions, previous, history });
let snapshot: RollupSnapshot | undefined = rollupOnce();
barePass(catalog, [submissions]);
trivialPass([submissions]);
const rollupTimes: number[] = [];
const bareTimes: number[] = [];
const trivialTimes: number[] = [];
const floorTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  // Drop the last result first: a real run holds one snapshot, not two.
  snapshot = undefined;
  collectGarbage();
  let start = performance.now();
  snapshot = rollupOnce();
  rollupTimes.push(performance.now() - start);
  collectGarbage();
  start = performance.now();
  barePass(catalog, [submissions]);
  bareTimes.push(performance.now() - start);
  start = performance.now();
  trivialPass([submissions]);
  trivialTimes.push(performance.now() - start);
}
// Peak memory of the rollup runs, before the context runs below allocate their own rows.
const peakMb = Math.round(peakRssMb());
const result = snapshot as RollupSnapshot;
const summary = {
  rows: result.rows.length,
  carried: result.agency.carriedForward,
  atRisk: result.atRisk.length,
  moves: result.changes.statusMoves.length,
  trend: result.trend.length,
};
snapshot = undefined;
for (let run = 0; run < RUNS; run++) {
  collectGarbage();
  const start = performance.now();
  copyFloorPass(catalog, [submissions]);
  floorTimes.push(performance.now() - start);
}
const rollupMs = median(rollupTimes);
const bareMs = median(bareTimes);
report({
  bench: 'rollup',
  description: `Rollup, one period of 1,000,000 entries: ${rowCountOf(submissions).toLocaleString('en-US')} rows submitted by ${SHAPE.offices - MISSING_OFFICES} of ${SHAPE.offices} offices × ${catalog.keyActivities.length.toLocaleString('en-US')} key activities, on a previous snapshot of ${previousSnapshot.rows.length.toLocaleString('en-US')} rows`,
  figures: [
    figure('rollup (median)', Math.round(rollupMs), 'ms'),
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
    figure('peak memory (max RSS of the process)', peakMb, 'MB', {
      comparison: '<',
      value: 512,
    }),
    figure('resident memory after setup, before any timed run (context)', setupRssMb, 'MB'),
    figure('rollup ÷ summing one field (context)', Math.round(rollupMs / median(trivialTimes)), '×'),
    figure('setup: catalog, inputs, previous snapshot', Math.round(setupSeconds * 10) / 10, 's'),
  ],
  notes: [
    `Node ${process.version}, ${RUNS} runs; the bare pass looks each row's key activity up in a Map, counts its status and sums its percent`,
    `snapshot: ${summary.rows.toLocaleString('en-US')} rows (${summary.carried.toLocaleString('en-US')} carried forward), ${summary.atRisk.toLocaleString('en-US')} ranked at risk, ${summary.moves.toLocaleString('en-US')} status moves`,
  ],
});
