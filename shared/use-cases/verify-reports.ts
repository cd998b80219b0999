import { ZodError } from 'zod';
import { type AuditFinding, orderFindings, reportLabel } from '../domain/audit/audit-finding';
import {
  type ChainPointer,
  checkAgainstIndex,
  checkFile,
  checkLink,
  checkPointerKey,
  checkSnapshot,
  describeManifest,
  expectedFiles,
  type ObservedManifest,
  type ObservedObject,
  previousPointer,
  previousPointerFromIndex,
  type ReportContext,
  type ReportLayout,
} from '../domain/audit/chain-checks';
import { NotFoundError } from '../domain/errors';
import { FIRST_PERIOD, isPeriod, LAST_PERIOD, type Period } from '../domain/period';
import { type ManifestFile, parseManifest } from '../domain/report/report-manifest';
import { sha256Hex } from '../domain/sha256';
import { BUSINESS_METRICS, type BusinessMetrics } from '../ports/business-metrics';
import type { ObjectStore } from '../ports/object-store';
import type { ChainHead, PendingPublication, ReportIndex, ReportRecord } from '../ports/report-index';
import { reportKey, snapshotKey } from '../storage/object-keys';
import { hashStoredObject } from './stored-object-hash';

export interface VerifyReportsPorts {
  readonly reportIndex: ReportIndex;
  /** The reports bucket: manifests, report files and snapshots. */
  readonly reportObjects: ObjectStore;
  /** Each finding counts as a verify failure. */
  readonly metrics: BusinessMetrics;
}

/** `--all`: the whole chain; a period: that period's versions and the links from the head down to them. */
export type VerifyScope = { readonly kind: 'all' } | { readonly kind: 'period'; readonly period: Period };

export interface VerifiedReport {
  readonly period: string;
  readonly version: number;
  readonly sequence: number;
  readonly manifestKey: string;
  readonly ok: boolean;
}

export interface VerificationResult {
  readonly scope: 'all' | Period;
  readonly ok: boolean;
  readonly head: ChainHead | null;
  /** A render between storing its manifest and moving the head: its index item is not yet on the chain. */
  readonly pending: PendingPublication | null;
  readonly counts: {
    /** Reports whose manifest, files and snapshot were checked. */
    readonly reports: number;
    readonly manifests: number;
    /** Links followed: the head's, then each manifest's `chain.previous`. */
    readonly links: number;
    readonly files: number;
    readonly snapshots: number;
    /** Index items in scope, every one of which must be reached by the chain. */
    readonly indexItems: number;
    readonly findings: number;
  };
  /** The reports checked in depth, oldest first. */
  readonly reports: readonly VerifiedReport[];
  /** The oldest problem in the chain: what `verify` names. */
  readonly firstFailure: AuditFinding | null;
  readonly findings: readonly AuditFinding[];
}

/** Keys as the storage layout builds them; undefined for parts that could never be a key. */
const layout: ReportLayout = {
  reportKey(period, version, fileName) {
    try {
      return isPeriod(period) ? reportKey(period, version, fileName) : undefined;
    } catch {
      return undefined;
    }
  },
  snapshotKey(period, inputHash) {
    try {
      return isPeriod(period) ? snapshotKey(period, inputHash) : undefined;
    } catch {
      return undefined;
    }
  },
};

function unreadableReason(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'not a manifest';
  }
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable';
}

/** What is stored, each object read once however many checks need it. */
class StoredEvidence {
  private readonly manifests = new Map<string, Promise<ObservedManifest | undefined>>();
  private readonly hashes = new Map<string, Promise<ObservedObject | undefined>>();

  constructor(private readonly store: ObjectStore) {}

  manifest(key: string): Promise<ObservedManifest | undefined> {
    let found = this.manifests.get(key);
    if (!found) {
      found = this.readManifest(key);
      this.manifests.set(key, found);
    }
    return found;
  }

  object(key: string): Promise<ObservedObject | undefined> {
    let found = this.hashes.get(key);
    if (!found) {
      found = hashStoredObject(this.store, key);
      this.hashes.set(key, found);
    }
    return found;
  }

