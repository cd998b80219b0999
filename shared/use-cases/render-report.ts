import { NotFoundError } from '../domain/errors';
import type { Period } from '../domain/period';
import { type SupersededReport, supersededReport } from '../domain/report/superseded-report';
import type { RollupSnapshot } from '../domain/rollup/rollup-snapshot';
import { BUSINESS_METRICS, type BusinessMetrics } from '../ports/business-metrics';
import type { Clock } from '../ports/clock';
import type { Log } from '../ports/log';
import type { ObjectStore } from '../ports/object-store';
import type { ChainHold, ReportIndex, ReportRecord } from '../ports/report-index';
import type { ReportRenderer } from '../ports/report-renderer';
import type { SnapshotIndex, SnapshotRecord } from '../ports/snapshot-index';
import {
  type ChainHoldTiming,
  holdReportChain,
  type SettledHold,
  settleChainHold,
} from './report-chain-hold';
import {
  claimReportVersion,
  makeVisible,
  type ReportContent,
  reportManifest,
  reportRecordOf,
  storeManifest,
  storeReportFiles,
} from './report-publication';
import { readReportManifest } from './report-reads';
import { loadSnapshot } from './snapshot-storage';

export interface RenderReportPorts {
  readonly snapshotIndex: SnapshotIndex;
  readonly reportIndex: ReportIndex;
  /** The reports bucket: the snapshot is read from it, the report's files and manifest written to it. */
  readonly reportObjects: ObjectStore;
  readonly renderer: ReportRenderer;
  readonly clock: Clock;
  /** Each version published counts as a report rendered. */
  readonly metrics: BusinessMetrics;
  readonly log: Log;
}

export interface RenderReportRequest {
  readonly period: Period;
  /** Render a new version even when the latest snapshot was rendered already. */
  readonly force?: boolean;
  readonly markingBanner?: string | undefined;
  readonly softwareVersion: string;
  /** How long to hold the chain and wait for another render's hold (tests shorten the wait). */
  readonly chainHold?: Partial<ChainHoldTiming>;
}

export type RenderReportOutcome =
  | { readonly kind: 'rendered'; readonly record: ReportRecord; readonly snapshot: SnapshotRecord }
  /** The latest snapshot already has a report: nothing was written. */
  | { readonly kind: 'already-rendered'; readonly record: ReportRecord; readonly snapshot: SnapshotRecord };

/**
 * Renders the report of a period from its latest rollup snapshot and publishes it as a new report
 * version: the PDF brief, the workbook, the HTML brief, then the manifest that chains it to every
 * earlier report. Publication (steps 4 to 8, docs/reports.md) leaves, whatever step a crash stops
 * it at, either no new visible version or — once the next render settles its hold — a complete one.
 */
