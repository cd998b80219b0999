import type { ManifestFile, ReportManifest } from '../domain/report/report-manifest';
import type { ReportPeriod } from '../domain/report/report-period';

/** A published report version as the table indexes it; the manifest holds the full record. */
export interface ReportRecord {
  /** A month (its report) or a fiscal quarter, `FY2027-Q1` (its quarterly review pack). */
  readonly period: ReportPeriod;
  readonly version: number;
  /** Its place in the chain of every report ever rendered (1 = the first). */
  readonly sequence: number;
  readonly manifestKey: string;
  readonly manifestSha256: string;
  readonly previousManifestSha256: string | null;
  readonly generatedAt: string;
  /** Wall-clock time the version was published (not in any file). */
  readonly publishedAt: string;
  /** The snapshot a monthly report was rendered from; absent for a pack (its manifest names each month's). */
  readonly snapshot?: ReportManifest['snapshot'];
  readonly catalog: ReportManifest['catalog'];
  readonly softwareVersion: string;
  readonly files: readonly ManifestFile[];
}

/** The latest link of the manifest chain. */
export interface ChainHead {
  readonly sequence: number;
  readonly period: ReportPeriod;
  readonly version: number;
  readonly manifestKey: string;
  readonly manifestSha256: string;
}

/** A render holding the chain right now: its version is indexed or about to be, the head not yet moved. */
export interface PendingPublication {
  readonly period: ReportPeriod;
  readonly version: number;
  /** The sequence it will have in the chain. */
  readonly sequence: number;
  readonly leaseExpiresAt: string;
}

/** A render's hold on the chain: it alone may write the manifest for `sequence` until the lease expires. */
export interface ChainHold extends PendingPublication {
  /** Who holds it: a value only that render knows. */
  readonly owner: string;
  readonly manifestKey: string;
}

/**
 * The chain head item as stored. Before the first report is on the chain its sequence is 0 and it
 * names no manifest; `pending` is set while a render holds the chain.
 */
export interface ChainState {
  readonly sequence: number;
  readonly period?: ReportPeriod;
  readonly version?: number;
  readonly manifestKey?: string;
  readonly manifestSha256?: string;
  readonly pending?: ChainHold;
}

/** The latest link the chain head names, if any report is on the chain. */
export function chainHeadOf(state: ChainState | undefined): ChainHead | undefined {
  if (
    !state ||
    state.sequence === 0 ||
    !state.period ||
    !state.version ||
    !state.manifestKey ||
    !state.manifestSha256
  )
    return undefined;
  return {
    sequence: state.sequence,
    period: state.period,
    version: state.version,
    manifestKey: state.manifestKey,
    manifestSha256: state.manifestSha256,
  };
}

/** The publication holding the chain, without the holder's secret. */
export function pendingPublicationOf(state: ChainState | undefined): PendingPublication | undefined {
  const pending = state?.pending;
  if (!pending) return undefined;
  return {
    period: pending.period,
    version: pending.version,
    sequence: pending.sequence,
    leaseExpiresAt: pending.leaseExpiresAt,
  };
}

/**
 * The table side of rendered reports: version-number claims, the index item of each published
 * version and the head of the manifest chain. Only stores and fetches; every write that could race
 * is conditional and says whether it took effect. What is written in which order, and what makes a
 * version visible, is the publication protocol (shared/use-cases/report-publication.ts,
 * docs/reports.md). The files and manifests themselves are objects in the reports bucket.
 */
export interface ReportIndex {
  /** The highest version number claimed for the period, 0 when none was. */
  lastClaimedVersion(period: ReportPeriod): Promise<number>;
  /** Takes a version number for one render; false when another render took it first. */
  claimVersion(period: ReportPeriod, version: number, claimedAt: Date): Promise<boolean>;

  /** The chain head item, read consistently; undefined before any render held the chain. */
  chainState(): Promise<ChainState | undefined>;
  /**
   * Sets `hold` as the chain's pending publication, only while nobody holds the chain and the head
   * is still at `sequence` (undefined: no head item exists yet). False when refused.
   */
  holdChain(hold: ChainHold, sequence: number | undefined): Promise<boolean>;
  /** Moves the head to the record's manifest and ends the hold, only if `owner` still holds it. */
  advanceChain(record: ReportRecord, owner: string): Promise<boolean>;
  /** Ends the hold without moving the head, only if `owner` still holds it. */
  releaseChain(owner: string): Promise<boolean>;

  /** Indexes a published version; false when that version is indexed already. */
  putRecord(record: ReportRecord): Promise<boolean>;
  /** One indexed version, read consistently. */
  record(period: ReportPeriod, version: number): Promise<ReportRecord | undefined>;
  /** Every published version of a period, oldest first. */
  versions(period: ReportPeriod): Promise<ReportRecord[]>;
  latest(period: ReportPeriod): Promise<ReportRecord | undefined>;
  /**
   * Every published version from `from` to `to`, by key then version (one Query): keys compare as
   * written, so months come before quarters (FIRST_REPORT_PERIOD to LAST_REPORT_PERIOD is everything).
   */
  inRange(from: ReportPeriod, to: ReportPeriod): Promise<ReportRecord[]>;
  /** The latest link, if any report is on the chain. */
  chainHead(): Promise<ChainHead | undefined>;
  /** The publication holding the chain, if a render is (or died) between its manifest and the head. */
  pendingPublication(): Promise<PendingPublication | undefined>;
}
