import { describe, expect, it } from 'vitest';
import {
  type AuditFinding,
  formatFinding,
  orderFindings,
} from '../../../../shared/domain/audit/audit-finding';
import {
  type ChainPointer,
  checkAgainstIndex,
  checkFile,
  checkLink,
  checkPointerKey,
  checkSnapshot,
  expectedFiles,
  type IndexedReport,
  type ObservedManifest,
  previousPointer,
  previousPointerFromIndex,
  type ReportLayout,
} from '../../../../shared/domain/audit/chain-checks';
import type { ReportManifest } from '../../../../shared/domain/report/report-manifest';

const hash = (character: string) => character.repeat(64);
const layout: ReportLayout = {
  reportKey: (period, version, name) =>
    /^\d{4}-\d{2}$/.test(period) && version >= 1
      ? `reports/${period}/v${String(version).padStart(4, '0')}/${name}`
      : undefined,
  snapshotKey: (period, inputHash) => `snapshots/${period}/${inputHash}.json`,
};
const files = (version: number) =>
  ['brief.pdf', 'workbook.xlsx', 'brief.html'].map((name, index) => ({
    name,
    key: `reports/2026-10/v${String(version).padStart(4, '0')}/${name}`,
    contentType: 'x',
    size: 10 + index,
    sha256: hash(String(index + 1)),
  }));

function manifest(overrides: Partial<ReportManifest> = {}): ReportManifest {
  return {
    schemaVersion: 1,
    kind: 'strategy-report/report-manifest',
    period: '2026-10',
    version: 2,
    generatedAt: '2026-11-05T12:00:00.000Z',
    snapshot: {
      period: '2026-10',
      version: 1,
      inputHash: hash('9'),
      sha256: hash('8'),
      key: `snapshots/2026-10/${hash('9')}.json`,
    },
    catalog: { id: 'c', version: '1' },
    softwareVersion: '0.1.0',
    renderOptions: { markingBanner: null },
    files: files(2),
    submissions: [],
    carriedForwardFrom: [],
    chain: {
      sequence: 5,
      previous: {
        period: '2026-09',
        version: 1,
        key: 'reports/2026-09/v0001/manifest.json',
        sha256: hash('4'),
      },
    },
    ...overrides,
  };
}
const pointer: ChainPointer = {
  namedBy: 'the chain head',
  sequence: 5,
  period: '2026-10',
  version: 2,
  key: 'reports/2026-10/v0002/manifest.json',
  sha256: hash('5'),
};
const observed = (value: ReportManifest | undefined, sha256 = hash('5')): ObservedManifest => ({
  key: pointer.key,
  sha256,
  size: 100,
  ...(value ? { manifest: value } : { unreadable: 'not JSON' }),
});
const record: IndexedReport = {
  period: '2026-10',
  version: 2,
  sequence: 5,
  manifestKey: pointer.key,
  manifestSha256: hash('5'),
  previousManifestSha256: hash('4'),
  files: files(2),
};
const context = { sequence: 5, period: '2026-10', version: 2 };

