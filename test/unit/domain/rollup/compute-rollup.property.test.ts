import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../../shared/catalog/default-catalog';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import type { Catalog } from '../../../../shared/domain/catalog/catalog';
import { addMonths, type Period, parsePeriod } from '../../../../shared/domain/period';
import { type ProgressRow, STATUSES } from '../../../../shared/domain/progress';
import { computeRollup } from '../../../../shared/domain/rollup/compute-rollup';
import type { RollupInputs, SubmissionInput } from '../../../../shared/domain/rollup/rollup-inputs';
import {
  COUNTED_STATUSES,
  type LevelSummary,
  type RollupSnapshot,
  rollupSnapshotSchema,
} from '../../../../shared/domain/rollup/rollup-snapshot';
import { trendPointOf } from '../../../../shared/domain/rollup/trend-point';
import { sha256Hex } from '../../../../shared/domain/sha256';
import { revisionOf, smallCatalog } from '../../../support/rollup-fixtures';

const FIRST = parsePeriod('2026-07');
const dayArb = fc
  .integer({ min: 0, max: 800 })
  .map((days) => new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));

function rowArb(activityId: string): fc.Arbitrary<ProgressRow> {
  return fc
    .record({
      status: fc.constantFrom(...STATUSES),
      // Quarter points, so sums of percentages are exercised with fractions too.
      quarters: fc.integer({ min: 0, max: 400 }),
      milestoneDue: fc.option(dayArb, { nil: undefined }),
      actual: fc.option(fc.integer({ min: -5, max: 60 }), { nil: undefined }),
      target: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      risks: fc.option(fc.constantFrom('staffing', 'budget', 'vendor'), { nil: undefined }),
    })
    .map((fields) => ({
      activityId,
      status: fields.status,
      percentComplete: fields.status === 'Complete' ? 100 : fields.quarters / 4,
      ...(fields.milestoneDue !== undefined ? { milestoneDue: fields.milestoneDue } : {}),
      ...(fields.actual !== undefined ? { actual: fields.actual } : {}),
      ...(fields.target !== undefined ? { target: fields.target } : {}),
      ...(fields.risks !== undefined ? { risksAndIssues: fields.risks } : {}),
    }));
}

/** One period: each office has a current revision with some of its rows, or none. */
function periodArb(catalog: Catalog, period: Period): fc.Arbitrary<SubmissionInput[]> {
  return fc
    .tuple(
      ...catalog.offices.map((office) =>
        fc.option(
          fc
            .tuple(
              fc.subarray(catalog.activitiesOf(office.code).map((activity) => activity.id)),
              fc.integer({ min: 1, max: 3 }),
            )
            .chain(([ids, revision]) =>
              fc.tuple(...ids.map(rowArb)).map((rows) => ({
                revision: revisionOf(office.code, period, revision, rows.length),
                rows,
              })),
            ),
          { nil: undefined, freq: 4 },
        ),
      ),
    )
    .map((offices) => offices.flatMap((entry): SubmissionInput[] => (entry === undefined ? [] : [entry])));
}

/** Four consecutive periods, rolled up in order; the last one's inputs are returned to vary. */
function scenarioArb(catalog: Catalog) {
  return fc
    .record({
      periods: fc
        .array(fc.constant(0), { minLength: 4, maxLength: 4 })
        .chain((offsets) =>
          fc.tuple(...offsets.map((_, offset) => periodArb(catalog, addMonths(FIRST, offset)))),
        ),
      carryForwardMaxAgeMonths: fc.integer({ min: 0, max: 4 }),
      seed: fc.integer(),
    })
    .map(({ periods, carryForwardMaxAgeMonths, seed }) => {
      let previous: RollupSnapshot | null = null;
      const done: RollupSnapshot[] = [];
      for (const [offset, submissions] of periods.slice(0, 3).entries()) {
        previous = computeRollup(
          inputsOf(catalog, addMonths(FIRST, offset), submissions, previous, done, carryForwardMaxAgeMonths),
        );
        done.push(previous);
      }
      const last = periods[3] ?? [];
      return {
        inputs: inputsOf(catalog, addMonths(FIRST, 3), last, previous, done, carryForwardMaxAgeMonths),
        seed,
      };
    });
}

function inputsOf(
  catalog: Catalog,
  period: Period,
  submissions: SubmissionInput[],
  previous: RollupSnapshot | null,
  earlier: readonly RollupSnapshot[],
  carryForwardMaxAgeMonths: number,
): RollupInputs {
  const ref = (snapshot: RollupSnapshot) => ({
    period: snapshot.period,
    version: 1,
    sha256: sha256Hex(snapshot.inputHash),
  });
  return {
    catalog,
    period,
    submissions,
    previous: previous === null ? null : { snapshot: previous, ref: ref(previous) },
    history: earlier.map((snapshot) => ({ ref: ref(snapshot), point: trendPointOf(snapshot) })),
    options: { carryForwardMaxAgeMonths },
  };
}