  private async readManifest(key: string): Promise<ObservedManifest | undefined> {
    let bytes: Buffer;
    try {
      bytes = await this.store.get(key);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
    const observed = { key, sha256: sha256Hex(bytes), size: bytes.length };
    try {
      return { ...observed, manifest: parseManifest(bytes) };
    } catch (error) {
      return { ...observed, unreadable: unreadableReason(error) };
    }
  }
}

/** The report index as one read of it: every item, the head, any publication in progress. */
interface IndexView {
  readonly records: readonly ReportRecord[];
  readonly head: ChainHead | undefined;
  readonly pending: PendingPublication | undefined;
  /** Index items in scope: each must be reached by the walk. */
  readonly targets: readonly ReportRecord[];
  /** The first index item claiming each place in the chain. */
  readonly bySequence: ReadonlyMap<number, ReportRecord>;
  /** The lowest place whose report is checked: #1 for --all, a period's oldest version otherwise. */
  readonly lowest: number;
  readonly inScope: (period: string) => boolean;
}

/** What walking the chain found and counted, filled in link by link. */
interface ChainWalk {
  readonly counts: { reports: number; manifests: number; links: number; files: number };
  readonly snapshotsChecked: Set<string>;
  readonly reached: Set<ReportRecord>;
  readonly checked: (ReportContext & { manifestKey: string })[];
  readonly findings: AuditFinding[];
}

/**
 * Proves the stored reports are what was published, or names the first thing that is not:
 *
 * 1. reads the report index (one Query of every report item), the chain head and any publication
 *    in progress; two items claiming one place, or items with no head, are findings already;
 * 2. walks the chain from the head back: each link's manifest must be stored under its report's
 *    own key, hash to the SHA-256 the head or the next manifest records, and hold the expected
 *    place (sequence) — down to #1, which names no previous manifest (a period's scope stops at
 *    the manifest just before the period's oldest version);
 * 3. for each report in scope on the way: its manifest against its index item (hash, place,
 *    previous hash, files); its PDF, workbook, HTML (and, from manifest schema 2, StratML) under
 *    their own keys, each re-hashed against the manifest (against the index item when the chain
 *    does not vouch for the manifest); its snapshot against the manifest;
 * 4. every index item in scope must have been reached by the walk (nothing is indexed beside the
 *    chain), except the one a render is publishing right now.
 * Reads only; writes nothing.
 */
export async function verifyReports(
  ports: VerifyReportsPorts,
  scope: VerifyScope,
): Promise<VerificationResult> {
  // 1. The index.
  const index = await readIndex(ports.reportIndex, scope);
  const findings = [...duplicateClaims(index), ...missingHead(index)];

  // 2 and 3. The chain from the head down, and each report in scope on it.
  const walk = await walkChain(index, new StoredEvidence(ports.reportObjects));
  findings.push(...walk.findings);

  // 4. Nothing indexed beside the chain.
  findings.push(...unreachedItems(index, walk.reached));

  if (findings.length > 0) ports.metrics.count(BUSINESS_METRICS.verifyFailures, findings.length);
  return verificationResult(scope, index, walk, orderFindings(findings));
}

async function readIndex(reportIndex: ReportIndex, scope: VerifyScope): Promise<IndexView> {
  const [records, head, pending] = await Promise.all([
    reportIndex.inRange(FIRST_PERIOD, LAST_PERIOD),
    reportIndex.chainHead(),
    reportIndex.pendingPublication(),
  ]);
  const inScope = (period: string) => scope.kind === 'all' || period === scope.period;
  const targets = records.filter((record) => inScope(record.period));
  if (scope.kind === 'period' && targets.length === 0)
    throw new NotFoundError(`no report has been rendered for ${scope.period}`);
  const bySequence = new Map<number, ReportRecord>();
  for (const record of records) if (!bySequence.has(record.sequence)) bySequence.set(record.sequence, record);
  // The walk goes down to #1 for --all; for a period, to the manifest just before its oldest version.
  const lowest = scope.kind === 'all' ? 1 : Math.min(...targets.map((record) => record.sequence));
  return { records, head, pending, targets, bySequence, lowest, inScope };
}

/** Two index items claiming one place in the chain, where either is in scope. */
function duplicateClaims(index: IndexView): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const record of index.records) {
    const other = index.bySequence.get(record.sequence);
    if (!other || other === record) continue;
    if (index.inScope(record.period) || index.inScope(other.period))
      findings.push({
        kind: 'index-duplicate',
        sequence: record.sequence,
        period: record.period,
        version: record.version,
        key: record.manifestKey,
        message: `two report index items claim #${record.sequence} in the chain: ${reportLabel(other.period, other.version)} and ${reportLabel(record.period, record.version)}`,
      });
  }
  return findings;
}