export async function renderReport(
  ports: RenderReportPorts,
  request: RenderReportRequest,
): Promise<RenderReportOutcome> {
  const { period } = request;

  // 1. The snapshot to render: the latest of the period.
  const snapshotRecord = await ports.snapshotIndex.latest(period);
  if (!snapshotRecord)
    throw new NotFoundError(
      `no rollup snapshot for ${period}: run \`strategy-report rollup --period ${period}\` first`,
    );

  // 2. Rendered already? Then there is nothing new to say, unless asked to.
  const earlier = await ports.reportIndex.versions(period);
  if (!request.force) {
    const last = earlier.filter((record) => sameSnapshot(record, snapshotRecord)).at(-1);
    if (last) return { kind: 'already-rendered', record: last, snapshot: snapshotRecord };
  }

  // 3. The snapshot itself (checked against its SHA-256 as it is loaded), then the files. Dates
  //    come from the snapshot record, never the clock, so the same snapshot renders the same bytes.
  //    A version that replaces an earlier one says which, when it was issued, and whose
  //    submissions changed since; the manifest records it, so a reproduction says the same.
  const snapshot = await loadSnapshot(ports.reportObjects, snapshotRecord);
  const markingBanner = request.markingBanner ?? null;
  const supersedes = await replacedVersion(ports, earlier.at(-1), snapshot);
  const rendered = await ports.renderer.render(snapshot, {
    generatedAt: snapshotRecord.createdAt,
    snapshotVersion: snapshotRecord.version,
    snapshotSha256: snapshotRecord.sha256,
    markingBanner: markingBanner ?? undefined,
    supersedes,
  });
  const now = ports.clock.now();

  // 4. A version number of its own (conditional put): the version's keys are this render's alone.
  const version = await claimReportVersion(ports.reportIndex, period, now);

  // 5. The PDF, the workbook and the HTML under those keys: invisible, nothing points at them.
  const files = await storeReportFiles(ports.reportObjects, period, version, rendered);

  // 6. Hold the chain: fixes this version's place in it and the manifest it links to.
  const { hold, previous } = await holdReportChain(ports, { period, version }, now, request.chainHold);
  try {
    // 7. The manifest, last: every file's hash, the snapshot, the previous manifest's hash.
    const content = reportContentOf(snapshotRecord, snapshot, request.softwareVersion, {
      markingBanner,
      ...(supersedes ? { supersedes } : {}),
      taggedPdf: true,
    });
    const manifest = reportManifest(content, version, files, { sequence: hold.sequence, previous });
    const manifestSha256 = await storeManifest(ports.reportObjects, hold.manifestKey, manifest);

    // 8. Visible: the index item, then the head moves to the manifest and the hold ends.
    const record = reportRecordOf(manifest, hold.manifestKey, manifestSha256, now);
    await makeVisible(ports.reportIndex, record, hold.owner);
    ports.metrics.count(BUSINESS_METRICS.reportsRendered);
    return { kind: 'rendered', record, snapshot: snapshotRecord };
  } catch (error) {
    return settleAfterFailure(ports, hold, now, snapshotRecord, error);
  }
}

/**
 * A step after the hold failed: finish or give back the hold at once rather than leave it to
 * expire. Finished (the manifest was stored and still links to the head): the version is
 * published after all, and the failure is logged. Not finished: the failure propagates, and if
 * even settling failed, that is logged too — the lease expiry lets the next render settle it.
 */
async function settleAfterFailure(
  ports: RenderReportPorts,
  hold: ChainHold,
  now: Date,
  snapshotRecord: SnapshotRecord,
  failure: unknown,
): Promise<RenderReportOutcome> {
  let settled: SettledHold | undefined;
  try {
    settled = await settleChainHold(ports, hold, now);
  } catch (error) {
    ports.log.error(
      'could not settle the report chain hold; the next render settles it once its lease expires',
      {
        version: hold.version,
        error,
      },
    );
  }
  if (settled?.kind !== 'completed') throw failure;
  ports.log.warn('a publication step failed, but the version was complete and is published', {
    version: settled.record.version,
    error: failure,
  });
  ports.metrics.count(BUSINESS_METRICS.reportsRendered);
  return { kind: 'rendered', record: settled.record, snapshot: snapshotRecord };
}

/** What the manifest says the version is made from: the snapshot, its inputs, the software and options. */
function reportContentOf(
  snapshotRecord: SnapshotRecord,
  snapshot: RollupSnapshot,
  softwareVersion: string,
  renderOptions: ReportContent['renderOptions'],
): ReportContent {
  return {
    period: snapshotRecord.period,
    generatedAt: snapshotRecord.createdAt,
    snapshot: {
      period: snapshotRecord.period,
      version: snapshotRecord.version,
      inputHash: snapshotRecord.inputHash,
      sha256: snapshotRecord.sha256,
      key: snapshotRecord.key,
    },
    catalog: { id: snapshot.catalog.id, version: snapshot.catalog.version },
    softwareVersion,
    renderOptions,
    submissions: snapshot.inputs,
    carriedForwardFrom: carriedForwardFrom(snapshot),
  };
}

/** The period's latest version, which this one replaces, and whose submissions changed since it. */
async function replacedVersion(
  ports: RenderReportPorts,
  replaced: ReportRecord | undefined,
  snapshot: RollupSnapshot,
): Promise<SupersededReport | undefined> {
  if (!replaced) return undefined;
  const manifest = await readReportManifest(ports.reportObjects, replaced);
  return supersededReport(replaced, manifest.submissions, snapshot.inputs);
}

function sameSnapshot(record: ReportRecord, snapshot: SnapshotRecord): boolean {
  return record.snapshot.version === snapshot.version && record.snapshot.sha256 === snapshot.sha256;
}

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
