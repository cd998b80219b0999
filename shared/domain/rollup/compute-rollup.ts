import type { Catalog } from '../catalog/catalog';
import { InvalidInputError } from '../errors';
import { addMonths, comparePeriods, type Period, periodBounds } from '../period';
import { ReasonTexts } from './at-risk';
import { type EntryIndex, entryIndexOf } from './entry-index';
import { type EntryPassResult, type PreviousRows, passOverEntries } from './entry-pass';
import { inputHashOf } from './input-hash';
import { summarizeLevels } from './level-summaries';
import { rankOrder } from './rank-order';
import {
  DEFAULT_CARRY_FORWARD_MAX_AGE_MONTHS,
  ROLLUP_RULES_VERSION,
  type RollupInputs,
  type SnapshotRef,
  type SubmissionInput,
  type TrendSource,
} from './rollup-inputs';
import {
  type LevelSummary,
  type RollupSnapshot,
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotInput,
} from './rollup-snapshot';
import { alignPrevious, alignSubmission } from './row-alignment';
import { trendPointOf } from './trend-point';
import { resolveWeights, type Weights } from './weights';

/** Earlier periods a snapshot's trend holds besides its own: twelve points in all. */
export const TREND_HISTORY_PERIODS = 11;
const MAX_CARRY_FORWARD_AGE_MONTHS = 120;

/**
 * The rollup of one period (docs/status-rules.md, docs/rollup-snapshot.md): the catalog, each
 * office's current revision, the previous snapshot and the trend history in; the snapshot out.
 *
 * Pure and deterministic: no clock (the snapshot speaks as of the period's last day), and every
 * list is ordered by the catalog (offices in catalog order, then key activities in catalog
 * order), so the same inputs in any order give the same snapshot. One pass over the entries
 * (office × key activity) fills per-activity and per-office totals; every higher level is summed
 * from those, so the work is linear in the rows.
 */
export function computeRollup(inputs: RollupInputs): RollupSnapshot {
  const { catalog, period } = inputs;
  const asOf = periodBounds(period).last;
  // 0. The rules: carry-forward age and weights checked, the previous snapshot before this period.
  const rules = rollupRules(inputs);
  // 1. Entries (office × key activity), numbered office-major in catalog order.
  const entries = entryIndexOf(catalog);
  // 2. This period's rows, aligned with the entries; rows the catalog does not expect are left out.
  const submissionOf = submissionsByOffice(inputs, entries);
  const freshAt = alignFreshRows(entries, submissionOf, period);
  // 3. The previous snapshot's rows and statuses by entry: what changed, what may be carried forward.
  const previous = alignPreviousRows(inputs, entries);
  // 4. One pass over the entries into flat per-activity and per-office tallies and the entry lists.
  const pass = passOverEntries({
    activities: catalog.keyActivities,
    period,
    asOf,
    carryForwardMaxAgeMonths: rules.record.carryForwardMaxAgeMonths,
    entries,
    submissionOf,
    freshAt,
    previous,
    reasons: new ReasonTexts(asOf, inputs.previous?.snapshot.period ?? null),
  });
  // 5. What the snapshot was computed from, and the hash that identifies those inputs.
  const sources = snapshotSources(inputs, submissionOf, rules.record);
  // 6. Levels: activities and offices from the pass, everything above summed from activities.
  const levels = summarizeLevels({
    catalog,
    period,
    asOf,
    weights: rules.weights,
    activityTally: pass.activityTally,
    officeTally: pass.officeTally,
    previous: inputs.previous?.snapshot ?? null,
    history: sources.history.map((source) => source.point),
  });
  // 7. The snapshot, its at-risk list ranked and its own trend point last.
  const snapshot: RollupSnapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    period,
    asOf,
    catalog: { id: catalog.id, version: catalog.version, title: catalog.title },
    inputs: sources.inputs,
    previousSnapshot: sources.previousRef,
    inputHash: sources.inputHash,
    rules: rules.record,
    trendSources: sources.trendSources,
    agency: levels.agency,
    goals: levels.goals,
    missionAreas: levels.missionAreas,
    objectives: levels.objectives,
    keyActivities: levels.keyActivities,
    offices: officeSummaries(catalog, submissionOf, levels.offices),
    rows: pass.rows,
    changes: { statusMoves: pass.statusMoves },
    completeness: completenessOf(catalog, pass, sources.inputs),
    atRisk: rankedAtRisk(pass),
    trend: [],
  };
  snapshot.trend = [...sources.history.map((source) => source.point), trendPointOf(snapshot)];
  return snapshot;
}

