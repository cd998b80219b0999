import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { NotFoundError } from '../domain/errors';
import {
  type FiscalQuarter,
  formatFiscalQuarter,
  nextQuarter,
  planQuartersSoFar,
  quarterBounds,
  quarterPeriods,
} from '../domain/fiscal-quarter';
import type { Period } from '../domain/period';
import { reminderSchedule } from '../domain/reminder-schedule';
import {
  type AttemptFacts,
  type MonthFigures,
  QUARTERLY_REVIEW_INPUTS_SCHEMA_VERSION,
  type QuarterFacts,
  type QuarterlyReviewInputs,
  type QuarterMonth,
} from '../domain/review/quarterly-review-inputs';
import type { RollupSnapshot } from '../domain/rollup/rollup-snapshot';
import type { ObjectStore } from '../ports/object-store';
import type { SnapshotIndex, SnapshotRecord } from '../ports/snapshot-index';
import type { SubmissionAttempt, SubmissionHistory } from '../ports/submission-history';
import { loadSnapshot } from './snapshot-storage';

export type { QuarterlyReviewInputs } from '../domain/review/quarterly-review-inputs';

export interface QuarterlyReviewInputsPorts {
  readonly catalog: Catalog;
  readonly snapshotIndex: SnapshotIndex;
  /** The reports bucket, where the monthly snapshots are. */
  readonly reportObjects: ObjectStore;
  readonly history: Pick<SubmissionHistory, 'attemptsInPeriod'>;
}

export type QuarterlyReviewConfig = Pick<
  ProductConfig,
  'fiscalYearStartMonth' | 'submissionDeadlineDay' | 'timeZone'
>;

/**
 * Gathers what the quarterly review pack of `quarter` is rendered from: the latest snapshot of each
 * of its months (checked against its SHA-256 as it loads), the headline figures of every month of
 * the plan so far (the trend), and every office's submission attempts in the quarter. Reads only:
 * one Query for the snapshot versions, one object read per month with a snapshot, one Query of the
 * attempts per month. Throws NotFoundError when no month of the quarter has a snapshot.
 */
export async function gatherQuarterlyReviewInputs(
  deps: QuarterlyReviewInputsPorts,
  quarter: FiscalQuarter,
  config: QuarterlyReviewConfig,
): Promise<QuarterlyReviewInputs> {
  const startMonth = config.fiscalYearStartMonth;
  const periods = quarterPeriods(quarter, startMonth);
  const label = formatFiscalQuarter(quarter);

  // 1. The quarter's months: the latest snapshot of each, loaded and checked.
  const months: QuarterMonth[] = [];
  for (const period of periods) {
    const record = await deps.snapshotIndex.latest(period);
    months.push({
      period,
      deadline: reminderSchedule(period, { ...config, reminderDaysBefore: 1 }).deadline,
      snapshot: record ? snapshotReference(record) : null,
      content: record ? await loadSnapshot(deps.reportObjects, record) : null,
    });
  }
  if (months.every((month) => month.content === null))
    throw new NotFoundError(
      `no rollup snapshot for any month of ${label} (${periods.join(', ')}): run \`strategy-report rollup --period ${periods[2]}\` first`,
    );

  // 2. The plan so far: every month with a snapshot, from the plan's start (else the first month
  //    stored) to the quarter's end. Each earlier month's objectives come from its snapshot.
  const history = await planHistory(deps, periods[2], months, startMonth);

  // 3. Every attempt of the quarter's months, by every office.
  const attempts: AttemptFacts[] = [];
  for (const period of periods)
    for (const attempt of await deps.history.attemptsInPeriod(period)) attempts.push(attemptFacts(attempt));

  const { catalog } = deps;
  return {
    schemaVersion: QUARTERLY_REVIEW_INPUTS_SCHEMA_VERSION,
    quarter: quarterFacts(quarter, startMonth),
    nextQuarter: quarterFacts(nextQuarter(quarter), startMonth),
    plan: {
      id: catalog.id,
      version: catalog.version,
      title: catalog.title,
      ...(catalog.startDate !== undefined ? { startDate: catalog.startDate } : {}),
      ...(catalog.endDate !== undefined ? { endDate: catalog.endDate } : {}),
    },
    settings: {
      fiscalYearStartMonth: startMonth,
      submissionDeadlineDay: config.submissionDeadlineDay,
      timeZone: config.timeZone,
    },
    months,
    history,
    attempts,
  };
}

function quarterFacts(quarter: FiscalQuarter, startMonth: number): QuarterFacts {
  const bounds = quarterBounds(quarter, startMonth);
  return {
    label: formatFiscalQuarter(quarter),
    fiscalYear: quarter.fiscalYear,
    quarter: quarter.quarter,
    periods: [...quarterPeriods(quarter, startMonth)],
    first: bounds.first,
    last: bounds.last,
  };
}

function snapshotReference(record: SnapshotRecord): NonNullable<QuarterMonth['snapshot']> {
  return {
    period: record.period,
    version: record.version,
    key: record.key,
    sha256: record.sha256,
    inputHash: record.inputHash,
    createdAt: record.createdAt,
  };
}

async function planHistory(
  deps: QuarterlyReviewInputsPorts,
  lastPeriod: Period,
  months: readonly QuarterMonth[],
  startMonth: number,
): Promise<MonthFigures[]> {
  const planStart = (deps.catalog.startDate?.slice(0, 7) ?? '2000-01') as Period;
  const records = await deps.snapshotIndex.latestInRange(planStart, lastPeriod);
  const first = records[0]?.period ?? lastPeriod;
  const quarters = planQuartersSoFar(deps.catalog, lastPeriod, { fallbackStart: first, startMonth });
  const from = quarters[0] ? quarterPeriods(quarters[0], startMonth)[0] : lastPeriod;
  const loaded = new Map(
    months.flatMap((month) => (month.content ? [[month.period, month.content] as const] : [])),
  );
  const history: MonthFigures[] = [];
  for (const record of records) {
    if (record.period < from || record.period > lastPeriod) continue;
    const snapshot = loaded.get(record.period) ?? (await loadSnapshot(deps.reportObjects, record));
    history.push(monthFiguresOf(snapshot));
  }
  return history;
}

/** The headline figures of a snapshot, objectives included. */
export function monthFiguresOf(
  snapshot: Pick<RollupSnapshot, 'period' | 'agency' | 'goals' | 'missionAreas' | 'objectives'>,
): MonthFigures {
  const figure = (level: {
    id: string;
    percentComplete: number | null;
    status: MonthFigures['agency']['status'];
  }) => ({
    id: level.id,
    percentComplete: level.percentComplete,
    status: level.status,
  });
  return {
    period: snapshot.period,
    agency: { percentComplete: snapshot.agency.percentComplete, status: snapshot.agency.status },
    goals: snapshot.goals.map(figure),
    missionAreas: snapshot.missionAreas.map(figure),
    objectives: snapshot.objectives.map(figure),
  };
}

function attemptFacts(attempt: SubmissionAttempt): AttemptFacts {
  return {
    submissionId: attempt.submissionId,
    office: attempt.office,
    period: attempt.period,
    receivedAt: attempt.receivedAt,
    outcome: attempt.outcome,
    ...(attempt.revision !== undefined ? { revision: attempt.revision } : {}),
    rules: [...new Set((attempt.problems ?? []).map((problem) => problem.rule))].sort(),
    problemCount: attempt.problemCount ?? attempt.problems?.length ?? 0,
  };
}
