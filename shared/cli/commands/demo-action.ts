import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dependencies } from '../../composition/dependencies';
import { type DemoProgress, type DemoRun, runDemo } from '../../demo/run-demo';
import { formatFinding } from '../../domain/audit/audit-finding';
import { type Period, parsePeriod } from '../../domain/period';
import { REPORT_FILE_NAMES } from '../../domain/report/report-files';
import { isQuarterKey } from '../../domain/report/report-period';
import { localDependencies } from '../../local/local-dependencies';
import type { ReportRecord } from '../../ports/report-index';
import { readReportFile } from '../../use-cases/report-reads';
import { type VerificationResult, verifyReports } from '../../use-cases/verify-reports';
import { type CliIo, printJson } from '../cli-io';
import { loadSettings, withLocalRuntime } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export interface DemoOptions {
  readonly json?: boolean;
  readonly lastPeriod?: string;
}

/**
 * `strategy-report demo` (what `npm start` runs): the whole pipeline on this machine, on a year of
 * generated submissions, ending with where to look.
 */
export async function demoAction(io: CliIo, options: DemoOptions, globals: GlobalOptions): Promise<void> {
  const settings = await loadSettings(globals);
  const started = Date.now();
  const now = options.lastPeriod ? firstInstantAfter(parsePeriod(options.lastPeriod)) : new Date();
  const progress = { step: (line: string) => (options.json ? undefined : io.out(line)) };

  const result = await withLocalRuntime(globals, async (runtime) => {
    progress.step(
      `Local stores in ${runtime.dataDirectory} (${runtime.created.length > 0 ? `created ${runtime.created.join(', ')}` : 'found'})`,
    );
    progress.step(
      "Playing twelve months: workbooks mailed to offices, replies and uploads, reminders, rollup, render, e-mail to leadership; after each quarter's last month its review pack, rendered and mailed",
    );
    const run = await runDemo(runtime, settings, { now, progress });
    const deps = localDependencies(runtime, settings);
    const verification = await verifyChain(deps, progress);
    const lastPeriod = run.periods[run.periods.length - 1] as Period;
    const { latest, files } = await handOutLatest(
      deps,
      join(runtime.dataDirectory ?? '.', 'latest'),
      lastPeriod,
    );
    const reviews = await handOutReviews(deps, join(runtime.dataDirectory ?? '.', 'reviews'), run.reviews);
    const emails = (await readdir(runtime.outboxDirectory)).filter((name) => name.endsWith('.eml')).length;
    return { run, latest, files, reviews, outbox: runtime.outboxDirectory, emails, verification };
  });

  const seconds = (Date.now() - started) / 1000;
  if (options.json)
    printJson(io, {
      periods: result.run.periods,
      months: result.run.months,
      events: result.run.events,
      skipped: result.run.skipped,
      verified: result.verification,
      latestReport: { period: result.latest.period, version: result.latest.version, files: result.files },
      reviewPacks: result.reviews,
      outbox: { directory: result.outbox, messages: result.emails },
      seconds,
    });
  else io.out(formatDemoEnd(result, seconds));
}

/**
 * The auditor's check, on everything the year produced: every file against its manifest, every
 * manifest against the chain, from the head back to the first report.
 */
async function verifyChain(
  deps: Dependencies,
  progress: DemoProgress,
): Promise<VerificationResult['counts']> {
  const verification = await verifyReports(deps, { kind: 'all' });
  if (!verification.ok) {
    throw new Error(
      `the report chain does not verify: ${verification.firstFailure ? formatFinding(verification.firstFailure) : 'unknown'}`,
    );
  }
  progress.step(
    `Verified the report chain: ${verification.counts.reports} reports, ${verification.counts.files} files and ${verification.counts.snapshots} snapshots match their manifests; ${verification.counts.links} links from the head to the first report`,
  );
  return verification.counts;
}