/** The rules as the snapshot records them (and the input hash covers). */
type RulesRecord = NonNullable<RollupSnapshot['rules']>;

interface RollupRules {
  readonly weights: Weights;
  readonly record: RulesRecord;
}

function rollupRules(inputs: RollupInputs): RollupRules {
  const options = inputs.options ?? {};
  const maxAge = options.carryForwardMaxAgeMonths ?? DEFAULT_CARRY_FORWARD_MAX_AGE_MONTHS;
  if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > MAX_CARRY_FORWARD_AGE_MONTHS)
    throw new InvalidInputError({
      rule: 'rollup.carry-forward-age',
      message: `the carry-forward age must be a whole number of months from 0 to ${MAX_CARRY_FORWARD_AGE_MONTHS}, not ${maxAge}`,
    });
  const weights = resolveWeights(inputs.catalog, options.weights);
  const previous = inputs.previous;
  if (previous !== null && comparePeriods(previous.snapshot.period as Period, inputs.period) >= 0)
    throw new Error(`the previous snapshot (${previous.snapshot.period}) is not before ${inputs.period}`);
  return {
    weights,
    record: { version: ROLLUP_RULES_VERSION, carryForwardMaxAgeMonths: maxAge, weights: weights.overrides },
  };
}

/** Each office's current revision by office position; revisions of offices the catalog does not know are left out. */
function submissionsByOffice(inputs: RollupInputs, entries: EntryIndex): (SubmissionInput | undefined)[] {
  const { period } = inputs;
  const submissionOf: (SubmissionInput | undefined)[] = new Array(entries.officeCodes.length).fill(undefined);
  for (const submission of inputs.submissions) {
    if (submission.revision.period !== period)
      throw new Error(
        `revision ${submission.revision.office} ${submission.revision.period} is not of ${period}`,
      );
    const office = entries.officeIndex.get(submission.revision.office);
    if (office === undefined) continue;
    if (submissionOf[office] !== undefined)
      throw new Error(`two current revisions for ${submission.revision.office} ${period}`);
    submissionOf[office] = submission;
  }
  return submissionOf;
}

/** Per entry, the position of its row in its office's submission (−1: not reported this period). */
function alignFreshRows(
  entries: EntryIndex,
  submissionOf: readonly (SubmissionInput | undefined)[],
  period: Period,
): Int32Array {
  const freshAt = new Int32Array(entries.entryCount).fill(-1);
  submissionOf.forEach((submission, office) => {
    if (submission !== undefined)
      alignSubmission(
        entries,
        office,
        submission.rows,
        freshAt,
        () => `${submission.revision.office} ${period}`,
      );
  });
  return freshAt;
}

function alignPreviousRows(inputs: RollupInputs, entries: EntryIndex): PreviousRows | null {
  if (inputs.previous === null) return null;
  const previous: PreviousRows = {
    rows: inputs.previous.snapshot.rows,
    at: new Int32Array(entries.entryCount).fill(-1),
    status: new Uint8Array(entries.entryCount),
  };
  alignPrevious(entries, previous.rows, previous.at, previous.status);
  return previous;
}

