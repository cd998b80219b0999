/**
 * Rendering a year of data: one period's report whose snapshot carries every entry of 6 offices ×
 * 56 key activities (336 rows, every office on every activity — more than the catalog's 106
 * assignments) and 12 periods of trend. That is what a render does in production: it never reads
 * the 11 earlier periods' rows, only their headline numbers in the snapshot's trend.
 *
 * Measured, each beside its target:
 * - PDF brief: the median (and fastest) of 5 renders (report model + pdfmake) after one warm-up,
 *   in this process, with their CPU time; the first, cold render (fonts written to the temp dir and
 *   parsed, code compiled) is printed too;
 * - workbook: the same, for exceljs plus the deterministic re-zip;
 * - the render function's esbuild bundle (CommonJS, minified, everything bundled): its size;
 * - its cold import time: the median over 5 fresh Node processes of the time `require()` of the
 *   bundle takes (module evaluation, AWS clients created from the environment), which is what a
 *   Lambda cold start adds to Node's own start.
 * Wall times suffer from whatever else the machine runs; the load average is printed with them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { renderReportWorkbook } from '../shared/adapters/excel/report-workbook';
import { renderBriefHtml } from '../shared/adapters/html/brief-html';
import { renderBriefPdf } from '../shared/adapters/pdf/brief-pdf';
import { parsePeriod } from '../shared/domain/period';
import { buildReportModel } from '../shared/domain/report/report-model';
import { bundleFunction } from '../test/support/bundle-function';
import { populatedSnapshot } from '../test/support/populated-snapshot';

const TARGETS = { pdfMs: 1000, workbookMs: 1000, coldImportMs: 500 };
const RUNS = 5;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const verdict = (value: number, target: number) => (value <= target ? 'OK' : 'MISSED');
const line = (label: string, value: string, target?: number, measured?: number) =>
  process.stdout.write(
    `${label.padEnd(36)} ${value.padStart(10)}${target !== undefined && measured !== undefined ? `   target < ${target} ms  ${verdict(measured, target)}` : ''}\n`,
  );

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
line('snapshot rows', String(snapshot.rows.length));
line('trend periods', String(snapshot.trend.length));

const loadBefore = loadavg()[0] ?? 0;
const pdf = await measure(() => renderBriefPdf(buildReportModel(snapshot, context)));
const workbook = await measure(() => renderReportWorkbook(buildReportModel(snapshot, context)));
const html = await measure(async () => renderBriefHtml(buildReportModel(snapshot, context)));

const bundle = await bundleFunction('functions/render/index.ts', 'cjs');
const gzipBytes = gzipSync(readFileSync(bundle.file)).length;
const importRuns: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const script = `const start = performance.now(); require(${JSON.stringify(bundle.file)}); process.stdout.write(String(performance.now() - start));`;
  const output = execFileSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      TABLE_NAME: 'bench-table',
      REPORTS_BUCKET: 'bench-reports',
      PRODUCT_CONFIG: '{}',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  importRuns.push(Number(output));
}
const coldImportMs = median(importRuns);
const load = Math.max(loadBefore, loadavg()[0] ?? 0);

process.stdout.write(`\nmachine: ${cpus().length} CPUs, load average ${load.toFixed(1)}\n`);
line('PDF brief, median of 5', `${pdf.medianMs.toFixed(0)} ms`, TARGETS.pdfMs, pdf.medianMs);
line('PDF brief, fastest of 5', `${pdf.minMs.toFixed(0)} ms`, TARGETS.pdfMs, pdf.minMs);
line('PDF brief, median CPU time', `${pdf.medianCpuMs.toFixed(0)} ms`);
line('PDF brief, first in process', `${pdf.first.ms.toFixed(0)} ms`);
line('PDF size', `${(pdf.first.value.length / 1024).toFixed(0)} KiB`);
line('workbook, median of 5', `${workbook.medianMs.toFixed(0)} ms`, TARGETS.workbookMs, workbook.medianMs);
line('workbook, fastest of 5', `${workbook.minMs.toFixed(0)} ms`, TARGETS.workbookMs, workbook.minMs);
line('workbook, first in process', `${workbook.first.ms.toFixed(0)} ms`);
line('workbook size', `${(workbook.first.value.length / 1024).toFixed(0)} KiB`);
line('HTML brief, median of 5', `${html.medianMs.toFixed(0)} ms`);
line('render bundle (CJS, minified)', `${(bundle.bytes / 1_048_576).toFixed(2)} MiB`);
line('render bundle, gzipped', `${(gzipBytes / 1_048_576).toFixed(2)} MiB`);
line(
  'render bundle cold import, median',
  `${coldImportMs.toFixed(0)} ms`,
  TARGETS.coldImportMs,
  coldImportMs,
);

const summary = (result: Awaited<ReturnType<typeof measure<Buffer>>>, targetMs: number) => ({
  medianMs: Math.round(result.medianMs),
  minMs: Math.round(result.minMs),
  medianCpuMs: Math.round(result.medianCpuMs),
  runsMs: result.runsMs,
  firstMs: Math.round(result.first.ms),
  bytes: result.first.value.length,
  targetMs,
  met: result.medianMs <= targetMs,
});
const results = {
  measured: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, loadAverage: Number(load.toFixed(2)) },
  data: { rows: snapshot.rows.length, trendPeriods: snapshot.trend.length, offices: 6, keyActivities: 56 },
  pdf: summary(pdf, TARGETS.pdfMs),
  workbook: summary(workbook, TARGETS.workbookMs),
  html: { medianMs: Math.round(html.medianMs) },
  bundle: {
    format: 'cjs',
    bytes: bundle.bytes,
    gzipBytes,
    coldImportMedianMs: Math.round(coldImportMs),
    coldImportRunsMs: importRuns.map(Math.round),
    targetMs: TARGETS.coldImportMs,
    met: coldImportMs <= TARGETS.coldImportMs,
  },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/render.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
