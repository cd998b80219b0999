import { quarterlyPackFileRenderer } from '../adapters/report/quarterly-pack-file-renderer';
import type { Dependencies } from '../composition/dependencies';
import { SOFTWARE_VERSION } from '../config/software-version';
import { type FiscalQuarter, fiscalQuarterOf, isQuarterEnd } from '../domain/fiscal-quarter';
import { quarterKeyOf } from '../domain/report/report-period';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import type { QuarterlyPackRenderer } from '../ports/quarterly-pack-renderer';
import { renderQuarterlyReview } from '../use-cases/render-quarterly-review';
import { countingVerifyFailures } from '../use-cases/verify-failures';

export type ReviewDependencies = Pick<
  Dependencies,
  | 'catalog'
  | 'snapshotIndex'
  | 'reportIndex'
  | 'reportObjects'
  | 'history'
  | 'clock'
  | 'config'
  | 'log'
  | 'metrics'
>;

export interface ReviewResult {
  readonly quarter: string;
  readonly outcome: 'rendered' | 'already-rendered';
  readonly version: number;
  readonly sequence: number;
  readonly generatedAt: string;
  readonly inputsSha256: string;
  /** Each month of the quarter and the snapshot version the pack used (null: none). */
  readonly months: readonly { readonly period: string; readonly snapshotVersion: number | null }[];
  readonly manifest: { readonly key: string; readonly sha256: string };
  readonly previousManifestSha256: string | null;
  readonly files: readonly { name: string; key: string; size: number; sha256: string }[];
}

/** What the month-end workflow's review step answers: the pack, or why there is none this month. */
export type MonthEndReviewResult =
  | ({ readonly period: string } & ReviewResult)
  | { readonly period: string; readonly quarter: null; readonly outcome: 'not-quarter-end' };

/**
 * Renders and publishes a quarter's review pack (`strategy-report review`, and the workflow's step
 * after a quarter's last month). The renderer is passed in so only the bundles that render hold
 * pdfmake and exceljs.
 */
export async function runReview(
  deps: ReviewDependencies,
  request: { readonly quarter: FiscalQuarter; readonly force?: boolean },
  renderer: QuarterlyPackRenderer = quarterlyPackFileRenderer,
): Promise<ReviewResult> {
  const quarter = quarterKeyOf(request.quarter);
  const outcome = await deps.log.withRecordKeys({ quarter }, async () => {
    const rendered = await countingVerifyFailures(deps, () =>
      renderQuarterlyReview(
        { ...deps, packRenderer: renderer },
        {
          quarter: request.quarter,
          config: deps.config,
          softwareVersion: SOFTWARE_VERSION,
          force: request.force ?? false,
        },
      ),
    );
    deps.log.info(rendered.kind === 'rendered' ? 'review pack rendered' : 'review pack already rendered', {
      version: rendered.record.version,
      sequence: rendered.record.sequence,
      inputsSha256: rendered.inputsSha256,
    });
    return rendered;
  });
  const { record } = outcome;
  return {
    quarter,
    outcome: outcome.kind,
    version: record.version,
    sequence: record.sequence,
    generatedAt: record.generatedAt,
    inputsSha256: outcome.inputsSha256,
    months: outcome.months,
    manifest: { key: record.manifestKey, sha256: record.manifestSha256 },
    previousManifestSha256: record.previousManifestSha256,
    files: record.files.map(({ name, key, size, sha256 }) => ({ name, key, size, sha256 })),
  };
}

/**
 * The month-end step: after the last month of a fiscal quarter (config.fiscalYearStartMonth), the
 * quarter's pack; after any other month, nothing (`not-quarter-end`), so the workflow mails no pack.
 */
export async function runMonthEndReview(
  deps: ReviewDependencies,
  request: ScheduledRequest,
  renderer: QuarterlyPackRenderer = quarterlyPackFileRenderer,
): Promise<MonthEndReviewResult> {
  const period = periodToRun(request, deps.clock.now(), deps.config.timeZone);
  const startMonth = deps.config.fiscalYearStartMonth;
  if (!isQuarterEnd(period, startMonth)) {
    deps.log.info('not the last month of a quarter: no review pack', { period });
    return { period, quarter: null, outcome: 'not-quarter-end' };
  }
  const result = await runReview(deps, { quarter: fiscalQuarterOf(period, startMonth) }, renderer);
  return { period, ...result };
}

/** The review function's handler: `{}` or `{ "period": "YYYY-MM" }`, the month that just ended. */
export function createReviewHandler(
  deps: ReviewDependencies,
  renderer: QuarterlyPackRenderer = quarterlyPackFileRenderer,
) {
  return async (event?: unknown): Promise<MonthEndReviewResult> =>
    runMonthEndReview(deps, parseScheduledEvent(event, 'review'), renderer);
}