/** A seeded Fisher–Yates shuffle (mulberry32), so a failing case replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

const COUNT_FIELDS = ['expected', 'reported', 'carriedForward', 'missing', 'metricCount'] as const;
function countsOf(level: LevelSummary) {
  return {
    ...Object.fromEntries(COUNT_FIELDS.map((field) => [field, level[field]])),
    ...level.statusCounts,
  };
}
function sumOf(levels: readonly LevelSummary[]) {
  const total: Record<string, number> = {};
  for (const level of levels) {
    for (const [key, value] of Object.entries(countsOf(level))) total[key] = (total[key] ?? 0) + value;
  }
  for (const key of [...COUNT_FIELDS, ...COUNTED_STATUSES]) total[key] ??= 0;
  return total;
}

const catalogs: [string, Catalog, number][] = [
  ['a small catalog', smallCatalog, 150],
  ['the CBP catalog', defaultCatalog(), 40],
];

describe.each(catalogs)('computeRollup properties on %s', (_name, catalog, numRuns) => {
  it('counts add up at every level, and every entry is in exactly one status', () => {
    fc.assert(
      fc.property(scenarioArb(catalog), ({ inputs }) => {
        const snapshot = computeRollup(inputs);
        const all = [
          snapshot.agency,
          ...snapshot.goals,
          ...snapshot.missionAreas,
          ...snapshot.objectives,
          ...snapshot.keyActivities,
          ...snapshot.offices,
        ];
        for (const level of all) {
          expect(Object.values(level.statusCounts).reduce((sum, count) => sum + count, 0)).toBe(
            level.expected,
          );
          expect(level.reported + level.carriedForward + level.missing).toBe(level.expected);
          expect(level.statusCounts['Not Reported']).toBe(level.missing);
        }
        expect(countsOf(snapshot.agency)).toEqual(sumOf(snapshot.goals));
        expect(countsOf(snapshot.agency)).toEqual(sumOf(snapshot.offices));
        for (const goal of snapshot.goals)
          expect(countsOf(goal)).toEqual(
            sumOf(snapshot.objectives.filter((objective) => objective.goalId === goal.id)),
          );
        for (const area of snapshot.missionAreas)
          expect(countsOf(area)).toEqual(
            sumOf(snapshot.objectives.filter((objective) => objective.missionAreaId === area.id)),
          );
        for (const objective of snapshot.objectives)
          expect(countsOf(objective)).toEqual(
            sumOf(snapshot.keyActivities.filter((activity) => activity.objectiveId === objective.id)),
          );
        for (const activity of snapshot.keyActivities)
          expect(activity.expected).toBe(activity.offices.length);
        // The lists partition the entries: rows (reported or carried) and activities not reported.
        expect(snapshot.rows.length + snapshot.completeness.activitiesNotReported.length).toBe(
          snapshot.agency.expected,
        );
        expect(snapshot.completeness.carriedForward).toHaveLength(snapshot.agency.carriedForward);
        expect(rollupSnapshotSchema.safeParse(snapshot).success).toBe(true);
      }),
      { numRuns },
    );
  });

  it('gives the same snapshot whatever the order of revisions, rows and trend history', () => {
    fc.assert(
      fc.property(scenarioArb(catalog), ({ inputs, seed }) => {
        const reordered: RollupInputs = {
          ...inputs,
          submissions: shuffled(inputs.submissions, seed).map((entry, index) => ({
            revision: entry.revision,
            rows: shuffled(entry.rows, seed + index + 1),
          })),
          history: shuffled(inputs.history, seed ^ 0x5bd1e995),
        };
        const expected = computeRollup(inputs);
        const actual = computeRollup(reordered);
        expect(actual).toEqual(expected);
        expect(canonicalJson(actual)).toBe(canonicalJson(expected));
      }),
      { numRuns },
    );
  });

  it('is idempotent: the same inputs give the same bytes and the same input hash', () => {
    fc.assert(
      fc.property(scenarioArb(catalog), ({ inputs }) => {
        const first = computeRollup(inputs);
        const second = computeRollup(inputs);
        expect(canonicalJson(second)).toBe(canonicalJson(first));
        expect(second.inputHash).toBe(first.inputHash);
      }),
      { numRuns },
    );
  });

  it('never counts a carried-forward entry as reported', () => {
    fc.assert(
      fc.property(scenarioArb(catalog), ({ inputs }) => {
        const withCarry = computeRollup(inputs);
        const without = computeRollup({ ...inputs, options: { carryForwardMaxAgeMonths: 0 } });
        const levels = (snapshot: RollupSnapshot) => [
          snapshot.agency,
          ...snapshot.goals,
          ...snapshot.missionAreas,
          ...snapshot.objectives,
          ...snapshot.keyActivities,
          ...snapshot.offices,
        ];
        const a = levels(withCarry);
        const b = levels(without);
        for (const [index, level] of a.entries()) {
          expect(level.reported).toBe(b[index]?.reported);
          expect(level.missing + level.carriedForward).toBe(b[index]?.missing);
          expect(b[index]?.carriedForward).toBe(0);
        }
        // Reported = this period's rows the catalog expects, counted straight from the inputs.
        const fresh = inputs.submissions.reduce(
          (total, entry) =>
            total +
            entry.rows.filter((row) =>
              catalog.keyActivity(row.activityId)?.offices.includes(entry.revision.office),
            ).length,
          0,
        );
        expect(withCarry.agency.reported).toBe(fresh);
        expect(withCarry.rows.filter((row) => row.source === 'reported')).toHaveLength(fresh);
        for (const row of withCarry.rows.filter((entry) => entry.source === 'carried-forward')) {
          expect(row.fromPeriod < withCarry.period).toBe(true);
          expect(
            inputs.submissions.some(
              (entry) =>
                entry.revision.office === row.office &&
                entry.rows.some((r) => r.activityId === row.activityId),
            ),
          ).toBe(false);
        }
      }),
      { numRuns },
    );
  });
});
