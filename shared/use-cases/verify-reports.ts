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
import type { ObjectStore } from '../ports/object-store';
import type {
  ChainHead,
  PendingPublication,
  ReportRecord,
  ReportRepository,
} from '../ports/report-repository';
import { reportKey, snapshotKey } from '../storage/object-keys';
import { hashStoredObject } from './stored-object-hash';

export interface VerifyReportsPorts {
  readonly reports: ReportRepository;
  /** The reports bucket: manifests, report files and snapshots. */
  readonly objects: ObjectStore;
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

/**
 * Proves the stored reports are what was published, or names the first thing that is not:
 *
 * 1. reads the report index (one Query of every report item), the chain head and any publication
 *    in progress;
 * 2. walks the chain from the head back: each link's manifest must be stored under its report's
 *    own key, hash to the SHA-256 the head or the next manifest records, and hold the expected
 *    place (sequence) — down to #1, which names no previous manifest (a period's scope stops at
 *    the manifest just before the period's oldest version);
 * 3. for each report in scope: its manifest against its index item (hash, place, previous hash,
 *    files); its PDF, workbook, HTML (and, from manifest schema 2, StratML) under their own keys, each re-hashed against the manifest
 *    (against the index item when the chain does not vouch for the manifest); its snapshot against
 *    the manifest;
 * 4. every index item in scope must have been reached by the walk (nothing is indexed beside the
 *    chain), except the one a render is publishing right now.
 * Reads only; writes nothing.
 */
export async function verifyReports(
  ports: VerifyReportsPorts,
  scope: VerifyScope,
): Promise<VerificationResult> {
  const [records, head, pending] = await Promise.all([
    ports.reports.inRange(FIRST_PERIOD, LAST_PERIOD),
    ports.reports.chainHead(),
    ports.reports.pendingPublication(),
  ]);
  const inScope = (period: string) => scope.kind === 'all' || period === scope.period;
  const targets = records.filter((record) => inScope(record.period));
  if (scope.kind === 'period' && targets.length === 0)
    throw new NotFoundError(`no report has been rendered for ${scope.period}`);

  const findings: AuditFinding[] = [];
  const bySequence = new Map<number, ReportRecord>();
  for (const record of records) {
    const other = bySequence.get(record.sequence);
    if (!other) {
      bySequence.set(record.sequence, record);
      continue;
    }
    if (inScope(record.period) || inScope(other.period))
      findings.push({
        kind: 'index-duplicate',
        sequence: record.sequence,
        period: record.period,
        version: record.version,
        key: record.manifestKey,
        message: `two report index items claim #${record.sequence} in the chain: ${reportLabel(other.period, other.version)} and ${reportLabel(record.period, record.version)}`,
      });
  }

  const counts = { reports: 0, manifests: 0, links: 0, files: 0, snapshots: 0 };
  const evidence = new StoredEvidence(ports.objects);
  const snapshotsChecked = new Set<string>();
  const reached = new Set<ReportRecord>();
  const checked: (ReportContext & { manifestKey: string })[] = [];
  // The walk goes down to #1 for --all; for a period, to the manifest just before its oldest version.
  const lowest = scope.kind === 'all' ? 1 : Math.min(...targets.map((record) => record.sequence));

  if (!head) {
    if (records.length > 0)
      findings.push({
        kind: 'head-missing',
        sequence: 0,
        key: 'table item CHAIN/HEAD',
        message: `the report index holds ${records.length} report${records.length === 1 ? '' : 's'} but the chain head is missing: nothing vouches for the newest manifest`,
      });
  }

  let pointer: ChainPointer | undefined = head
    ? {
        namedBy: 'the chain head',
        sequence: head.sequence,
        period: head.period,
        version: head.version,
        key: head.manifestKey,
        sha256: head.manifestSha256,
      }
    : undefined;

  while (pointer && pointer.sequence >= Math.max(1, lowest - 1)) {
    // The link: the manifest the pointer names.
    counts.links += 1;
    const linkFindings: AuditFinding[] = [];
    let observed: ObservedManifest | undefined;
    const keyProblem = checkPointerKey(pointer, layout);
    if (keyProblem) linkFindings.push(keyProblem);
    else {
      observed = await evidence.manifest(pointer.key);
      counts.manifests += 1;
      linkFindings.push(...checkLink(pointer, observed));
    }
    findings.push(...linkFindings);
    const linkHolds = linkFindings.length === 0;
    const record = bySequence.get(pointer.sequence);
    if (record && record.period === pointer.period && record.version === pointer.version) reached.add(record);
    // Below the period's oldest version only the link into it matters.
    if (pointer.sequence < lowest) break;

    const context: ReportContext = {
      sequence: pointer.sequence,
      period: pointer.period,
      version: pointer.version,
    };
    const manifest = observed?.manifest;
    if (inScope(pointer.period) || (manifest && inScope(manifest.period))) {
      counts.reports += 1;
      checked.push({ ...context, manifestKey: pointer.key });
      findings.push(
        ...(await checkReport(observed, record, context, linkHolds, evidence, counts, snapshotsChecked)),
      );
    }

    // The next link down: from the manifest when the chain vouches for it, else from the index.
    const next =
      manifest && (linkHolds || !record)
        ? previousPointer(manifest, pointer)
        : previousPointerFromIndex(pointer, record, bySequence.get(pointer.sequence - 1));
    findings.push(...next.findings);
    pointer = next.next;
  }

  for (const record of targets) {
    if (reached.has(record)) continue;
    const inFlight =
      pending !== undefined &&
      pending.sequence === record.sequence &&
      pending.period === record.period &&
      pending.version === record.version;
    if (inFlight) continue;
    findings.push({
      kind: 'index-orphan',
      sequence: record.sequence,
      period: record.period,
      version: record.version,
      key: record.manifestKey,
      message: `the report index lists ${reportLabel(record.period, record.version)} as #${record.sequence} (${record.manifestKey}), but the chain from the head does not reach it`,
    });
  }

  const ordered = orderFindings(findings);
  const failed = new Set(ordered.map((finding) => finding.sequence));
  return {
    scope: scope.kind === 'all' ? 'all' : scope.period,
    ok: ordered.length === 0,
    head: head ?? null,
    pending: pending ?? null,
    counts: {
      ...counts,
      snapshots: snapshotsChecked.size,
      indexItems: targets.length,
      findings: ordered.length,
    },
    reports: checked
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
