import { z } from 'zod';
import { reportFileRenderer } from '../../shared/adapters/report/report-file-renderer';
import type { Dependencies } from '../../shared/composition/dependencies';
import { SOFTWARE_VERSION } from '../../shared/config/software-version';
import { scheduledPeriod } from '../../shared/domain/scheduled-event';
import type { ReportRenderer } from '../../shared/ports/report-renderer';
import { renderReport } from '../../shared/use-cases/render-report';

export type RenderDependencies = Pick<Dependencies, 'snapshots' | 'reportIndex' | 'clock' | 'config'>;

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

/**
 * The render function: `{}` or `{ "period": "YYYY-MM" }` from the schedule (no period = the
 * previous calendar month in config.timeZone); the CLI may add `"force": true`. The renderer is
 * passed here rather than carried in Dependencies so only this function's bundle holds pdfmake.
 */
export function createRenderHandler(deps: RenderDependencies, renderer: ReportRenderer = reportFileRenderer) {
  return async (event: unknown): Promise<RenderResult> => {
    const input = scheduledPeriod(event, {
      now: deps.clock.now(),
      timeZone: deps.config.timeZone,
      extra: { force: z.boolean().optional() },
      function: 'render',
    });
    const outcome = await renderReport(
      { snapshots: deps.snapshots, reportIndex: deps.reportIndex, renderer, clock: deps.clock },
      {
        period: input.period,
        force: input.force ?? false,
        markingBanner: deps.config.markingBanner,
        softwareVersion: SOFTWARE_VERSION,
      },
    );
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
  };
}
