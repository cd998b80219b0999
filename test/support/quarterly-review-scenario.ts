import { demoAttestation } from '../../shared/demo/demo-attestation';
import { parseFiscalQuarter } from '../../shared/domain/fiscal-quarter';
import { addMonths, type Period } from '../../shared/domain/period';
import type { ProgressRow, Status } from '../../shared/domain/progress';
import { sha256Hex } from '../../shared/domain/sha256';
import { gatherQuarterlyReviewInputs } from '../../shared/use-cases/quarterly-review-inputs';
import { rollupPeriod } from '../../shared/use-cases/rollup-period';
import { type InMemoryDependencies, inMemoryDependencies } from './fakes/in-memory-dependencies';

/**
 * Six months of the CBP plan (July–December 2026: FY2026-Q4 and FY2027-Q1) submitted by its six
 * offices and rolled up by the real rollup into stored snapshots, through the in-memory ports, with
 * what a quarterly review must tell apart:
 * - goal 2's key activities of the first two offices are At Risk (one Off Track), with mitigation;
 * - the fourth office sends October's answers again unchanged in November and December;
 * - the fifth office's October workbook is on template version 1 (no attestation, no mitigation);
 * - the sixth office sends nothing for November;
 * - the second office sends December's workbook late (14 January, due the 10th);
 * - the third office's October workbook is rejected twice before it is accepted;
 * - milestones fall due in January–March 2027 (the next quarter).
 */
export const SCENARIO_MONTHS = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'] as const;
export const SCENARIO_QUARTER = parseFiscalQuarter('FY2027-Q1');

export const MITIGATION_TEXT = (office: string, activityId: string) =>
  `${office} adds a second contract team to ${activityId} and reviews it weekly with the director.`;

/** USBP's risk text starts like a formula: the workbook must keep it text. */
export const RISK_TEXT = (office: string, activityId: string) =>
  `${office === 'USBP' ? '=HYPERLINK("http://attacker.example/x","click") ' : ''}${office}: contractor staffing short on ${activityId}.`;

const troubled = (officeIndex: number, goalId: string) => goalId === '2' && officeIndex <= 1;

function rowsFor(
  deps: InMemoryDependencies,
  office: string,
  officeIndex: number,
  monthIndex: number,
  options: { mitigation: boolean; unchangedFrom?: ProgressRow[] },
): ProgressRow[] {
  if (options.unchangedFrom) return options.unchangedFrom.map((row) => ({ ...row, unchanged: true }));
  return deps.catalog.activitiesOf(office).map((activity, activityIndex) => {
    const bad = troubled(officeIndex, activity.goalId);
    const base = 10 + ((activityIndex * 7 + officeIndex * 5) % 30);
    const pace = bad ? 1 : 6 + ((activityIndex + officeIndex) % 5) * 2;
    const percentComplete = Math.min(100, base + monthIndex * pace);
    const status: Status =
      percentComplete >= 100
        ? 'Complete'
        : bad
          ? activityIndex % 2 === 0
            ? 'Off Track'
            : 'At Risk'
          : 'On Track';
    const dueMonth = addMonths('2026-07' as Period, monthIndex + 3 + (activityIndex % 3));
    return {
      activityId: activity.id,
      status,
      percentComplete,
      nextMilestone: `Milestone ${monthIndex + 1} of ${activity.id}`,
      milestoneDue: `${dueMonth}-15`,
      accomplishments: `${office} delivered step ${monthIndex + 1} of ${activity.id}.`,
      ...(bad && status !== 'Complete'
        ? {
            risksAndIssues: RISK_TEXT(office, activity.id),
            ...(options.mitigation ? { mitigation: MITIGATION_TEXT(office, activity.id) } : {}),
          }
        : {}),
      unchanged: false,
    };
  });
}

/** The scenario's stores: every month submitted and rolled up. */
export async function quarterlyReviewScenario(): Promise<InMemoryDependencies> {
  const deps = inMemoryDependencies({ now: '2026-08-05T12:00:00Z' });
  const offices = deps.catalog.offices;
  const sent = new Map<string, ProgressRow[]>();
  for (const [monthIndex, period] of SCENARIO_MONTHS.entries()) {
    const next = addMonths(period as Period, 1);
    for (const [officeIndex, office] of offices.entries()) {
      if (officeIndex === 5 && period === '2026-11') continue;
      const v1 = officeIndex === 4 && period === '2026-10';
      const repeat = officeIndex === 3 && (period === '2026-11' || period === '2026-12');
      const rows = rowsFor(deps, office.code, officeIndex, monthIndex, {
        mitigation: !v1,
        ...(repeat ? { unchangedFrom: sent.get(`${office.code}/2026-10`) ?? [] } : {}),
      });
      sent.set(`${office.code}/${period}`, rows);
      const day = officeIndex === 1 && period === '2026-12' ? 14 : 3 + officeIndex;
      const acceptedAt = `${next}-${String(day).padStart(2, '0')}T15:00:00.000Z`;
      const submissionId = `sub-${office.code}-${period}`;
      const sha256 = sha256Hex(`${office.code}/${period}`);
      if (officeIndex === 2 && period === '2026-10')
        for (const [attempt, rule] of ['attestation.missing-field', 'status.allowed-values'].entries())
          await deps.history.record({
            submissionId: `${submissionId}-rejected-${attempt + 1}`,
            office: office.code,
            period: period as Period,
            receivedAt: `${next}-0${1 + attempt}T09:00:00.000Z`,
            uploader: `${office.code.toLowerCase()}.analyst@example.gov`,
            sha256: sha256Hex(`${office.code}/${period}/rejected/${attempt}`),
            size: 20_000,
            source: { bucket: 'uploads', key: `rejected/${office.code}/${period}/${attempt}.xlsx` },
            outcome: 'rejected',
            problems: [{ rule, message: `broke ${rule}` }],
            problemCount: 1,
          });
      const previous = monthIndex === 0 ? null : { period: addMonths(period as Period, -1), revision: 1 };
      await deps.progress.commitRevision(
        {
          office: office.code,
          period: period as Period,
          submissionId,
          sha256,
          acceptedAt,
          uploader: `${office.code.toLowerCase()}.analyst@example.gov`,
          source: { bucket: 'uploads', key: `${office.code}/${period}.xlsx`, size: 20_000 },
          catalogId: deps.catalog.id,
          catalogVersion: deps.catalog.version,
          templateVersion: v1 ? '1' : '2',
          rowCount: rows.length,
          uploaded: { eventTime: acceptedAt, sequencer: '' },
          ...(v1 ? {} : { attestation: demoAttestation(office, officeIndex, new Date(acceptedAt)) }),
          comparedWith: previous,
          unchangedRows: rows.filter((row) => row.unchanged).length,
        },
        rows,
        new Date(acceptedAt),
      );
      await deps.history.record({
        submissionId,
        office: office.code,
        period: period as Period,
        receivedAt: acceptedAt,
        uploader: `${office.code.toLowerCase()}.analyst@example.gov`,
        sha256,
        size: 20_000,
        source: { bucket: 'uploads', key: `${office.code}/${period}.xlsx` },
        outcome: 'accepted',
        revision: 1,
        rowCount: rows.length,
      });
    }
    deps.clock.set(`${next}-20T12:00:00Z`);
    await rollupPeriod(deps, period as Period);
  }
  return deps;
}

/** The scenario's FY2027-Q1 inputs, gathered as the review command gathers them. */
export async function scenarioInputs() {
  const deps = await quarterlyReviewScenario();
  return { deps, inputs: await gatherQuarterlyReviewInputs(deps, SCENARIO_QUARTER, deps.config) };
}
