import type { ChainManifest } from '../report/chain-manifest';
import { filesOfVersion, MANIFEST_FILE } from '../report/report-files';
import type { ManifestFile, ReportManifest } from '../report/report-manifest';
import { isQuarterKey } from '../report/report-period';
import { type AuditFinding, reportLabel } from './audit-finding';

/**
 * The pure checks of `reports verify`: each compares what is stored (hashed by the caller) with
 * what the chain, a manifest or the report index recorded, and says in one line what differs.
 */

/** Where objects belong; the caller passes the storage layout (keys are not the domain's to build). */
export interface ReportLayout {
  /** The key of one file of a report version, or undefined when the parts are not valid. */
  reportKey(period: string, version: number, fileName: string): string | undefined;
  snapshotKey(period: string, inputHash: string): string | undefined;
}

/** Bytes as stored: their SHA-256 and size. */
export interface ObservedObject {
  readonly sha256: string;
  readonly size: number;
}

/** A stored manifest: its bytes' hash, and the manifest when the bytes are one. */
export interface ObservedManifest extends ObservedObject {
  readonly key: string;
  readonly manifest?: ChainManifest;
  /** Why the bytes are not a manifest, when they are not. */
  readonly unreadable?: string;
}

/** A report as the index records it (ReportRecord is one). */
export interface IndexedReport {
  readonly period: string;
  readonly version: number;
  readonly sequence: number;
  readonly manifestKey: string;
  readonly manifestSha256: string;
  readonly previousManifestSha256: string | null;
  readonly files: readonly ManifestFile[];
}

/** One link of the chain, read from its later end: the chain head, or a manifest's `chain.previous`. */
export interface ChainPointer {
  /** Who names the manifest, for messages: "the chain head", "the manifest of 2026-10 v0001 (#4)". */
  readonly namedBy: string;
  /** The place in the chain the named manifest must hold. */
  readonly sequence: number;
  readonly period: string;
  readonly version: number;
  readonly key: string;
  readonly sha256: string;
}

/** The report a check is about: its place in the chain and name. */
export interface ReportContext {
  readonly sequence: number;
  readonly period: string;
  readonly version: number;
}

const about = (context: ReportContext) => ({
  sequence: context.sequence,
  period: context.period,
  version: context.version,
});

export function describeManifest(period: string, version: number, sequence: number): string {
  return `the manifest of ${reportLabel(period, version)} (#${sequence})`;
}

/**
 * Whether the pointer names the key where its report's manifest must live. A pointer that names
 * any other key is a broken link, and the key is not fetched.
 */
export function checkPointerKey(pointer: ChainPointer, layout: ReportLayout): AuditFinding | undefined {
  const expected = layout.reportKey(pointer.period, pointer.version, MANIFEST_FILE.name);
  if (expected === pointer.key) return undefined;
  return {
    kind: 'link-broken',
    ...about(pointer),
    key: pointer.key,
    message: `${pointer.namedBy} names ${JSON.stringify(pointer.key)} as the manifest of ${reportLabel(pointer.period, pointer.version)} (#${pointer.sequence}), which is not where that manifest lives${expected ? ` (${expected})` : ''}`,
  };
}

/**
 * One link: the manifest the pointer names must be stored, hash to the SHA-256 the pointer
 * records, and say it is the report and place in the chain the pointer expects.
 */
export function checkLink(pointer: ChainPointer, observed: ObservedManifest | undefined): AuditFinding[] {
  const context = about(pointer);
  if (!observed)
    return [
      {
        kind: 'manifest-missing',
        ...context,
        key: pointer.key,
        message: `chain broken at #${pointer.sequence}: ${pointer.key} is missing, but ${pointer.namedBy} names it with SHA-256 ${pointer.sha256}`,
      },
    ];
  const findings: AuditFinding[] = [];
  if (observed.sha256 !== pointer.sha256)
    findings.push({
      kind: 'link-broken',
      ...context,
      key: pointer.key,
      message: `chain broken at #${pointer.sequence}: ${pointer.key} has SHA-256 ${observed.sha256}, but ${pointer.namedBy} records ${pointer.sha256}`,
    });
  if (!observed.manifest) {
    findings.push({
      kind: 'manifest-unreadable',
      ...context,
      key: pointer.key,
      message: `${pointer.key} is not a readable report manifest: ${observed.unreadable ?? 'unknown format'}`,
    });
    return findings;
  }
  const { manifest } = observed;
  if (manifest.chain.sequence !== pointer.sequence)
    findings.push({
      kind: 'chain-gap',
      ...context,
      key: pointer.key,
      message: `${pointer.key} says it is #${manifest.chain.sequence} in the chain, but ${pointer.namedBy} expects #${pointer.sequence} there`,
    });
  if (manifest.period !== pointer.period || manifest.version !== pointer.version)
    findings.push({
      kind: 'manifest-misplaced',
      ...context,
      key: pointer.key,
      message: `${pointer.key} is the manifest of ${reportLabel(manifest.period, manifest.version)}, but ${pointer.namedBy} expects ${reportLabel(pointer.period, pointer.version)}`,
    });
  return findings;
}

