import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../sha256';
import type { SnapshotRef } from './rollup-inputs';

/** Everything a snapshot is computed from, as named in the snapshot itself. */
export interface InputHashBasis {
  readonly schemaVersion: number;
  readonly rules: {
    readonly version: number;
    readonly carryForwardMaxAgeMonths: number;
    readonly weights: {
      readonly goals: Readonly<Record<string, number>>;
      readonly objectives: Readonly<Record<string, number>>;
      readonly keyActivities: Readonly<Record<string, number>>;
    };
  };
  readonly catalog: { readonly id: string; readonly version: string };
  readonly period: string;
  /** By office, in catalog office order. */
  readonly inputs: readonly { readonly office: string; readonly revision: number; readonly sha256: string }[];
  readonly previousSnapshot: SnapshotRef | null;
  /** Oldest first. */
  readonly trendSources: readonly SnapshotRef[];
}

/**
 * SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace) of the basis, keeping only the
 * fields listed in docs/rollup-snapshot.md. Anyone holding a snapshot can recompute it from the
 * snapshot's own fields; equal hashes mean the same inputs, so a re-run stores nothing new.
 */
export function inputHashOf(basis: InputHashBasis): string {
  const ref = (value: SnapshotRef) => ({
    period: value.period,
    version: value.version,
    sha256: value.sha256,
  });
  return sha256Hex(
    canonicalJson({
      schemaVersion: basis.schemaVersion,
      rules: {
        version: basis.rules.version,
        carryForwardMaxAgeMonths: basis.rules.carryForwardMaxAgeMonths,
        weights: basis.rules.weights,
      },
      catalog: { id: basis.catalog.id, version: basis.catalog.version },
      period: basis.period,
      inputs: basis.inputs.map((input) => ({
        office: input.office,
        revision: input.revision,
        sha256: input.sha256,
      })),
      previousSnapshot: basis.previousSnapshot === null ? null : ref(basis.previousSnapshot),
      trendSources: basis.trendSources.map(ref),
    }),
  );
}
