/**
 * What `reports verify` can find wrong, most telling first within one report. A broken link is
 * listed before what follows from it (the same manifest failing its index item), so the first
 * finding names the manifest at the link that broke.
 */
export const FINDING_KINDS = [
  /** The chain head (or a manifest) names a manifest that is not stored. */
  'manifest-missing',
  /** The manifest's bytes do not hash to what the next manifest (or the head) records for it. */
  'link-broken',
  /** Sequence numbers do not run down one by one to 1, or the chain ends early. */
  'chain-gap',
  /** The stored bytes are not a manifest this software can read. */
  'manifest-unreadable',
  /** A manifest, or a file it lists, is not where its period and version say it lives. */
  'manifest-misplaced',
  /** The manifest's bytes do not hash to what its report index item records. */
  'manifest-altered',
  /** A manifest on the chain has no index item. */
  'index-missing',
  /** An index item disagrees with its manifest (sequence, previous hash, files). */
  'index-mismatch',
  /** An index item that the chain does not reach (removed from the chain, or never on it). */
  'index-orphan',
  /** Two index items claim one place in the chain. */
  'index-duplicate',
  /** The chain head is gone while reports are indexed. */
  'head-missing',
  /** A file the manifest lists is not stored. */
  'file-missing',
  /** A stored file's bytes do not hash to what its manifest records. */
  'file-altered',
  /** The snapshot the manifest names is not stored. */
  'snapshot-missing',
  /** The stored snapshot's bytes do not hash to what the manifest records. */
  'snapshot-altered',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export interface AuditFinding {
  readonly kind: FindingKind;
  /** The place in the chain of the report concerned (0 when none): findings are ordered by it, oldest first. */
  readonly sequence: number;
  readonly period?: string;
  readonly version?: number;
  /** The stored object at fault: a report file, the manifest at a broken link, a snapshot, or an index item. */
  readonly key: string;
  /** One line saying what does not match, with both hashes. */
  readonly message: string;
}

const RANK = new Map<FindingKind, number>(FINDING_KINDS.map((kind, index) => [kind, index]));

/** Oldest report first; within a report, in the order of FINDING_KINDS; otherwise as found. */
export function orderFindings(findings: readonly AuditFinding[]): AuditFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        a.finding.sequence - b.finding.sequence ||
        (RANK.get(a.finding.kind) ?? 0) - (RANK.get(b.finding.kind) ?? 0) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

/** `message [audit.kind]`: one line, the rule id in brackets as every other error. */
export function formatFinding(finding: AuditFinding): string {
  return `${finding.message} [audit.${finding.kind}]`;
}

/** `2026-10 v0002`: how reports are named in messages. */
export function reportLabel(period: string, version: number): string {
  return `${period} v${String(version).padStart(4, '0')}`;
}