describe('a link of the chain', () => {
  it('holds when the named manifest is stored under its own key with the recorded hash and place', () => {
    expect(checkPointerKey(pointer, layout)).toBeUndefined();
    expect(checkLink(pointer, observed(manifest()))).toEqual([]);
  });

  it('is broken when the pointer names another key, which is never fetched', () => {
    expect(checkPointerKey({ ...pointer, key: 'reports/2026-10/v0002/../../x' }, layout)).toMatchObject({
      kind: 'link-broken',
      message:
        'the chain head names "reports/2026-10/v0002/../../x" as the manifest of 2026-10 v0002 (#5), which is not where that manifest lives (reports/2026-10/v0002/manifest.json)',
    });
  });

  it('names a missing, altered, unreadable, misplaced or misnumbered manifest', () => {
    expect(checkLink(pointer, undefined)).toEqual([
      {
        kind: 'manifest-missing',
        sequence: 5,
        period: '2026-10',
        version: 2,
        key: pointer.key,
        message: `chain broken at #5: ${pointer.key} is missing, but the chain head names it with SHA-256 ${hash('5')}`,
      },
    ]);
    expect(checkLink(pointer, observed(manifest(), hash('6')))[0]?.message).toBe(
      `chain broken at #5: ${pointer.key} has SHA-256 ${hash('6')}, but the chain head records ${hash('5')}`,
    );
    expect(checkLink(pointer, observed(undefined, hash('6'))).map((finding) => finding.kind)).toEqual([
      'link-broken',
      'manifest-unreadable',
    ]);
    const renumbered = manifest({ chain: { sequence: 4, previous: null } });
    expect(checkLink(pointer, observed(renumbered)).map((finding) => finding.message)).toEqual([
      `${pointer.key} says it is #4 in the chain, but the chain head expects #5 there`,
    ]);
    expect(checkLink(pointer, observed(manifest({ period: '2026-09' })))[0]).toMatchObject({
      kind: 'manifest-misplaced',
    });
  });
});

describe('walking down', () => {
  it('follows chain.previous, ends cleanly at #1, and names a chain that ends early or runs on', () => {
    expect(previousPointer(manifest(), pointer)).toEqual({
      findings: [],
      next: {
        namedBy: 'the manifest of 2026-10 v0002 (#5)',
        sequence: 4,
        period: '2026-09',
        version: 1,
        key: 'reports/2026-09/v0001/manifest.json',
        sha256: hash('4'),
      },
    });
    expect(
      previousPointer(manifest({ chain: { sequence: 1, previous: null } }), { ...pointer, sequence: 1 }),
    ).toEqual({
      findings: [],
    });
    expect(
      previousPointer(manifest({ chain: { sequence: 5, previous: null } }), pointer).findings[0]?.message,
    ).toBe(
      `the chain ends at ${pointer.key} (#5): it names no previous manifest, so reports #1 to #4 are not on the chain`,
    );
    expect(previousPointer(manifest(), { ...pointer, sequence: 1 }).findings[0]?.kind).toBe('chain-gap');
  });

  it('goes on through the index past a manifest it cannot read, or says it cannot', () => {
    const before: IndexedReport = {
      ...record,
      period: '2026-09',
      version: 1,
      sequence: 4,
      manifestKey: 'reports/2026-09/v0001/manifest.json',
      manifestSha256: hash('7'),
    };
    expect(previousPointerFromIndex(pointer, record, before).next).toMatchObject({
      sequence: 4,
      key: before.manifestKey,
      sha256: hash('4'),
      namedBy: 'the report index (the manifest of #5 cannot be read)',
    });
    expect(previousPointerFromIndex(pointer, record, undefined).findings[0]?.message).toBe(
      'cannot follow the chain below #5: its manifest cannot be read and the report index has no #4 to continue from',
    );
    expect(previousPointerFromIndex({ ...pointer, sequence: 1 }, record, undefined)).toEqual({
      findings: [],
    });
  });
});

