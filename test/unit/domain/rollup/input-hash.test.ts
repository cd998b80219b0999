import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { inputHashOf } from '../../../../shared/domain/rollup/input-hash';
import type { RollupSnapshot } from '../../../../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../../../../shared/domain/sha256';
import { historyOf, rollup, rollupAfter, row, submission } from '../../../support/rollup-fixtures';

/** The input hash recomputed from the snapshot's own fields, as docs/rollup-snapshot.md tells an auditor. */
function recomputed(snapshot: RollupSnapshot): string {
  return sha256Hex(
    canonicalJson({
      schemaVersion: snapshot.schemaVersion,
      rules: snapshot.rules,
      catalog: { id: snapshot.catalog.id, version: snapshot.catalog.version },
      period: snapshot.period,
      inputs: snapshot.inputs.map(({ office, revision, sha256 }) => ({ office, revision, sha256 })),
      previousSnapshot: snapshot.previousSnapshot,
      trendSources: snapshot.trendSources,
    }),
  );
}

describe('the input hash', () => {
  const september = rollup('2026-09', [submission('OFA', '2026-09', [row('1.1.1')])]);
  const october = rollupAfter(september, '2026-10', [
    submission('OFB', '2026-10', [row('1.2.1')]),
    submission('OFA', '2026-10', [row('1.1.1')], 2),
  ]);

  it('can be recomputed by anyone from the snapshot itself', () => {
    expect(recomputed(september)).toBe(september.inputHash);
    expect(recomputed(october)).toBe(october.inputHash);
    expect(
      inputHashOf({
        schemaVersion: october.schemaVersion,
        rules: october.rules as NonNullable<RollupSnapshot['rules']>,
        catalog: october.catalog,
        period: october.period,
        inputs: october.inputs,
        previousSnapshot: october.previousSnapshot,
        trendSources: october.trendSources ?? [],
      }),
    ).toBe(october.inputHash);
  });

  it('depends on the submissions by office, revision and SHA-256 — not on their rows once identified', () => {
    const sameRevisions = rollupAfter(september, '2026-10', [
      submission('OFA', '2026-10', [row('1.1.1', { percentComplete: 99 })], 2),
      submission('OFB', '2026-10', [row('1.2.1')]),
    ]);
    expect(sameRevisions.inputHash).toBe(october.inputHash);
    const newRevision = rollupAfter(september, '2026-10', [
      submission('OFA', '2026-10', [row('1.1.1')], 3),
      submission('OFB', '2026-10', [row('1.2.1')]),
    ]);
    expect(newRevision.inputHash).not.toBe(october.inputHash);
  });

  it('changes with the previous snapshot, the trend sources, the rules and the period', () => {
    const inputs = [
      submission('OFA', '2026-10', [row('1.1.1')], 2),
      submission('OFB', '2026-10', [row('1.2.1')]),
    ];
    const hashes = new Set([
      october.inputHash,
      rollup('2026-10', inputs).inputHash,
      rollup('2026-10', inputs, { history: historyOf([september]) }).inputHash,
      rollupAfter(september, '2026-10', inputs, { options: { carryForwardMaxAgeMonths: 1 } }).inputHash,
      rollupAfter(september, '2026-10', inputs, { options: { weights: { goals: { '1': 2 } } } }).inputHash,
      rollup('2026-10', inputs, {
        previous: { snapshot: september, ref: { period: '2026-09', version: 2, sha256: 'b'.repeat(64) } },
        history: historyOf([september]),
      }).inputHash,
    ]);
    expect(hashes.size).toBe(6);
  });
});