/** The latest report's files written to `directory`, each checked against the SHA-256 its version records. */
async function handOutLatest(
  deps: Dependencies,
  directory: string,
  lastPeriod: Period,
): Promise<{ latest: ReportRecord; files: Record<string, string> }> {
  const latest = await deps.reportIndex.latest(lastPeriod);
  if (!latest) throw new Error(`the demo rendered no report for ${lastPeriod}`);
  await mkdir(directory, { recursive: true });
  const files: Record<string, string> = {};
  for (const name of REPORT_FILE_NAMES) {
    const path = join(directory, name);
    await writeFile(path, await readReportFile(deps.reportObjects, latest, name));
    files[name] = path;
  }
  return { latest, files };
}

/** The pack files the review pack names, in the order they are listed. */
const PACK_FILES = ['review.pdf', 'review.xlsx', 'review.html'] as const;

interface HandedOutReview {
  readonly quarter: string;
  readonly version: number;
  readonly directory: string;
  readonly files: Record<string, string>;
}

/**
 * Each quarter's review pack (its latest version) written to `directory/<quarter>/`, each file
 * checked against the SHA-256 its version records. The quarter comes from the index and is
 * checked again before it names a folder.
 */
async function handOutReviews(
  deps: Dependencies,
  directory: string,
  reviews: DemoRun['reviews'],
): Promise<HandedOutReview[]> {
  const handedOut: HandedOutReview[] = [];
  for (const { quarter } of reviews) {
    if (!isQuarterKey(quarter)) throw new Error(`the demo recorded ${JSON.stringify(quarter)} as a quarter`);
    const record = await deps.reportIndex.latest(quarter);
    if (!record) throw new Error(`the demo rendered no review pack for ${quarter}`);
    const folder = join(directory, quarter);
    await mkdir(folder, { recursive: true });
    const files: Record<string, string> = {};
    for (const name of PACK_FILES) {
      const path = join(folder, name);
      await writeFile(path, await readReportFile(deps.reportObjects, record, name));
      files[name] = path;
    }
    handedOut.push({ quarter, version: record.version, directory: folder, files });
  }
  return handedOut;
}

function formatDemoEnd(
  result: {
    run: DemoRun;
    latest: ReportRecord;
    files: Record<string, string>;
    reviews: readonly HandedOutReview[];
    outbox: string;
    emails: number;
  },
  seconds: number,
): string {
  return [
    ...(result.run.skipped.length > 0
      ? [
          `Skipped ${result.run.skipped.length} step(s) already done on an earlier run, e.g. ${result.run.skipped[0]}`,
        ]
      : []),
    `Done in ${seconds.toFixed(1)} s. The latest report (${result.latest.period}, version ${result.latest.version}):`,
    `  PDF brief       ${result.files['brief.pdf']}`,
    `  workbook        ${result.files['workbook.xlsx']}`,
    `  HTML brief      ${result.files['brief.html']}`,
    `  StratML report  ${result.files['report.stratml.xml']}`,
    `  e-mails         ${result.outbox} (${result.emails} .eml files: workbooks sent to offices, answers in their threads, receipts, a rejection, reminders, leadership briefs and review packs)`,
    `Quarterly review packs (${result.reviews.length}, each after its quarter's last month; PDF, workbook and HTML):`,
    ...result.reviews.map(
      (review) =>
        `  ${review.quarter} v${String(review.version).padStart(4, '0')}  ${review.files['review.pdf']}  (and review.xlsx, review.html)`,
    ),
    `Next: npx strategy-report status   ·   npx strategy-report reports list   ·   npx strategy-report reports reproduce ${result.reviews.at(-1)?.quarter ?? 'FY2027-Q1'}   ·   npx strategy-report --help`,
  ].join('\n');
}

/** Noon UTC on the 1st of the month after `period`: "now", as far as the demo is concerned. */
function firstInstantAfter(period: string): Date {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1, 12, 0, 0));
}
