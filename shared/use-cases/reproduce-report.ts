import { compareReproduction, type ReproducedFile } from '../domain/audit/reproduction';
import type { Period } from '../domain/period';
import type { ChainManifest } from '../domain/report/chain-manifest';
import { type ReportManifest, renderContextOf } from '../domain/report/report-manifest';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex, ReportRecord } from '../ports/report-index';
import type { ReportRenderer } from '../ports/report-renderer';
import { findReportVersion } from './find-report-version';
import { readReportManifest } from './report-reads';
import { loadSnapshot } from './snapshot-storage';
import { hashStoredObject } from './stored-object-hash';

export interface ReproduceReportPorts {
  readonly reportIndex: ReportIndex;
  /** The reports bucket: the manifest and the snapshot are read from it, the stored files re-hashed. */
  readonly reportObjects: ObjectStore;
  readonly renderer: ReportRenderer;
}

/** What reproducing any version says: which one, and for every file whether its bytes matched. */
export interface ReproducedVersion {
  readonly version: number;
  readonly sequence: number;
  readonly manifestKey: string;
  readonly generatedAt: string;
  /** The software that rendered the stored files, and the one that rendered them again. */
  readonly softwareVersion: { readonly recorded: string; readonly running: string };
  /** Every file and the manifest matched. */
  readonly matches: boolean;
  readonly files: readonly ReproducedFile[];
}

export interface Reproduction extends ReproducedVersion {
  readonly period: Period;
  readonly snapshot: ReportManifest['snapshot'];
  readonly renderOptions: ReportManifest['renderOptions'];
}

/**
 * Every file the manifest lists: its recorded hash, the stored bytes' hash and the reproduced
 * bytes' hash, compared (compareReproduction); with the version's place and dates.
 */
export async function comparedWithStored(
  reportObjects: ObjectStore,
  record: ReportRecord,
  manifest: Pick<ChainManifest, 'files' | 'softwareVersion' | 'generatedAt'>,
  reproduced: ReadonlyMap<string, string>,
  runningSoftware: string,
): Promise<ReproducedVersion> {
  const stored = new Map<string, string | null>();
  for (const file of manifest.files)
    stored.set(file.name, (await hashStoredObject(reportObjects, file.key))?.sha256 ?? null);
  const software = { recorded: manifest.softwareVersion, running: runningSoftware };
  const files = compareReproduction(manifest.files, stored, reproduced, software);
  return {
    version: record.version,
    sequence: record.sequence,
    manifestKey: record.manifestKey,
    generatedAt: manifest.generatedAt,
    softwareVersion: software,
    matches: files.length > 0 && files.every((file) => file.matches),
    files,
  };
}

/**
 * Renders a report version again, in memory, from what its manifest names — the stored snapshot
 * (checked against the manifest's SHA-256), the generated-at date and the render options recorded
 * then, never today's configuration or clock — and compares every file's bytes with the stored
 * ones and the manifest's hashes. Writes nothing.
 */
export async function reproduceReport(
  ports: ReproduceReportPorts,
  request: { readonly period: Period; readonly version?: number; readonly softwareVersion: string },
): Promise<Reproduction> {
  const record = await findReportVersion(ports.reportIndex, request.period, request.version);
  const manifest = await readReportManifest(ports.reportObjects, record);
  const snapshot = await loadSnapshot(ports.reportObjects, {
    period: manifest.snapshot.period as Period,
    version: manifest.snapshot.version,
    key: manifest.snapshot.key,
    sha256: manifest.snapshot.sha256,
  });
  const rendered = await ports.renderer.render(snapshot, renderContextOf(manifest));
  const reproduced = new Map(rendered.map((file) => [file.name as string, sha256Hex(file.bytes)]));
  const compared = await comparedWithStored(
    ports.reportObjects,
    record,
    manifest,
    reproduced,
    request.softwareVersion,
  );
  return {
    period: request.period,
    ...compared,
    snapshot: manifest.snapshot,
    renderOptions: manifest.renderOptions,
  };
}