/** Reports indexed but no head: nothing vouches for the newest manifest. */
function missingHead(index: IndexView): AuditFinding[] {
  if (index.head || index.records.length === 0) return [];
  const count = index.records.length;
  return [
    {
      kind: 'head-missing',
      sequence: 0,
      key: 'table item CHAIN/HEAD',
      message: `the report index holds ${count} report${count === 1 ? '' : 's'} but the chain head is missing: nothing vouches for the newest manifest`,
    },
  ];
}

/** Steps 2 and 3: link by link from the head, each report in scope checked in depth on the way. */
async function walkChain(index: IndexView, evidence: StoredEvidence): Promise<ChainWalk> {
  const walk: ChainWalk = {
    counts: { reports: 0, manifests: 0, links: 0, files: 0 },
    snapshotsChecked: new Set(),
    reached: new Set(),
    checked: [],
    findings: [],
  };
  let pointer = headPointer(index.head);
  while (pointer && pointer.sequence >= Math.max(1, index.lowest - 1)) {
    const link = await followLink(pointer, evidence, walk);
    const record = index.bySequence.get(pointer.sequence);
    if (record && record.period === pointer.period && record.version === pointer.version)
      walk.reached.add(record);
    // Below the period's oldest version only the link into it matters.
    if (pointer.sequence < index.lowest) break;

    const context: ReportContext = {
      sequence: pointer.sequence,
      period: pointer.period,
      version: pointer.version,
    };
    const manifest = link.observed?.manifest;
    if (index.inScope(pointer.period) || (manifest && index.inScope(manifest.period))) {
      walk.counts.reports += 1;
      walk.checked.push({ ...context, manifestKey: pointer.key });
      walk.findings.push(
        ...(await checkReport(
          link.observed,
          record,
          context,
          link.holds,
          evidence,
          walk.counts,
          walk.snapshotsChecked,
        )),
      );
    }

    // The next link down: from the manifest when the chain vouches for it, else from the index.
    const next =
      manifest && (link.holds || !record)
        ? previousPointer(manifest, pointer)
        : previousPointerFromIndex(pointer, record, index.bySequence.get(pointer.sequence - 1));
    walk.findings.push(...next.findings);
    pointer = next.next;
  }
  return walk;
}

function headPointer(head: ChainHead | undefined): ChainPointer | undefined {
  return head
    ? {
        namedBy: 'the chain head',
        sequence: head.sequence,
        period: head.period,
        version: head.version,
        key: head.manifestKey,
        sha256: head.manifestSha256,
      }
    : undefined;
}

/** One link: the manifest the pointer names, under its own key and with the hash and place named. */
async function followLink(
  pointer: ChainPointer,
  evidence: StoredEvidence,
  walk: ChainWalk,
): Promise<{ observed: ObservedManifest | undefined; holds: boolean }> {
  walk.counts.links += 1;
  const keyProblem = checkPointerKey(pointer, layout);
  if (keyProblem) {
    walk.findings.push(keyProblem);
    return { observed: undefined, holds: false };
  }
  const observed = await evidence.manifest(pointer.key);
  walk.counts.manifests += 1;
  const problems = checkLink(pointer, observed);
  walk.findings.push(...problems);
  return { observed, holds: problems.length === 0 };
}

