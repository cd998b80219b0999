import { compareReproduction, type ReproducedFile } from '../domain/audit/reproduction';
import type { Period } from '../domain/period';
import { type ReportManifest, renderContextOf } from '../domain/report/report-manifest';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex } from '../ports/report-index';
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

export interface Reproduction {
  readonly period: Period;
  readonly version: number;
  readonly sequence: number;
  readonly manifestKey: string;
  readonly generatedAt: string;
  readonly snapshot: ReportManifest['snapshot'];
  readonly renderOptions: ReportManifest['renderOptions'];
  /** The software that rendered the stored files, and the one that rendered them again. */
  readonly softwareVersion: { readonly recorded: string; readonly running: string };
  /** Every file and the manifest matched. */
  readonly matches: boolean;
  readonly files: readonly ReproducedFile[];
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
  const stored = new Map<string, string | null>();
  for (const file of manifest.files)
    stored.set(file.name, (await hashStoredObject(ports.reportObjects, file.key))?.sha256 ?? null);
  const software = { recorded: manifest.softwareVersion, running: request.softwareVersion };
  const files = compareReproduction(manifest.files, stored, reproduced, software);
  return {
    period: request.period,
    version: record.version,
    sequence: record.sequence,
    manifestKey: record.manifestKey,
    generatedAt: manifest.generatedAt,
    snapshot: manifest.snapshot,
    renderOptions: manifest.renderOptions,
    softwareVersion: software,
    matches: files.length > 0 && files.every((file) => file.matches),
    files,
  };
}
