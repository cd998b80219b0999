import type { Period } from '../period';
import { periodBounds } from '../period';
import { formatPercent, formatPeriodLong } from '../report/display-format';
import type { RenderContext } from '../report/report-model';
import type { LevelSummary, RollupSnapshot } from '../rollup/rollup-snapshot';
import { keyActivityIndicator, officeStakeholder } from './catalog-to-stratml';
import { catalogIdentifier, elementIdentifier } from './stratml-conventions';
import type { MeasurementInstance, StratmlDocument } from './stratml-document';

/** percentComplete as an xsd:decimal: two places at most, never an exponent. */
function decimal(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** One line on a level's status, for the OtherInformation of goals and objectives. */
function statusLine(level: LevelSummary): string {
  return `Status ${level.status}, ${formatPercent(level.percentComplete)} complete; ${level.reported} of ${level.expected} entries reported, ${level.carriedForward} carried forward, ${level.missing} missing; likelihood of finishing on time: ${level.likelihood}.`;
}

/**
 * A report version as a StratML Part 2 Performance_Report for its period (docs/stratml.md,
 * "report.stratml.xml"): the plan as the snapshot records it, and for each key activity a
 * performance indicator whose measurement instance holds the target (100 percent complete,
 * status Complete) and the actual result of the period (its first and last days, percent
 * complete, the status as a descriptor). Built from the stored snapshot and the render context
 * only, so the same report always gives the same document.
 */
export function reportToStratml(snapshot: RollupSnapshot, context: RenderContext): StratmlDocument {
  const { first } = periodBounds(snapshot.period as Period);
  const objectivesOf = (goalId: string) =>
    snapshot.objectives.filter((objective) => objective.goalId === goalId);
  const activitiesOf = (objectiveId: string) =>
    snapshot.keyActivities.filter((activity) => activity.objectiveId === objectiveId);
  const measurement = (activity: RollupSnapshot['keyActivities'][number]): MeasurementInstance => ({
    targets: [
      {
        numberOfUnits: '100',
        descriptor: { name: 'Status', value: 'Complete' },
        description: 'The key activity complete: 100 percent by the end of the plan.',
      },
    ],
    actuals: [
      {
        startDate: first,
        endDate: snapshot.asOf,
        ...(activity.percentComplete !== null ? { numberOfUnits: decimal(activity.percentComplete) } : {}),
        descriptor: { name: 'Status', value: activity.status },
        description: `${formatPercent(activity.percentComplete)} complete as of ${snapshot.asOf}; ${activity.reported} of ${activity.expected} office entries reported, ${activity.carriedForward} carried forward, ${activity.missing} missing; likelihood of finishing on time: ${activity.likelihood}.`,
      },
    ],
  });

  return {
    root: 'PerformancePlanOrReport',
    type: 'Performance_Report',
    name: `${snapshot.catalog.title}: Performance Report, ${formatPeriodLong(snapshot.period)}`,
    description: `The status of each key activity of the plan for ${snapshot.period}, as of ${snapshot.asOf}: overall ${snapshot.agency.status}, ${formatPercent(snapshot.agency.percentComplete)} complete.`,
    otherInformation: `Generated ${context.generatedAt} by strategy-report from rollup snapshot version ${context.snapshotVersion} (SHA-256 ${context.snapshotSha256}) of catalog ${snapshot.catalog.id} version ${snapshot.catalog.version}. Percent complete is weighted as docs/status-rules.md describes; the PDF brief and workbook of the same report give the detail by office.`,
    organizations: [{ stakeholders: snapshot.offices.map((office) => officeStakeholder(office)) }],
    values: [],
    goals: snapshot.goals.map((goal) => ({
      name: goal.title,
      identifier: elementIdentifier.goal(goal.id),
      sequenceIndicator: goal.id,
      stakeholders: [],
      otherInformation: statusLine(goal),
      objectives: objectivesOf(goal.id).map((objective) => ({
        name: objective.title,
        identifier: elementIdentifier.objective(objective.id),
        sequenceIndicator: objective.id,
        stakeholders: [],
        otherInformation: statusLine(objective),
        indicators: activitiesOf(objective.id).map((activity) =>
          keyActivityIndicator(activity, [measurement(activity)]),
        ),
      })),
    })),
    administrativeInformation: {
      identifier: catalogIdentifier(snapshot.catalog.id, snapshot.catalog.version),
      startDate: first,
      endDate: snapshot.asOf,
      publicationDate: context.generatedAt.slice(0, 10),
    },
  };
}