/** Where the chain continues below a manifest, and what is wrong with how it ends. */
export function previousPointer(
  manifest: ChainManifest,
  pointer: ChainPointer,
): { next?: ChainPointer; findings: AuditFinding[] } {
  const previous = manifest.chain.previous;
  const context = about(pointer);
  if (previous === null) {
    if (pointer.sequence === 1) return { findings: [] };
    return {
      findings: [
        {
          kind: 'chain-gap',
          ...context,
          key: pointer.key,
          message: `the chain ends at ${pointer.key} (#${pointer.sequence}): it names no previous manifest, so reports #1 to #${pointer.sequence - 1} are not on the chain`,
        },
      ],
    };
  }
  if (pointer.sequence <= 1)
    return {
      findings: [
        {
          kind: 'chain-gap',
          ...context,
          key: pointer.key,
          message: `${pointer.key} should be the first report (#1), but names ${previous.key} as the one before it`,
        },
      ],
    };
  return {
    next: {
      namedBy: describeManifest(pointer.period, pointer.version, pointer.sequence),
      sequence: pointer.sequence - 1,
      period: previous.period,
      version: previous.version,
      key: previous.key,
      sha256: previous.sha256,
    },
    findings: [],
  };
}

/**
 * Where the chain continues below a manifest that cannot be read (missing or not a manifest): the
 * index item of the same place records the previous manifest's hash, and the index item of the
 * place before records where it is. Without both the walk stops there.
 */
export function previousPointerFromIndex(
  pointer: ChainPointer,
  atPointer: IndexedReport | undefined,
  before: IndexedReport | undefined,
): { next?: ChainPointer; findings: AuditFinding[] } {
  if (pointer.sequence <= 1) return { findings: [] };
  const sha256 = atPointer?.previousManifestSha256 ?? before?.manifestSha256;
  if (!before || !sha256)
    return {
      findings: [
        {
          kind: 'chain-gap',
          ...about(pointer),
          key: pointer.key,
          message: `cannot follow the chain below #${pointer.sequence}: its manifest cannot be read and the report index has no #${pointer.sequence - 1} to continue from`,
        },
      ],
    };
  return {
    next: {
      namedBy: `the report index (the manifest of #${pointer.sequence} cannot be read)`,
      sequence: pointer.sequence - 1,
      period: before.period,
      version: before.version,
      key: before.manifestKey,
      sha256,
    },
    findings: [],
  };
}

const fileSummary = (files: readonly ManifestFile[]) =>
  files
    .map((file) => `${file.name}|${file.key}|${file.size}|${file.sha256}`)
    .sort()
    .join(',');

/** A manifest against its index item: same bytes, same place in the chain, same files. */
export function checkAgainstIndex(
  observed: ObservedManifest & { readonly manifest: ChainManifest },
  record: IndexedReport | undefined,
  context: ReportContext,
): AuditFinding[] {
  const { manifest, key } = observed;
  if (!record)
    return [
      {
        kind: 'index-missing',
        ...about(context),
        key,
        message: `${key} is on the chain (#${context.sequence}) but the report index has no item for ${reportLabel(manifest.period, manifest.version)}`,
      },
    ];
  if (record.manifestSha256 !== observed.sha256)
    return [
      {
        kind: 'manifest-altered',
        ...about(context),
        key,
        message: `${key} has SHA-256 ${observed.sha256}, but the report index recorded ${record.manifestSha256} for ${reportLabel(record.period, record.version)}`,
      },
    ];
  const differences: string[] = [];
  if (record.manifestKey !== key) differences.push(`manifest key ${record.manifestKey}`);
  if (record.period !== manifest.period || record.version !== manifest.version)
    differences.push(`report ${reportLabel(record.period, record.version)}`);
  if (record.sequence !== manifest.chain.sequence) differences.push(`place #${record.sequence}`);
  if (record.previousManifestSha256 !== (manifest.chain.previous?.sha256 ?? null))
    differences.push(`previous manifest ${record.previousManifestSha256 ?? 'none'}`);
  if (fileSummary(record.files) !== fileSummary(manifest.files)) differences.push('file list or hashes');
  if (differences.length === 0) return [];
  return [
    {
      kind: 'index-mismatch',
      ...about(context),
      key,
      message: `the report index item of ${reportLabel(record.period, record.version)} disagrees with ${key}: it records ${differences.join(', ')}`,
    },
  ];
}