describe('a report in depth', () => {
  const parsed = { ...observed(manifest()), manifest: manifest() };

  it('matches its index item, or says how not', () => {
    expect(checkAgainstIndex(parsed, record, context)).toEqual([]);
    expect(checkAgainstIndex(parsed, undefined, context)[0]?.kind).toBe('index-missing');
    expect(checkAgainstIndex(parsed, { ...record, manifestSha256: hash('0') }, context)[0]).toMatchObject({
      kind: 'manifest-altered',
      message: `${pointer.key} has SHA-256 ${hash('5')}, but the report index recorded ${hash('0')} for 2026-10 v0002`,
    });
    const drifted = { ...record, sequence: 6, previousManifestSha256: null, files: files(2).slice(0, 2) };
    expect(checkAgainstIndex(parsed, drifted, context)[0]?.message).toBe(
      `the report index item of 2026-10 v0002 disagrees with ${pointer.key}: it records place #6, previous manifest none, file list or hashes`,
    );
  });

  it('has each of the three files of a schema 1 manifest once under its own key', () => {
    expect(expectedFiles(files(2), context, layout, 'm', 1)).toEqual({ files: files(2), findings: [] });
    const wrong = [
      ...files(2).slice(0, 2),
      {
        ...(files(2)[2] as ReturnType<typeof files>[number]),
        key: 'reports/2026-10/v0001/brief.html',
      },
    ];
    const result = expectedFiles(wrong, context, layout, 'm', 1);
    expect(result.files.map((file) => file.name)).toEqual(['brief.pdf', 'workbook.xlsx']);
    expect(result.findings[0]?.message).toBe(
      'm puts brief.html at "reports/2026-10/v0001/brief.html", not under the report\'s own key reports/2026-10/v0002/brief.html',
    );
    expect(expectedFiles(files(2).slice(1), context, layout, 'm', 1).findings[0]?.message).toBe(
      'm lists brief.pdf nowhere: every report has exactly one',
    );
  });

  it('requires report.stratml.xml from manifest schema 2 on, and not before', () => {
    const stratml = {
      name: 'report.stratml.xml',
      key: 'reports/2026-10/v0002/report.stratml.xml',
      contentType: 'application/xml',
      size: 20,
      sha256: hash('4'),
    };
    expect(expectedFiles([...files(2), stratml], context, layout, 'm', 2)).toEqual({
      files: [...files(2), stratml],
      findings: [],
    });
    expect(
      expectedFiles(files(2), context, layout, 'm', 2).findings.map((finding) => finding.message),
    ).toEqual(['m lists report.stratml.xml nowhere: every report has exactly one']);
    // A schema 1 manifest (published before the StratML file existed) is complete without it.
    expect(expectedFiles(files(2), context, layout, 'm', 1).findings).toEqual([]);
  });

  it('compares each stored file and the snapshot with what was recorded', () => {
    const pdf = files(2)[0] as ReturnType<typeof files>[number];
    expect(checkFile(pdf, { sha256: pdf.sha256, size: pdf.size }, context, 'm')).toBeUndefined();
    expect(checkFile(pdf, { sha256: pdf.sha256, size: 11 }, context, 'm')?.kind).toBe('file-altered');
    expect(checkFile(pdf, undefined, context, 'm')?.message).toBe(
      `${pdf.key} is missing: m records it with SHA-256 ${pdf.sha256} (10 bytes)`,
    );
    const { snapshot } = manifest();
    expect(checkSnapshot(snapshot, { sha256: hash('8'), size: 1 }, context, layout)).toBeUndefined();
    expect(checkSnapshot(snapshot, { sha256: hash('1'), size: 1 }, context, layout)?.kind).toBe(
      'snapshot-altered',
    );
    expect(checkSnapshot(snapshot, undefined, context, layout)?.kind).toBe('snapshot-missing');
    expect(checkSnapshot({ ...snapshot, key: 'elsewhere.json' }, undefined, context, layout)?.kind).toBe(
      'manifest-misplaced',
    );
  });
});

describe('findings', () => {
  it('are ordered oldest report first, the broken link before what follows from it', () => {
    const finding = (kind: AuditFinding['kind'], sequence: number): AuditFinding => ({
      kind,
      sequence,
      key: `${kind}-${sequence}`,
      message: kind,
    });
    const ordered = orderFindings([
      finding('file-altered', 7),
      finding('manifest-altered', 3),
      finding('link-broken', 3),
      finding('index-orphan', 9),
      finding('file-missing', 3),
    ]);
    expect(ordered.map((entry) => entry.key)).toEqual([
      'link-broken-3',
      'manifest-altered-3',
      'file-missing-3',
      'file-altered-7',
      'index-orphan-9',
    ]);
    expect(formatFinding(finding('file-altered', 1))).toBe('file-altered [audit.file-altered]');
  });
});
