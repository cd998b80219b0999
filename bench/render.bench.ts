/**
 * Rendering a year of data: one period's report whose snapshot carries every entry of 6 offices ×
 * 56 key activities (336 rows, every office on every activity — more than the catalog's 106
 * assignments) and 12 periods of trend. That is what a render does in production: it never reads
 * the 11 earlier periods' rows, only their headline numbers in the snapshot's trend.
 *
 * PDF brief and workbook: the median (and fastest) of 5 renders (report model + renderer) after
 * one warm-up, in this process, with CPU time; the first, cold render is printed too. Wall times
 * suffer from whatever else the machine runs; the load average is printed with them. The bundle
 * size and cold import of every function are in lambda-bundles.bench.ts.
 *
 * Tagging (issue 15) may cost at most 30 % more time than the same brief untagged: the two are
 * rendered alternately, 9 times each after a warm-up, and the ratios of their median wall and CPU
 * times printed. The target is on CPU time: on this shared machine wall times move with the load
 * far more than tagging moves them. The untagged one is the brief as it was before
 * (`renderBriefPdf(model, { tagged: false })`: PDF/A-2b, no structure), rendered by the same
 * hooked pdfmake, which then only stamps items at layout and draws as pdfmake alone does
 * (test/unit/adapters/pdf/pdfmake-structure-hooks.test.ts holds it to that).
 */
import { cpus, loadavg } from 'node:os';
import { renderReportWorkbook } from '../shared/adapters/excel/report-workbook';
import { renderBriefHtml } from '../shared/adapters/html/brief-html';
import { renderBriefPdf } from '../shared/adapters/pdf/brief-pdf';
import { parsePeriod } from '../shared/domain/period';
import { buildReportModel } from '../shared/domain/report/report-model';
import { populatedSnapshot } from '../test/support/populated-snapshot';
import { figure, report } from './bench-result';

const RUNS = 5;
/** Tagged against untagged: more runs, since their ratio is what is judged and the machine is shared. */
const PAIRED_RUNS = 9;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
/** Wall time and CPU time (user + system, all threads: GC included) of one run. */
async function time<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

async function measure<T>(work: () => Promise<T>) {
  const first = await time(work);
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { ms, cpuMs } = await time(work);
    runs.push({ ms, cpuMs });
  }
  return {
    first,
    medianMs: median(runs.map((run) => run.ms)),
    minMs: Math.min(...runs.map((run) => run.ms)),
    medianCpuMs: median(runs.map((run) => run.cpuMs)),
    runsMs: runs.map((run) => Math.round(run.ms)),
  };
}

const snapshot = populatedSnapshot({
  period: parsePeriod('2026-12'),
  everyOfficeOnEveryActivity: true,
  missingOffices: [],
  unreportedObjectives: [],
  trendPeriods: 12,
});
const context = {
  generatedAt: '2027-01-05T12:00:00.000Z',
  snapshotVersion: 1,
  snapshotSha256: 'a'.repeat(64),
};

/** Both, alternately (which goes first alternates too), after one warm-up of each: wall and CPU times. */
async function measureAgainst<T>(work: () => Promise<T>, reference: () => Promise<T>) {
  await work();
  await reference();
  const works: { ms: number; cpuMs: number }[] = [];
  const references: { ms: number; cpuMs: number }[] = [];
  for (let run = 0; run < PAIRED_RUNS; run++) {
    const pair = run % 2 === 0 ? [work, reference] : [reference, work];
    for (const each of pair) (each === work ? works : references).push(await time(each));
  }
  const ratio = (of: 'ms' | 'cpuMs') =>
    median(works.map((run) => run[of])) / median(references.map((run) => run[of]));
  return {
    medianMs: median(works.map((run) => run.ms)),
    referenceMedianMs: median(references.map((run) => run.ms)),
    ratio: ratio('ms'),
    cpuRatio: ratio('cpuMs'),
  };
}

const untaggedBrief = () => renderBriefPdf(buildReportModel(snapshot, context), { tagged: false });

const loadBefore = loadavg()[0] ?? 0;
const pdf = await measure(() => renderBriefPdf(buildReportModel(snapshot, context)));
const tagging = await measureAgainst(
  () => renderBriefPdf(buildReportModel(snapshot, context)),
  untaggedBrief,
);
const untaggedSize = (await untaggedBrief()).length;
const workbook = await measure(() => renderReportWorkbook(buildReportModel(snapshot, context)));
const html = await measure(async () => renderBriefHtml(buildReportModel(snapshot, context)));

const load = Math.max(loadBefore, loadavg()[0] ?? 0);

report({
  bench: 'render',
  description: `Render a year of data: ${snapshot.rows.length} rows (6 offices × 56 key activities) with ${snapshot.trend.length} periods of trend`,
  figures: [
    figure('PDF brief (median of 5)', Math.round(pdf.medianMs), 'ms', { comparison: '<', value: 1000 }),
    figure('PDF brief (fastest of 5)', Math.round(pdf.minMs), 'ms'),
    figure('PDF brief CPU time (median)', Math.round(pdf.medianCpuMs), 'ms'),
    figure('PDF brief, first in process (fonts, JIT)', Math.round(pdf.first.ms), 'ms'),
    figure('PDF size', Math.round(pdf.first.value.length / 1024), 'KiB'),
    figure('PDF brief tagged (median of 9, alternating)', Math.round(tagging.medianMs), 'ms'),
    figure('PDF brief untagged (median of 9, alternating)', Math.round(tagging.referenceMedianMs), 'ms'),
    figure('tagged / untagged, wall time', Number(tagging.ratio.toFixed(2)), ''),
    figure('tagged / untagged, CPU time', Number(tagging.cpuRatio.toFixed(2)), '', {
      comparison: '<=',
      value: 1.3,
    }),
    figure('PDF size untagged', Math.round(untaggedSize / 1024), 'KiB'),
    figure('workbook (median of 5)', Math.round(workbook.medianMs), 'ms', { comparison: '<', value: 1000 }),
    figure('workbook (fastest of 5)', Math.round(workbook.minMs), 'ms'),
    figure('workbook, first in process', Math.round(workbook.first.ms), 'ms'),
    figure('workbook size', Math.round(workbook.first.value.length / 1024), 'KiB'),
    figure('HTML brief (median of 5)', Math.round(html.medianMs), 'ms'),
  ],
  notes: [`Node ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(1)} during the run`],
});