/**
 * The files a report must have (PDF, workbook, HTML and, from manifest schema 2, StratML; a
 * quarterly review pack its PDF, workbook, HTML and inputs), each listed once under its own key. Returns those that can be checked, and findings for the rest.
 * Keys that are not the report's own are never fetched.
 */
export function expectedFiles(
  files: readonly ManifestFile[],
  context: ReportContext,
  layout: ReportLayout,
  source: string,
  schemaVersion: number,
): { files: ManifestFile[]; findings: AuditFinding[] } {
  const checkable: ManifestFile[] = [];
  const findings: AuditFinding[] = [];
  const kind = isQuarterKey(context.period) ? 'quarterly' : 'monthly';
  for (const spec of filesOfVersion(kind, schemaVersion)) {
    const expectedKey = layout.reportKey(context.period, context.version, spec.name) ?? spec.name;
    const listed = files.filter((file) => file.name === spec.name);
    if (listed.length !== 1) {
      findings.push({
        kind: 'manifest-misplaced',
        ...about(context),
        key: expectedKey,
        message: `${source} lists ${spec.name} ${listed.length === 0 ? 'nowhere' : `${listed.length} times`}: every report has exactly one`,
      });
      continue;
    }
    const file = listed[0] as ManifestFile;
    if (file.key !== expectedKey) {
      findings.push({
        kind: 'manifest-misplaced',
        ...about(context),
        key: file.key,
        message: `${source} puts ${spec.name} at ${JSON.stringify(file.key)}, not under the report's own key ${expectedKey}`,
      });
      continue;
    }
    checkable.push(file);
  }
  return { files: checkable, findings };
}

/** A stored file against the hash and size its manifest records. */
export function checkFile(
  file: ManifestFile,
  observed: ObservedObject | undefined,
  context: ReportContext,
  source: string,
): AuditFinding | undefined {
  if (!observed)
    return {
      kind: 'file-missing',
      ...about(context),
      key: file.key,
      message: `${file.key} is missing: ${source} records it with SHA-256 ${file.sha256} (${file.size} bytes)`,
    };
  if (observed.sha256 === file.sha256 && observed.size === file.size) return undefined;
  return {
    kind: 'file-altered',
    ...about(context),
    key: file.key,
    message: `${file.key} has SHA-256 ${observed.sha256} (${observed.size} bytes), but ${source} records ${file.sha256} (${file.size} bytes): the file was altered`,
  };
}

/** The snapshot a manifest names: under its own key, stored, with the recorded hash. */
export function checkSnapshot(
  snapshot: ReportManifest['snapshot'],
  observed: ObservedObject | undefined,
  context: ReportContext,
  layout: ReportLayout,
): AuditFinding | undefined {
  const source = describeManifest(context.period, context.version, context.sequence);
  const expectedKey = layout.snapshotKey(snapshot.period, snapshot.inputHash);
  if (expectedKey !== snapshot.key)
    return {
      kind: 'manifest-misplaced',
      ...about(context),
      key: snapshot.key,
      message: `${source} names snapshot ${JSON.stringify(snapshot.key)}, which is not where a snapshot of ${snapshot.period} with input hash ${snapshot.inputHash} lives`,
    };
  if (!observed)
    return {
      kind: 'snapshot-missing',
      ...about(context),
      key: snapshot.key,
      message: `${snapshot.key} is missing: ${source} was rendered from it (SHA-256 ${snapshot.sha256})`,
    };
  if (observed.sha256 === snapshot.sha256) return undefined;
  return {
    kind: 'snapshot-altered',
    ...about(context),
    key: snapshot.key,
    message: `${snapshot.key} has SHA-256 ${observed.sha256}, but ${source} records ${snapshot.sha256}: the snapshot was altered`,
  };
}
