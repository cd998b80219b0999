import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillProgressSheet, progressAnswersOf } from '../../shared/adapters/excel/progress-sheet-filler';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { InvalidInputError } from '../../shared/domain/errors';
import { addMonths, type Period, parsePeriod } from '../../shared/domain/period';
import { type ProgressRow, STATUSES, type Status } from '../../shared/domain/progress';
import type { RollupSnapshot } from '../../shared/domain/rollup/rollup-snapshot';
import { rollupSnapshotSchema } from '../../shared/domain/rollup/rollup-snapshot';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { createRollupHandler } from '../../shared/entries/rollup-entry';
import { uploadAndDeliver } from '../../shared/local/deliver-upload';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { silentLog } from '../../shared/ports/log';
import { uploadKey } from '../../shared/storage/object-keys';
import { generateTemplate } from '../../shared/use-cases/generate-template';
import type { IngestOutcome } from '../../shared/use-cases/ingest-submission';
import { loadSnapshot } from '../../shared/use-cases/snapshot-storage';

/*
 * The rollup handler against the embedded servers. Every office's rows are typed into the
 * template the CLI writes and submitted through the real ingest handler (S3 event in an SQS
 * message), as in AWS. Every expected number is computed below from the submitted rows by plain
 * loops over the catalog, not by the rollup's code.
 */

const catalog = defaultCatalog();
const OFFICES = catalog.offices.map((office) => office.code);
const AUGUST = parsePeriod('2026-08');
const SEPTEMBER = parsePeriod('2026-09');
const OCTOBER = parsePeriod('2026-10');

/** A row whose every field follows from (office, activity, period, revision), so the test can recompute it. */
function rowFor(office: string, activityIndex: number, period: Period, revision: number): ProgressRow {
  const activity = catalog.activitiesOf(office)[activityIndex] as { id: string };
  const seed = OFFICES.indexOf(office) * 7 + activityIndex * 3 + Number(period.slice(5)) + revision;
  const status = STATUSES[seed % STATUSES.length] as Status;
  const percentComplete = status === 'Complete' ? 100 : status === 'Not Started' ? 0 : (seed * 13) % 97;
  return {
    activityId: activity.id,
    status,
    percentComplete,
    ...(status === 'At Risk' || status === 'Off Track'
      ? { risksAndIssues: `${office} ${activity.id} blocked` }
      : {}),
    ...(seed % 4 === 0 ? { actual: seed % 10, target: 8 } : {}),
    ...(seed % 3 === 0
      ? { nextMilestone: 'review', milestoneDue: seed % 2 === 0 ? '2026-09-15' : '2027-06-30' }
      : {}),
  };
}

/** What each office submitted (its last revision counts) in each period. */
const PLAN: Record<string, Record<string, number[]>> = {
  '2026-08': { OFO: [1], USBP: [1], AMO: [1], OT: [1], OS: [1] },
  '2026-09': { OFO: [1], USBP: [1], AMO: [1], OS: [1, 2] },
  '2026-10': { OFO: [1, 2], USBP: [1], OS: [1] },
};

function rowsOf(office: string, period: Period, revision: number): ProgressRow[] {
  return catalog.activitiesOf(office).map((_activity, index) => rowFor(office, index, period, revision));
}

