import { NotFoundError } from '../domain/errors';
import type { Period } from '../domain/period';
import { supersededReport } from '../domain/report/superseded-report';
import type { RollupSnapshot } from '../domain/rollup/rollup-snapshot';
import type { Clock } from '../ports/clock';
import type { ReportRenderer } from '../ports/report-renderer';
import type { ReportRecord, ReportRepository } from '../ports/report-repository';
import type { SnapshotRecord, SnapshotRepository } from '../ports/snapshot-repository';

export interface RenderReportPorts {
  readonly snapshots: SnapshotRepository;
  readonly reports: ReportRepository;
  readonly renderer: ReportRenderer;
  readonly clock: Clock;
}

export interface RenderReportRequest {
  readonly period: Period;
  /** Render a new version even when the latest snapshot was rendered already. */
  readonly force?: boolean;
  readonly markingBanner?: string | undefined;
  readonly softwareVersion: string;
}

export type RenderReportOutcome =
  | { readonly kind: 'rendered'; readonly record: ReportRecord; readonly snapshot: SnapshotRecord }
  /** The latest snapshot already has a report: nothing was written. */
  | { readonly kind: 'already-rendered'; readonly record: ReportRecord; readonly snapshot: SnapshotRecord };

/** Entries carried into the snapshot from earlier revisions, once each, in a fixed order. */
function carriedForwardFrom(snapshot: RollupSnapshot) {
  const seen = new Map<string, { office: string; period: string; revision: number }>();
  for (const row of snapshot.rows) {
    if (row.source !== 'carried-forward') continue;
    const key = `${row.office}|${row.fromPeriod}|${row.revision}`;
    if (!seen.has(key)) seen.set(key, { office: row.office, period: row.fromPeriod, revision: row.revision });
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/**
 * Renders the report of a period from its latest rollup snapshot and publishes it as a new report
 * version: the PDF brief, the workbook, the HTML brief, then the manifest that chains it to every
 * earlier report.
 */
export async function renderReport(
  ports: RenderReportPorts,
  request: RenderReportRequest,
): Promise<RenderReportOutcome> {
  // 1. The snapshot to render: the latest of the period.
  const snapshotRecord = await ports.snapshots.latest(request.period);
  if (!snapshotRecord)
    throw new NotFoundError(
      `no rollup snapshot for ${request.period}: run \`strategy-report rollup --period ${request.period}\` first`,
    );

  // 2. Rendered already? Then there is nothing new to say, unless asked to.
  const earlier = await ports.reports.versions(request.period);
  if (!request.force) {
    const existing = earlier.filter(
      (record) =>
        record.snapshot.version === snapshotRecord.version &&
        record.snapshot.sha256 === snapshotRecord.sha256,
    );
    const last = existing[existing.length - 1];
    if (last) return { kind: 'already-rendered', record: last, snapshot: snapshotRecord };
  }

  // 3. The snapshot itself (its SHA-256 is checked on load), then the files. Dates come from the
  //    snapshot record, never the clock, so the same snapshot always renders to the same bytes.
  //    A version that replaces an earlier one says which, when it was issued, and whose submissions
  //    changed since; the manifest records it so a reproduction says the same.
  const snapshot = await ports.snapshots.load(snapshotRecord);
  const markingBanner = request.markingBanner ?? null;
  const replaced = earlier[earlier.length - 1];
  const supersedes = replaced
    ? supersededReport(replaced, (await ports.reports.readManifest(replaced)).submissions, snapshot.inputs)
    : undefined;
  const files = await ports.renderer.render(snapshot, {
    generatedAt: snapshotRecord.createdAt,
    snapshotVersion: snapshotRecord.version,
    snapshotSha256: snapshotRecord.sha256,
    markingBanner: markingBanner ?? undefined,
    supersedes,
  });

  // 4. Publish: files, manifest last, then the version becomes visible.
  const record = await ports.reports.publish(
    {
      period: request.period,
      generatedAt: snapshotRecord.createdAt,
      snapshot: {
        period: snapshotRecord.period,
        version: snapshotRecord.version,
        inputHash: snapshotRecord.inputHash,
        sha256: snapshotRecord.sha256,
        key: snapshotRecord.key,
      },
      catalog: { id: snapshot.catalog.id, version: snapshot.catalog.version },
      softwareVersion: request.softwareVersion,
      renderOptions: { markingBanner, ...(supersedes ? { supersedes } : {}) },
      submissions: snapshot.inputs,
      carriedForwardFrom: carriedForwardFrom(snapshot),
      files,
    },
    ports.clock.now(),
  );
  return { kind: 'rendered', record, snapshot: snapshotRecord };
}
