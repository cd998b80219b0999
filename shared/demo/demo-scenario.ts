import type { Catalog, KeyActivity } from '../domain/catalog/catalog';
import { addMonths, type Period, periodBounds } from '../domain/period';
import type { ProgressValues } from '../domain/submission/progress-values';
import { hashText, seededRandom } from './seeded-random';

/** What a submitter types into one row of the template; may be wrong on purpose. */
export interface DemoRowValues extends ProgressValues {
  readonly activityId: string;
}

export interface DemoSubmission {
  readonly office: string;
  readonly period: Period;
  readonly submittedAt: Date;
  readonly uploader: string;
  readonly rows: readonly DemoRowValues[];
  /** What the ingest should answer; the demo checks it did. */
  readonly expected: 'accepted' | 'rejected';
  readonly story: string;
}

export interface DemoMonth {
  readonly period: Period;
  /** Submissions that arrive before the monthly report, in arrival order. */
  readonly onTime: readonly DemoSubmission[];
  /** When the monthly rollup, render and e-mail run. */
  readonly reportAt: Date;
  /** Submissions after the report: the period is rolled up and rendered again after them. */
  readonly late: readonly DemoSubmission[];
  readonly notes: readonly string[];
}

export interface DemoScenario {
  readonly months: readonly DemoMonth[];
  /** One line per scripted event, for the demo's own summary. */
  readonly events: readonly string[];
}

export interface DemoScenarioOptions {
  /** The last month of the demo; the scenario covers the 12 months ending with it. */
  readonly lastPeriod: Period;
  /** Day of the following month by which a period's workbooks are due. */
  readonly deadlineDay: number;
  readonly seed?: number;
}

const MONTHS = 12;
const METRICS = [
  ['Positions filled', 400],
  ['Sites equipped', 60],
  ['Staff trained', 1200],
  ['Partner agreements signed', 12],
  ['Systems integrated', 8],
  ['Cases closed', 300],
] as const;
const RISKS = [
  'Contract award delayed by a protest; the vendor cannot start until the protest is resolved.',
  'Two key positions are vacant and hiring is behind plan.',
  'Funding for the next phase is not yet approved in the spend plan.',
  'A partner agency has not signed the data-sharing agreement.',
  'Equipment deliveries slipped by six weeks because of supply-chain shortages.',
] as const;
/** What the office is doing about each risk above, in the same order (Mitigation / Next Steps). */
const MITIGATIONS = [
  'Legal is answering the protest; a bridge task order keeps the current vendor on until the award.',
  'Two details from headquarters fill the gap; the vacancies are advertised with a recruitment incentive.',
  'The phase is re-sequenced so the funded half goes first; the request is in the next spend plan review.',
  'An interim memorandum lets data flow for the pilot while the agreement is negotiated.',
  'A second supplier is qualified and installation crews are rescheduled to the new delivery dates.',
] as const;

/** Which trajectory an activity's entry follows over the twelve months. */
type Story = 'steady' | 'slips-and-recovers' | 'off-track' | 'completes' | 'late-start';

function storyOf(office: string, activity: KeyActivity): Story {
  const roll = hashText(`${office}:${activity.id}:story`) % 20;
  if (roll === 0) return 'off-track';
  if (roll <= 2) return 'slips-and-recovers';
  if (roll <= 4) return 'completes';
  if (roll === 5) return 'late-start';
  return 'steady';
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function dayOfFollowingMonth(period: Period, day: number, hourUtc: number): Date {
  const [year, month] = addMonths(period, 1).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hourUtc, 0, 0));
}

/**
 * Twelve months of realistic office submissions: progress that moves, activities that slip and
 * recover (with what is being done about it), a few off track, some completing, some sent again
 * unchanged; one office late one month, one office silent one month, and one rejected workbook
 * corrected by a resubmission. Deterministic for a given seed.
 */
export function buildDemoScenario(catalog: Catalog, options: DemoScenarioOptions): DemoScenario {
  const seed = options.seed ?? 2024;
  const offices = catalog.offices.map((office) => office.code);
  const firstPeriod = addMonths(options.lastPeriod, -(MONTHS - 1));
  // Offices that carry the scripted events (the CBP catalog: AMO late, OT silent, USBP rejected).
  const lateOffice = offices[2 % offices.length] as string;
  const silentOffice = offices[3 % offices.length] as string;
  const rejectedOffice = offices[1 % offices.length] as string;
  const lateMonth = 6;
  const silentMonth = 8;
  const rejectedMonth = 9;
  const events = [
    `${lateOffice} submits ${addMonths(firstPeriod, lateMonth)} after the deadline: the month is reported without it, then again with it`,
    `${silentOffice} does not submit ${addMonths(firstPeriod, silentMonth)}: its entries are carried forward and marked`,
    `${rejectedOffice}'s first ${addMonths(firstPeriod, rejectedMonth)} workbook is rejected, then corrected and accepted`,
  ];

  const months: DemoMonth[] = [];
  for (let index = 0; index < MONTHS; index++) {
    const period = addMonths(firstPeriod, index);
    const reportAt = dayOfFollowingMonth(period, options.deadlineDay + 1, 12);
    const onTime: DemoSubmission[] = [];
    const late: DemoSubmission[] = [];
    const notes: string[] = [];
    offices.forEach((office, officeIndex) => {
      if (office === silentOffice && index === silentMonth) {
        notes.push(`${office} did not submit`);
        return;
      }
      const rows = catalog
        .activitiesOf(office)
        .map((activity) => rowFor(office, activity, index, period, seed));
      const uploader = `${office.toLowerCase()}.submitter@example.gov`;
      const submittedAt = dayOfFollowingMonth(
        period,
        2 + (officeIndex % Math.max(1, options.deadlineDay - 2)),
        14,
      );
      if (office === lateOffice && index === lateMonth) {
        late.push({
          office,
          period,
          submittedAt: dayOfFollowingMonth(period, options.deadlineDay + 4, 15),
          uploader,
          rows,
          expected: 'accepted',
          story: 'late submission',
        });
        notes.push(`${office} submitted after the deadline`);
        return;
      }
      if (office === rejectedOffice && index === rejectedMonth) {
        onTime.push({
          office,
          period,
          submittedAt,
          uploader,
          rows: withMistakes(rows),
          expected: 'rejected',
          story: 'workbook with mistakes',
        });
        onTime.push({
          office,
          period,
          submittedAt: new Date(submittedAt.getTime() + 26 * 3600 * 1000),
          uploader,
          rows,
          expected: 'accepted',
          story: 'corrected resubmission',
        });
        notes.push(`${office}'s first workbook was rejected and corrected`);
        return;
      }
      onTime.push({ office, period, submittedAt, uploader, rows, expected: 'accepted', story: 'on time' });
    });
    onTime.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    months.push({ period, onTime, reportAt, late, notes });
  }
  return { months, events };
}