/** The value an entry has in `period`: reported, else the latest report of up to 3 months before. */
function expectedEntry(office: string, activityId: string, period: Period) {
  for (let age = 0; age <= 3; age++) {
    const from = addMonths(period, -age);
    const revisions = PLAN[from]?.[office];
    if (!revisions) continue;
    const revision = revisions.at(-1) as number;
    const row = rowsOf(office, from, revision).find((entry) => entry.activityId === activityId);
    if (row) return { row, source: age === 0 ? 'reported' : 'carried-forward', fromPeriod: from, revision };
  }
  return undefined;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

function independentFigures(period: Period) {
  const activityPercent = new Map<string, number | null>();
  const counts = { reported: 0, carried: 0, missing: 0, byStatus: {} as Record<string, number> };
  const offices = Object.fromEntries(
    OFFICES.map((office) => [office, { reported: 0, carried: 0, missing: 0 }]),
  );
  let overdue = 0;
  let atRisk = 0;
  let attainmentSum = 0;
  let attainmentCount = 0;
  for (const activity of catalog.keyActivities) {
    const percents: number[] = [];
    for (const office of activity.offices) {
      const entry = expectedEntry(office, activity.id, period);
      const tally = offices[office] as { reported: number; carried: number; missing: number };
      if (!entry) {
        counts.missing++;
        tally.missing++;
        counts.byStatus['Not Reported'] = (counts.byStatus['Not Reported'] ?? 0) + 1;
        continue;
      }
      if (entry.source === 'reported') {
        counts.reported++;
        tally.reported++;
      } else {
        counts.carried++;
        tally.carried++;
      }
      counts.byStatus[entry.row.status] = (counts.byStatus[entry.row.status] ?? 0) + 1;
      percents.push(entry.row.percentComplete);
      const isOverdue =
        entry.row.milestoneDue !== undefined &&
        entry.row.milestoneDue < `${period}-31` &&
        entry.row.status !== 'Complete';
      if (isOverdue) overdue++;
      if (isOverdue || entry.row.status === 'At Risk' || entry.row.status === 'Off Track') atRisk++;
      if (entry.row.actual !== undefined && entry.row.target) {
        attainmentSum += entry.row.actual / entry.row.target;
        attainmentCount++;
      }
    }
    activityPercent.set(activity.id, mean(percents));
  }
  const objectivePercent = new Map(
    catalog.objectives.map((objective) => [
      objective.id,
      mean(
        objective.keyActivities
          .map((activity) => activityPercent.get(activity.id))
          .filter((value): value is number => value !== null && value !== undefined),
      ),
    ]),
  );
  const groupPercent = (objectiveIds: readonly string[]) =>
    mean(
      objectiveIds
        .map((id) => objectivePercent.get(id))
        .filter((value): value is number => value !== null && value !== undefined),
    );
  const goalPercent = catalog.goals.map((goal) =>
    groupPercent(catalog.objectives.filter((objective) => objective.goalId === goal.id).map((o) => o.id)),
  );
  return {
    counts,
    offices,
    overdue,
    atRisk,
    attainment: attainmentCount > 0 ? Math.round((attainmentSum / attainmentCount) * 10_000) / 10_000 : null,
    objectivePercent: catalog.objectives.map((objective) =>
      round2(objectivePercent.get(objective.id) ?? null),
    ),
    goalPercent: goalPercent.map(round2),
    areaPercent: catalog.missionAreas.map((area) =>
      round2(
        groupPercent(
          catalog.objectives.filter((objective) => objective.missionAreaId === area.id).map((o) => o.id),
        ),
      ),
    ),
    agencyPercent: round2(mean(goalPercent.filter((value): value is number => value !== null))),
  };
}

describe('the rollup handler on the embedded servers', () => {
  let runtime: LocalRuntime;
  let deps: Dependencies;
  let handler: ReturnType<typeof createRollupHandler>;
  const commands: string[] = [];

  let ingest: ReturnType<typeof createIngestHandler>;
  const outcomes: IngestOutcome[] = [];

  /** Types the rows into the office's template and uploads it: the real ingest makes it a revision. */
  async function submit(
    office: string,
    period: Period,
    revision: number,
    rows = rowsOf(office, period, revision),
  ) {
    const template = await generateTemplate({ office, period }, deps);
    const byActivity = new Map(rows.map((row) => [row.activityId, row]));
    const bytes = await fillProgressSheet(template.bytes, (activityId) => {
      const row = byActivity.get(activityId);
      return row ? progressAnswersOf(row) : {};
    });
    await uploadAndDeliver(
      {
        key: uploadKey(office, period, `${office}-r${revision}.xlsx`),
        bytes,
        uploader: `${office.toLowerCase()}@example.gov`,
      },
      deps.uploads,
      ingest,
    );
    const outcome = outcomes.at(-1) ?? expect.unreachable();
    expect(outcome).toMatchObject({ kind: 'accepted', office, period, revision, rows: rows.length });
  }

  beforeAll(async () => {
    runtime = await openLocalRuntime();
    runtime.clients.dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    // 02:00 UTC on 1 November is still 31 October in New York: "last month" there is September.
    const clock = { now: () => new Date('2026-11-01T02:00:00Z') };
    deps = localDependencies(runtime, { catalog, config: parseProductConfig({}), clock });
    handler = createRollupHandler(deps);
    ingest = createIngestHandler(deps, { log: silentLog, onOutcome: (outcome) => outcomes.push(outcome) });
    for (const [period, offices] of Object.entries(PLAN)) {
      for (const [office, revisions] of Object.entries(offices)) {
        for (const revision of revisions) await submit(office, parsePeriod(period), revision);
      }
    }
  });
  afterAll(async () => {
    await runtime?.close();
  });

  let october: RollupSnapshot;

  it('rolls up three periods in order and matches figures computed independently from the submissions', async () => {
    for (const period of [AUGUST, SEPTEMBER, OCTOBER]) {
      const result = await handler({ period });
      expect(result).toMatchObject({ period, outcome: 'stored', record: { period, version: 1 } });
    }
    const record = (await deps.snapshotIndex.latest(OCTOBER)) ?? expect.unreachable();
    october = await loadSnapshot(deps.reportObjects, record);
    expect(rollupSnapshotSchema.parse(october)).toEqual(october);

    const figures = independentFigures(OCTOBER);
    // The scenario exercises every part: carried, missing, overdue, at risk, metrics.
    expect(figures.counts).toMatchObject({ carried: 21, missing: 21 });
    expect([figures.overdue, figures.atRisk, figures.attainment]).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(Math.min(figures.overdue, figures.atRisk)).toBeGreaterThan(0);
    expect(october.agency).toMatchObject({
      expected: 106,
      reported: figures.counts.reported,
      carriedForward: figures.counts.carried,
      missing: figures.counts.missing,
      percentComplete: figures.agencyPercent,
      metricAttainment: figures.attainment,
    });
    for (const status of [...STATUSES, 'Not Reported'] as const)
      expect(october.agency.statusCounts[status], status).toBe(figures.counts.byStatus[status] ?? 0);
    expect(october.goals.map((goal) => goal.percentComplete)).toEqual(figures.goalPercent);
    expect(october.missionAreas.map((area) => area.percentComplete)).toEqual(figures.areaPercent);
    expect(october.objectives.map((objective) => objective.percentComplete)).toEqual(
      figures.objectivePercent,
    );
    for (const office of october.offices)
      expect(
        { reported: office.reported, carried: office.carriedForward, missing: office.missing },
        office.code,
      ).toEqual(figures.offices[office.code]);
    expect(october.completeness.overdueMilestones).toHaveLength(figures.overdue);
    expect(october.atRisk).toHaveLength(figures.atRisk);
  });

  it('names its inputs, carries forward what was missed, and lists who is missing', () => {
    expect(october.inputs.map((input) => [input.office, input.revision, input.uploader])).toEqual([
      ['OFO', 2, 'ofo@example.gov'],
      ['USBP', 1, 'usbp@example.gov'],
      ['OS', 1, 'os@example.gov'],
    ]);
    expect(october.completeness).toMatchObject({
      officesExpected: OFFICES,
      officesSubmitted: ['OFO', 'USBP', 'OS'],
      officesMissing: ['AMO', 'OT', 'ES'],
    });
    // AMO last reported in September, OT in August (carried through September): both within 3 months.
    const carriedFrom = new Map(
      october.completeness.carriedForward.map((entry) => [entry.office, entry.fromPeriod]),
    );
    expect([...carriedFrom]).toEqual([
      ['AMO', '2026-09'],
      ['OT', '2026-08'],
    ]);
    expect(october.completeness.activitiesNotReported.every((entry) => entry.office === 'ES')).toBe(true);
    expect(october.completeness.activitiesNotReported).toHaveLength(catalog.activitiesOf('ES').length);
    const amo = october.rows.find((row) => row.office === 'AMO') ?? expect.unreachable();
    expect(amo).toMatchObject({ source: 'carried-forward', fromPeriod: '2026-09', revision: 1 });
    expect(october.offices.find((office) => office.code === 'OFO')).toMatchObject({
      submitted: true,
      revision: 2,
      uploader: 'ofo@example.gov',
    });
  });

  it('compares with the previous period and keeps a twelve-month trend from stored snapshots', async () => {
    const september = await loadSnapshot(
      deps.reportObjects,
      (await deps.snapshotIndex.latest(SEPTEMBER)) ?? expect.unreachable(),
    );
    expect(october.previousSnapshot).toMatchObject({ period: '2026-09', version: 1 });
    expect(october.agency.change.previousPercentComplete).toBe(september.agency.percentComplete);
    // Every entry reported in both periods whose status differs is listed as a move.
    const before = new Map(september.rows.map((row) => [`${row.office} ${row.activityId}`, row.status]));
    const changed = october.rows.filter((row) => {
      const previous = before.get(`${row.office} ${row.activityId}`);
      return previous === undefined || previous !== row.status;
    });
    expect(october.changes.statusMoves.map((move) => `${move.office} ${move.activityId}`)).toEqual(
      changed.map((row) => `${row.office} ${row.activityId}`),
    );
    expect(october.trend.map((point) => point.period)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(october.trend[1]?.agency.percentComplete).toBe(september.agency.percentComplete);
    const stored = await deps.snapshotIndex.latestInRange(AUGUST, SEPTEMBER);
    expect(october.trendSources).toEqual(
      stored.map((record) => ({ period: record.period, version: record.version, sha256: record.sha256 })),
    );
  });

  it('stores nothing new for unchanged inputs, and a new version, keeping the old, when a revision arrives', async () => {
    const again = await handler({ period: OCTOBER });
    expect(again).toMatchObject({
      outcome: 'unchanged',
      record: { version: 1, inputHash: october.inputHash },
    });
    expect(await deps.snapshotIndex.versions(OCTOBER)).toHaveLength(1);

    await submit(
      'OFO',
      OCTOBER,
      3,
      rowsOf('OFO', OCTOBER, 2).map((row) => ({ ...row, percentComplete: 100, status: 'Complete' })),
    );
    const changed = await handler({ period: OCTOBER });
    expect(changed).toMatchObject({ outcome: 'stored', record: { version: 2 } });
    const versions = await deps.snapshotIndex.versions(OCTOBER);
    expect(versions.map((record) => record.version)).toEqual([1, 2]);
    expect(await loadSnapshot(deps.reportObjects, versions[0] ?? expect.unreachable())).toEqual(october);
    const latest = await loadSnapshot(deps.reportObjects, versions[1] ?? expect.unreachable());
    expect(latest.inputs.find((input) => input.office === 'OFO')?.revision).toBe(3);
    expect(latest.offices.find((office) => office.code === 'OFO')).toMatchObject({
      statusCounts: { Complete: catalog.activitiesOf('OFO').length },
      percentComplete: 100,
      status: 'Complete',
    });
  });

  it('rolls up the previous calendar month in New York time when the event names no period', async () => {
    const result = await handler({});
    expect(result).toMatchObject({ period: '2026-09', outcome: 'unchanged' });
    await expect(handler({ period: '2026-13' })).rejects.toThrow(InvalidInputError);
    await expect(handler({ period: 7 })).rejects.toThrow(/rollup event.*\[event\.schema\]/);
  });

  it('re-running is idempotent for any submitted data (property, on the real stores)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...STATUSES), fc.integer({ min: 0, max: 99 })), {
          minLength: catalog.activitiesOf('OT').length,
          maxLength: catalog.activitiesOf('OT').length,
        }),
        async (values) => {
          run++;
          const period = addMonths(parsePeriod('2030-01'), run);
          const rows = catalog.activitiesOf('OT').map((activity, index) => {
            const [status, percent] = values[index] as [Status, number];
            return {
              activityId: activity.id,
              status,
              percentComplete: status === 'Complete' ? 100 : percent,
              ...(status === 'At Risk' || status === 'Off Track' ? { risksAndIssues: 'x' } : {}),
            };
          });
          await submit('OT', period, 1, rows);
          const first = await handler({ period });
          const second = await handler({ period });
          expect(first.outcome).toBe('stored');
          expect(second).toEqual({ ...first, outcome: 'unchanged' });
        },
      ),
      { numRuns: 4 },
    );
  });

  it('read everything with Queries and GetItems: no Scan', () => {
    expect(commands).toContain('QueryCommand');
    expect(commands.filter((name) => name.startsWith('Scan'))).toEqual([]);
  });
});
