import type { Period } from '../domain/period';
import type { MANIFEST_FILE, ReportFileName } from '../domain/report/report-files';
import type { ManifestFile, ReportManifest } from '../domain/report/report-manifest';

/** A published report version as the table indexes it; the manifest holds the full record. */
export interface ReportRecord {
  readonly period: Period;
  readonly version: number;
  /** Its place in the chain of every report ever rendered (1 = the first). */
  readonly sequence: number;
  readonly manifestKey: string;
  readonly manifestSha256: string;
  readonly previousManifestSha256: string | null;
  readonly generatedAt: string;
  /** Wall-clock time the version was published (not in any file). */
  readonly publishedAt: string;
  readonly snapshot: ReportManifest['snapshot'];
  readonly catalog: ReportManifest['catalog'];
  readonly softwareVersion: string;
  readonly files: readonly ManifestFile[];
}

/** Everything needed to publish a report version except where it goes and its place in the chain. */
export interface ReportDraft {
  readonly period: Period;
  readonly generatedAt: string;
  readonly snapshot: ReportManifest['snapshot'];
  readonly catalog: ReportManifest['catalog'];
  readonly softwareVersion: string;
  readonly renderOptions: ReportManifest['renderOptions'];
  readonly submissions: ReportManifest['submissions'];
  readonly carriedForwardFrom: ReportManifest['carriedForwardFrom'];
  readonly files: readonly { name: ReportFileName; contentType: string; bytes: Buffer }[];
}

/** The latest link of the manifest chain. */
export interface ChainHead {
  readonly sequence: number;
  readonly period: Period;
  readonly version: number;
  readonly manifestKey: string;
  readonly manifestSha256: string;
}

/** A render holding the chain right now: its version is indexed or about to be, the head not yet moved. */
export interface PendingPublication {
  readonly period: Period;
  readonly version: number;
  /** The sequence it will have in the chain. */
  readonly sequence: number;
  readonly leaseExpiresAt: string;
}

/**
 * Another render is publishing right now (it holds the chain for a moment). Retry shortly; if it
 * died, its hold expires and the next render completes or abandons its work.
 */
export class ReportChainBusyError extends Error {
  override readonly name = 'ReportChainBusyError';
}

/**
 * Rendered reports: files in the reports bucket, versions and the manifest chain in the table.
 * A version becomes visible all at once: files first, the manifest last, then the index item and
 * the chain head (docs/reports.md). Nothing is ever overwritten.
 */
export interface ReportRepository {
  /** Stores the files under a new version, then the manifest, then makes the version visible. */
  publish(draft: ReportDraft, now: Date): Promise<ReportRecord>;
  /** Every published version of a period, oldest first. */
  versions(period: Period): Promise<ReportRecord[]>;
  latest(period: Period): Promise<ReportRecord | undefined>;
  /** Every published version of the periods from `from` to `to`, by period then version (one Query). */
  inRange(from: Period, to: Period): Promise<ReportRecord[]>;
  chainHead(): Promise<ChainHead | undefined>;
  /** The publication holding the chain, if a render is (or died) between its manifest and the head. */
  pendingPublication(): Promise<PendingPublication | undefined>;
  /** A stored file, checked against the SHA-256 its manifest records. */
  readFile(record: ReportRecord, name: ReportFileName): Promise<Buffer>;
  /** The stored manifest, checked against the SHA-256 the index records. */
  readManifest(record: ReportRecord): Promise<ReportManifest>;
  /** A time-limited download link to one file or the manifest. */
  fileUrl(
    record: ReportRecord,
    name: ReportFileName | typeof MANIFEST_FILE.name,
    expiresInSeconds: number,
  ): Promise<string>;
}