/** The entry of one office on one activity in month `index` (0 = first month of the demo). */
function rowFor(
  office: string,
  activity: KeyActivity,
  index: number,
  period: Period,
  seed: number,
): DemoRowValues {
  // Some entries are sent again month after month as they were: nobody looked at them.
  if (index > 0 && staysUnchanged(office, activity, index))
    return rowFor(office, activity, index - 1, addMonths(period, -1), seed);
  const random = seededRandom(hashText(`${seed}:${office}:${activity.id}`));
  const start = random.integer(0, 30);
  const rate = 3 + random.next() * 5;
  const story = storyOf(office, activity);
  const wobble = seededRandom(hashText(`${seed}:${office}:${activity.id}:${index}`)).integer(-2, 2);

  let percent = start + rate * index + wobble;
  let status: string;
  let risks: string | undefined;
  const riskIndex = hashText(`${office}:${activity.id}:risk`) % RISKS.length;
  const risk = RISKS[riskIndex] as string;
  switch (story) {
    case 'slips-and-recovers': {
      const stalled = index >= 3 && index <= 5;
      percent = start + rate * Math.min(index, 3) + (index > 5 ? rate * 1.5 * (index - 5) : 0) + wobble;
      status = stalled ? 'At Risk' : 'On Track';
      if (stalled) risks = risk;
      break;
    }
    case 'off-track': {
      percent = start + rate * Math.min(index, 6) * 0.8 + wobble;
      status = index >= 7 ? 'Off Track' : index >= 5 ? 'At Risk' : 'On Track';
      if (index >= 5) risks = risk;
      break;
    }
    case 'completes': {
      percent = Math.min(100, start + 12 * (index + 1));
      status = percent >= 100 ? 'Complete' : 'On Track';
      break;
    }
    case 'late-start': {
      percent = index < 2 ? 0 : rate * (index - 1);
      status = index < 2 ? 'Not Started' : 'On Track';
      break;
    }
    default:
      status = 'On Track';
  }
  percent = Math.max(0, Math.min(story === 'completes' ? 100 : 95, Math.round(percent)));
  if (status === 'Complete') percent = 100;
  if (status === 'Not Started') percent = 0;

  const metricIndex = hashText(`${activity.id}:metric`) % (METRICS.length * 2);
  const metric = metricIndex < METRICS.length ? METRICS[metricIndex] : undefined;
  const { last } = periodBounds(period);
  const due = new Date(`${last}T00:00:00Z`);
  // Off-track entries keep a milestone that is already past due; others look ahead.
  due.setUTCDate(due.getUTCDate() + (status === 'Off Track' ? -20 : 15 + (hashText(activity.id) % 45)));

  return {
    activityId: activity.id,
    status,
    percentComplete: percent,
    ...(metric
      ? { metric: metric[0], target: metric[1], actual: Math.round((metric[1] * percent) / 100) }
      : {}),
    ...(status !== 'Complete'
      ? {
          nextMilestone: `Milestone ${Math.floor(percent / 20) + 1} for ${activity.id}`,
          milestoneDue: isoDate(due),
        }
      : {}),
    accomplishments:
      status === 'Not Started'
        ? 'Planning under way; work begins next quarter.'
        : `Progress on ${activity.id} reached ${percent}% this month.`,
    ...(risks ? { risksAndIssues: risks, mitigation: MITIGATIONS[riskIndex] as string } : {}),
    pointOfContact: `${office.toLowerCase()}.lead@example.gov`,
  };
}

/** About one steady entry in four, in any month, repeats the month before word for word. */
function staysUnchanged(office: string, activity: KeyActivity, index: number): boolean {
  return (
    storyOf(office, activity) === 'steady' &&
    hashText(`${office}:${activity.id}:${index}:unchanged`) % 4 === 0
  );
}

/** The same rows with the mistakes people make: a status not in the list, a percent over 100, a risk without text. */
function withMistakes(rows: readonly DemoRowValues[]): DemoRowValues[] {
  return rows.map((row, index) => {
    if (index === 0) return { ...row, status: 'Done' };
    if (index === 1) return { ...row, percentComplete: 120 };
    if (index === 2) {
      const { risksAndIssues: _dropped, ...rest } = row;
      return { ...rest, status: 'At Risk' };
    }
    return row;
  });
}
