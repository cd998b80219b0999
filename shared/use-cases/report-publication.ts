import type { Period } from '../domain/period';
import { type ChainManifest, chainManifestBytes, isPackManifest } from '../domain/report/chain-manifest';
import { MANIFEST_FILE, REPORT_FILES, type StoredFileName } from '../domain/report/report-files';
import {
  type ChainLink,
  type ManifestFile,
  REPORT_MANIFEST_KIND,
  REPORT_MANIFEST_SCHEMA_VERSION,
  type ReportManifest,
} from '../domain/report/report-manifest';
import type { ReportPeriod } from '../domain/report/report-period';
import { sha256Hex } from '../domain/sha256';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex, ReportRecord } from '../ports/report-index';
import { reportKey } from '../storage/object-keys';

/**
 * The steps of publishing a report version (docs/reports.md), in the order `renderReport` takes
 * them: claim a version number, store the files, hold the chain (report-chain-hold.ts), store the
 * manifest, make the version visible. A crash at any step leaves either no new visible version or,
 * once the next render settles the hold, a complete one; no key is ever written twice.
 */

export interface PublicationPorts {
  readonly reportIndex: ReportIndex;
  /** The reports bucket: report files and manifests under `reports/<period>/v<NNNN>/`. */
  readonly reportObjects: ObjectStore;
}

/** What a version's manifest says besides its version, files and place in the chain. */
export type ReportContent = Pick<
  ReportManifest,
  | 'generatedAt'
  | 'snapshot'
  | 'catalog'
  | 'softwareVersion'
  | 'renderOptions'
  | 'submissions'
  | 'carriedForwardFrom'
> & { readonly period: Period };

/** The next free version number of the period, taken by conditional put: its keys are this render's alone. */
export async function claimReportVersion(
  reportIndex: ReportIndex,
  period: ReportPeriod,
  now: Date,
): Promise<number> {
  let version = (await reportIndex.lastClaimedVersion(period)) + 1;
  while (!(await reportIndex.claimVersion(period, version, now))) version += 1;
  return version;
}

/**
 * Puts the rendered files under the version's keys, in the fixed order of `specs` (a monthly
 * report's by default; a quarterly pack's PDF, workbook, HTML and inputs), each with its SHA-256.
 */
export async function storeReportFiles(
  reportObjects: ObjectStore,
  period: ReportPeriod,
  version: number,
  rendered: readonly { readonly name: string; readonly contentType: string; readonly bytes: Buffer }[],
  specs: readonly { readonly name: StoredFileName }[] = REPORT_FILES,
): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const spec of specs) {
    const file = rendered.find((candidate) => candidate.name === spec.name);
    if (!file) throw new Error(`the render of ${period} made no ${spec.name}`);
    const key = reportKey(period, version, file.name);
    const sha256 = sha256Hex(file.bytes);
    await reportObjects.put(key, file.bytes, { contentType: file.contentType, metadata: { sha256 } });
    files.push({ name: file.name, key, contentType: file.contentType, size: file.bytes.length, sha256 });
  }
  return files;
}

/** Where a version's manifest lives. */
export function manifestKeyOf(period: ReportPeriod, version: number): string {
  return reportKey(period, version, MANIFEST_FILE.name);
}

/** The manifest of a version: what it says, its files, and its place in the chain. */
export function reportManifest(
  content: ReportContent,
  version: number,
  files: readonly ManifestFile[],
  chain: { readonly sequence: number; readonly previous: ChainLink | null },
): ReportManifest {
  return {
    schemaVersion: REPORT_MANIFEST_SCHEMA_VERSION,
    kind: REPORT_MANIFEST_KIND,
    period: content.period,
    version,
    generatedAt: content.generatedAt,
    snapshot: content.snapshot,
    catalog: content.catalog,
    softwareVersion: content.softwareVersion,
    renderOptions: content.renderOptions,
    files: [...files],
    submissions: content.submissions,
    carriedForwardFrom: content.carriedForwardFrom,
    chain: { sequence: chain.sequence, previous: chain.previous },
  };
}

/** Puts the manifest (canonical JSON, either kind) with its SHA-256; returns the hash, the version's identity. */
export async function storeManifest(
  reportObjects: ObjectStore,
  manifestKey: string,
  manifest: ChainManifest,
): Promise<string> {
  const bytes = chainManifestBytes(manifest);
  const manifestSha256 = sha256Hex(bytes);
  await reportObjects.put(manifestKey, bytes, {
    contentType: MANIFEST_FILE.contentType,
    metadata: { sha256: manifestSha256 },
  });
  return manifestSha256;
}

/** The index item of a stored manifest. */
export function reportRecordOf(
  manifest: ChainManifest,
  manifestKey: string,
  manifestSha256: string,
  now: Date,
): ReportRecord {
  return {
    period: manifest.period as ReportPeriod,
    version: manifest.version,
    sequence: manifest.chain.sequence,
    manifestKey,
    manifestSha256,
    previousManifestSha256: manifest.chain.previous?.sha256 ?? null,
    generatedAt: manifest.generatedAt,
    publishedAt: now.toISOString(),
    ...(isPackManifest(manifest) ? {} : { snapshot: manifest.snapshot }),
    catalog: manifest.catalog,
    softwareVersion: manifest.softwareVersion,
    files: manifest.files,
  };
}

/**
 * Makes a version visible: its index item (conditional; an item already there must name the same
 * manifest), then the chain head moves to its manifest and the hold ends (conditional on `owner`
 * still holding the chain). If the hold expired and another render completed this publication,
 * that is fine; if the head is behind this version, the chain was lost.
 */
export async function makeVisible(
  reportIndex: ReportIndex,
  record: ReportRecord,
  owner: string,
): Promise<void> {
  if (!(await reportIndex.putRecord(record))) {
    const existing = await reportIndex.record(record.period, record.version);
    if (existing?.manifestSha256 !== record.manifestSha256)
      throw new Error(`report ${record.period} v${record.version} is already indexed with another manifest`);
  }
  if (!(await reportIndex.advanceChain(record, owner))) {
    const head = await reportIndex.chainState();
    if (!head || head.sequence < record.sequence)
      throw new Error(`lost the report chain while publishing ${record.period} v${record.version}`);
  }
}