/** Step 4: index items in scope the walk did not reach, but for the one being published right now. */
function unreachedItems(index: IndexView, reached: ReadonlySet<ReportRecord>): AuditFinding[] {
  const { pending } = index;
  return index.targets
    .filter((record) => !reached.has(record))
    .filter(
      (record) =>
        !(
          pending !== undefined &&
          pending.sequence === record.sequence &&
          pending.period === record.period &&
          pending.version === record.version
        ),
    )
    .map((record) => ({
      kind: 'index-orphan' as const,
      sequence: record.sequence,
      period: record.period,
      version: record.version,
      key: record.manifestKey,
      message: `the report index lists ${reportLabel(record.period, record.version)} as #${record.sequence} (${record.manifestKey}), but the chain from the head does not reach it`,
    }));
}

function verificationResult(
  scope: VerifyScope,
  index: IndexView,
  walk: ChainWalk,
  ordered: AuditFinding[],
): VerificationResult {
  const failed = new Set(ordered.map((finding) => finding.sequence));
  return {
    scope: scope.kind === 'all' ? 'all' : scope.period,
    ok: ordered.length === 0,
    head: index.head ?? null,
    pending: index.pending ?? null,
    counts: {
      ...walk.counts,
      snapshots: walk.snapshotsChecked.size,
      indexItems: index.targets.length,
      findings: ordered.length,
    },
    reports: walk.checked
      .sort((a, b) => a.sequence - b.sequence)
      .map((report) => ({ ...report, ok: !failed.has(report.sequence) })),
    firstFailure: ordered[0] ?? null,
    findings: ordered,
  };
}

/** One report in depth: its manifest against the index, its files, its snapshot. */
async function checkReport(
  observed: ObservedManifest | undefined,
  record: ReportRecord | undefined,
  context: ReportContext,
  linkHolds: boolean,
  evidence: StoredEvidence,
  counts: { files: number },
  snapshotsChecked: Set<string>,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const manifest = observed?.manifest;
  if (observed && manifest) findings.push(...checkAgainstIndex({ ...observed, manifest }, record, context));

  // What the files must hash to: the manifest when the chain vouches for it; otherwise the index
  // item (recorded independently at publication); otherwise the manifest, for what it is worth.
  let source: { files: readonly ManifestFile[]; name: string } | undefined;
  if (manifest && linkHolds)
    source = {
      files: manifest.files,
      name: describeManifest(context.period, context.version, context.sequence),
    };
  else if (record)
    source = {
      files: record.files,
      name: `the report index item of ${reportLabel(record.period, record.version)}`,
    };
  else if (manifest)
    source = {
      files: manifest.files,
      name: describeManifest(context.period, context.version, context.sequence),
    };
  if (source) {
    // The files the report must list: by its manifest's schema; without a readable manifest, by
    // whether the index lists the StratML file (added in schema 2).
    const schemaVersion =
      manifest?.schemaVersion ?? (source.files.some((file) => file.name === 'report.stratml.xml') ? 2 : 1);
    const { files, findings: listing } = expectedFiles(
      source.files,
      context,
      layout,
      source.name,
      schemaVersion,
    );
    findings.push(...listing);
    const observations = await Promise.all(files.map((file) => evidence.object(file.key)));
    files.forEach((file, index) => {
      counts.files += 1;
      const problem = checkFile(file, observations[index], context, source.name);
      if (problem) findings.push(problem);
    });
  }

  if (manifest) {
    const { snapshot } = manifest;
    const placed = layout.snapshotKey(snapshot.period, snapshot.inputHash) === snapshot.key;
    const stored = placed ? await evidence.object(snapshot.key) : undefined;
    if (placed) snapshotsChecked.add(snapshot.key);
    const problem = checkSnapshot(snapshot, stored, context, layout);
    if (problem) findings.push(problem);
  }
  return findings;
}
