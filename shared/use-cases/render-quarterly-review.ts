import { canonicalJson } from '../domain/canonical-json';
import type { FiscalQuarter } from '../domain/fiscal-quarter';
import { type QuarterlyPackContent, quarterlyPackManifest } from '../domain/report/quarterly-pack-manifest';
import { QUARTERLY_PACK_FILES } from '../domain/report/report-files';
import { type QuarterKey, quarterKeyOf } from '../domain/report/report-period';
import type { QuarterlyReviewInputs } from '../domain/review/quarterly-review-inputs';
import { sha256Hex } from '../domain/sha256';
import { BUSINESS_METRICS, type BusinessMetrics } from '../ports/business-metrics';
import type { Clock } from '../ports/clock';
import type { Log } from '../ports/log';
import type { QuarterlyPackRenderer } from '../ports/quarterly-pack-renderer';
import type { ReportIndex, ReportRecord } from '../ports/report-index';
import { publishVersion } from './publish-version';
import {
  gatherQuarterlyReviewInputs,
  type QuarterlyReviewConfig,
  type QuarterlyReviewInputsPorts,
} from './quarterly-review-inputs';
import type { ChainHoldTiming } from './report-chain-hold';

export interface RenderQuarterlyReviewPorts extends QuarterlyReviewInputsPorts {
  readonly reportIndex: ReportIndex;
  readonly packRenderer: QuarterlyPackRenderer;
  readonly clock: Clock;
  /** Each pack version published counts as a review pack rendered. */
  readonly metrics: BusinessMetrics;
  readonly log: Log;
}

export interface RenderQuarterlyReviewRequest {
  readonly quarter: FiscalQuarter;
  readonly config: QuarterlyReviewConfig;
  readonly softwareVersion: string;
  /** Publish a new version even when the latest one was rendered from the same inputs. */
  readonly force?: boolean;
  readonly chainHold?: Partial<ChainHoldTiming>;
}

export type RenderQuarterlyReviewOutcome = {
  /** `already-rendered`: the latest pack of the quarter has these very inputs; nothing was written. */
  readonly kind: 'rendered' | 'already-rendered';
  readonly quarter: QuarterKey;
  readonly record: ReportRecord;
  readonly inputsSha256: string;
  /** The months of the quarter that had a snapshot, and those that had none. */
  readonly months: readonly { readonly period: string; readonly snapshotVersion: number | null }[];
};

/** Where a pack keeps what it was rendered from, beside its PDF, workbook and HTML. */
const INPUTS_FILE = QUARTERLY_PACK_FILES.find((file) => file.name === 'inputs.json') as {
  readonly name: 'inputs.json';
  readonly contentType: string;
};

/**
 * Renders a quarter's review pack and publishes it as a version in the one manifest chain
 * (docs/quarterly-review.md, "How the pack is published"):
 *
 * 1. gathers the inputs — the latest snapshot of each month (checked against its SHA-256), the
 *    plan's monthly figures so far, every attempt of the quarter (NotFoundError when no month of
 *    the quarter has a snapshot: nothing is written);
 * 2. stores nothing when the quarter's latest pack was rendered from the same inputs (canonical
 *    JSON, compared by SHA-256), as a monthly render of an unchanged snapshot does;
 * 3. renders the PDF, workbook and HTML from the inputs as they will be stored (parsed back from
 *    their canonical JSON), dated by the newest snapshot, never the clock;
 * 4–8. publishes them with `inputs.json` under `reports/<FY…-Q…>/v<NNNN>/`, then the manifest that
 *    hashes all four and links to the previous manifest of the chain, then the index item and head.
 */
export async function renderQuarterlyReview(
  ports: RenderQuarterlyReviewPorts,
  request: RenderQuarterlyReviewRequest,
): Promise<RenderQuarterlyReviewOutcome> {
  const key = quarterKeyOf(request.quarter);

  // 1. The inputs.
  const gathered = await gatherQuarterlyReviewInputs(ports, request.quarter, request.config);
  const inputsBytes = Buffer.from(canonicalJson(gathered), 'utf8');
  const inputsSha256 = sha256Hex(inputsBytes);
  const months = gathered.months.map((month) => ({
    period: month.period,
    snapshotVersion: month.snapshot?.version ?? null,
  }));

  // 2. Rendered from these inputs already?
  const latest = await ports.reportIndex.latest(key);
  if (!request.force && latest && inputsHashOf(latest) === inputsSha256)
    return { kind: 'already-rendered', quarter: key, record: latest, inputsSha256, months };

  // 3. The files, from the inputs exactly as stored.
  const inputs = JSON.parse(inputsBytes.toString('utf8')) as QuarterlyReviewInputs;
  const generatedAt = packGeneratedAt(inputs);
  const rendered = await ports.packRenderer.render(inputs, {
    generatedAt,
    rendererVersion: request.softwareVersion,
  });

  // 4 to 8. Published in the chain.
  const content = packContentOf(key, inputs, inputsSha256, generatedAt, request.softwareVersion);
  const record = await publishVersion(ports, {
    period: key,
    rendered: [...rendered, { ...INPUTS_FILE, bytes: inputsBytes }],
    specs: QUARTERLY_PACK_FILES,
    manifestOf: (version, files, chain) => quarterlyPackManifest(content, version, files, chain),
    now: ports.clock.now(),
    chainHold: request.chainHold,
  });
  ports.metrics.count(BUSINESS_METRICS.reviewPacksRendered);
  return { kind: 'rendered', quarter: key, record, inputsSha256, months };
}

/** The SHA-256 of the inputs a published pack was rendered from, as its index item records it. */
function inputsHashOf(record: ReportRecord): string | undefined {
  return record.files.find((file) => file.name === INPUTS_FILE.name)?.sha256;
}

/** The newest creation time of the quarter's snapshots: the date the pack's files state. */
export function packGeneratedAt(inputs: Pick<QuarterlyReviewInputs, 'months'>): string {
  const times = inputs.months.flatMap((month) => (month.snapshot ? [month.snapshot.createdAt] : []));
  const newest = times.sort().at(-1);
  if (newest === undefined)
    throw new Error('a quarterly review pack needs at least one month with a snapshot');
  return newest;
}

function packContentOf(
  key: QuarterKey,
  inputs: QuarterlyReviewInputs,
  inputsSha256: string,
  generatedAt: string,
  softwareVersion: string,
): QuarterlyPackContent {
  return {
    period: key,
    generatedAt,
    quarter: {
      fiscalYear: inputs.quarter.fiscalYear,
      quarter: inputs.quarter.quarter,
      fiscalYearStartMonth: inputs.settings.fiscalYearStartMonth,
      periods: [...inputs.quarter.periods],
    },
    snapshots: inputs.months.flatMap((month) =>
      month.snapshot
        ? [
            {
              period: month.snapshot.period,
              version: month.snapshot.version,
              inputHash: month.snapshot.inputHash,
              sha256: month.snapshot.sha256,
              key: month.snapshot.key,
            },
          ]
        : [],
    ),
    inputsSha256,
    catalog: { id: inputs.plan.id, version: inputs.plan.version },
    softwareVersion,
    renderOptions: { rendererVersion: softwareVersion },
  };
}