/** The inputs, the trend history, the references to earlier snapshots and the input hash. */
function snapshotSources(
  inputs: RollupInputs,
  submissionOf: readonly (SubmissionInput | undefined)[],
  rules: RulesRecord,
) {
  const snapshotInputs: SnapshotInput[] = [];
  for (const submission of submissionOf) {
    const revision = submission?.revision;
    if (revision === undefined) continue;
    snapshotInputs.push({
      office: revision.office,
      revision: revision.revision,
      submissionId: revision.submissionId,
      sha256: revision.sha256,
      acceptedAt: revision.acceptedAt,
      uploader: revision.uploader,
      rowCount: revision.rowCount,
    });
  }
  const history = trendHistory(inputs.history, inputs.period);
  const previous = inputs.previous;
  const previousRef: SnapshotRef | null =
    previous === null
      ? null
      : { period: previous.ref.period, version: previous.ref.version, sha256: previous.ref.sha256 };
  const trendSources = history.map((source) => ({
    period: source.ref.period,
    version: source.ref.version,
    sha256: source.ref.sha256,
  }));
  const inputHash = inputHashOf({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    rules,
    catalog: { id: inputs.catalog.id, version: inputs.catalog.version },
    period: inputs.period,
    inputs: snapshotInputs,
    previousSnapshot: previousRef,
    trendSources,
  });
  return { inputs: snapshotInputs, history, previousRef, trendSources, inputHash };
}

/** Each office: whether and what it submitted, then its level summary. */
function officeSummaries(
  catalog: Catalog,
  submissionOf: readonly (SubmissionInput | undefined)[],
  levels: readonly LevelSummary[],
): RollupSnapshot['offices'] {
  return catalog.offices.map((office, index) => {
    const revision = submissionOf[index]?.revision;
    return {
      code: office.code,
      name: office.name,
      submitted: revision !== undefined,
      ...(revision !== undefined
        ? { revision: revision.revision, submittedAt: revision.acceptedAt, uploader: revision.uploader }
        : {}),
      ...(levels[index] as LevelSummary),
    };
  });
}

/** Which offices were expected and submitted, and which entries are missing, carried or overdue. */
function completenessOf(
  catalog: Catalog,
  pass: EntryPassResult,
  inputs: readonly SnapshotInput[],
): RollupSnapshot['completeness'] {
  const officesExpected = catalog.offices
    .filter((office) => catalog.activitiesOf(office.code).length > 0)
    .map((office) => office.code);
  const officesSubmitted = inputs.map((input) => input.office);
  const submittedSet = new Set(officesSubmitted);
  return {
    officesExpected,
    officesSubmitted,
    officesMissing: officesExpected.filter((code) => !submittedSet.has(code)),
    activitiesNotReported: pass.activitiesNotReported,
    carriedForward: pass.carriedForward,
    overdueMilestones: pass.overdueMilestones,
  };
}

/** The at-risk list, most severe first; ties in office, then key activity order (the order found in). */
function rankedAtRisk(pass: EntryPassResult): RollupSnapshot['atRisk'] {
  return rankOrder(pass.riskSeverities).map((candidate, position) => {
    const item = pass.riskItems[candidate] as RollupSnapshot['atRisk'][number];
    item.rank = position + 1;
    return item;
  });
}

/** The earlier periods' points the trend keeps: the 11 periods before this one, oldest first. */
function trendHistory(history: readonly TrendSource[], period: Period): TrendSource[] {
  const first = addMonths(period, -TREND_HISTORY_PERIODS);
  const kept = history.filter(
    (source) =>
      comparePeriods(source.point.period as Period, first) >= 0 &&
      comparePeriods(source.point.period as Period, period) < 0,
  );
  kept.sort((left, right) => comparePeriods(left.point.period as Period, right.point.period as Period));
  for (let index = 1; index < kept.length; index++) {
    if (kept[index]?.point.period === kept[index - 1]?.point.period)
      throw new Error(`the trend history has two points for ${kept[index]?.point.period}`);
  }
  for (const source of kept) {
    if (source.ref.period !== source.point.period)
      throw new Error(`trend point ${source.point.period} names snapshot ${source.ref.period}`);
  }
  return kept;
}
