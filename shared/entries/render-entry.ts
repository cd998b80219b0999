import { reportFileRenderer } from '../adapters/report/report-file-renderer';
import type { Dependencies } from '../composition/dependencies';
import { SOFTWARE_VERSION } from '../config/software-version';
import { parseScheduledEvent, periodToRun, type ScheduledRequest } from '../domain/scheduled-event';
import type { ReportRenderer } from '../ports/report-renderer';
import { renderReport } from '../use-cases/render-report';
import { countingVerifyFailures } from '../use-cases/verify-failures';

export type RenderDependencies = Pick<
  Dependencies,
  'snapshotIndex' | 'reportIndex' | 'reportObjects' | 'clock' | 'config' | 'log' | 'metrics'
>;

export interface RenderResult {
  readonly period: string;
  readonly outcome: 'rendered' | 'already-rendered';
  readonly version: number;
  readonly sequence: number;
  readonly generatedAt: string;
  readonly snapshot: { readonly version: number; readonly sha256: string };
  readonly manifest: { readonly key: string; readonly sha256: string };
  readonly previousManifestSha256: string | null;
  readonly files: readonly { name: string; key: string; size: number; sha256: string }[];
}

export interface RenderRequest extends ScheduledRequest {
  /** `strategy-report render --force` only: a new version even when the snapshot was rendered. */
  readonly force?: boolean;
}

/**
 * Renders the requested period (default: the previous calendar month in config.timeZone) and
 * answers with the published version. The renderer is passed in rather than carried in
 * Dependencies so that only the render function's bundle holds pdfmake.
 */
export async function runRender(
  deps: RenderDependencies,
  request: RenderRequest,
  renderer: ReportRenderer = reportFileRenderer,
): Promise<RenderResult> {
  const period = periodToRun(request, deps.clock.now(), deps.config.timeZone);
  const outcome = await deps.log.withRecordKeys({ period }, async () => {
    const rendered = await countingVerifyFailures(deps, () =>
      renderReport(
        { ...deps, renderer },
        {
          period,
          force: request.force ?? false,
          markingBanner: deps.config.markingBanner,
          softwareVersion: SOFTWARE_VERSION,
        },
      ),
    );
    deps.log.info(rendered.kind === 'rendered' ? 'report rendered' : 'report already rendered', {
      version: rendered.record.version,
      sequence: rendered.record.sequence,
      snapshotVersion: rendered.snapshot.version,
    });
    return rendered;
  });
  const { record } = outcome;
  return {
    period: record.period,
    outcome: outcome.kind,
    version: record.version,
    sequence: record.sequence,
    generatedAt: record.generatedAt,
    snapshot: { version: record.snapshot.version, sha256: record.snapshot.sha256 },
    manifest: { key: record.manifestKey, sha256: record.manifestSha256 },
    previousManifestSha256: record.previousManifestSha256,
    files: record.files.map(({ name, key, size, sha256 }) => ({ name, key, size, sha256 })),
  };
}

/** The render function's handler: `{}` or `{ "period": "YYYY-MM" }` (no `force`: that is the CLI's). */
export function createRenderHandler(deps: RenderDependencies, renderer: ReportRenderer = reportFileRenderer) {
  return async (event?: unknown): Promise<RenderResult> =>
    runRender(deps, parseScheduledEvent(event, 'render'), renderer);
}
