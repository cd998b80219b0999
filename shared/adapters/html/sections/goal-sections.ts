import {
  activityProgress,
  ENTRY_HEADERS,
  entryMetric,
  entryMilestone,
  entrySource,
} from '../../../domain/report/brief-wording';
import { formatPercent, NO_DATA } from '../../../domain/report/display-format';
import type { ActivitySection, GoalSection, ObjectiveSection } from '../../../domain/report/report-model';
import type { SnapshotRow } from '../../../domain/rollup/rollup-snapshot';
import {
  type Cell,
  type HtmlBrief,
  type HtmlSection,
  numberCell,
  statusCell,
  summaryTable,
  tableHtml,
} from '../html-blocks';
import { escapeHtml as e, htmlId } from '../html-text';

/** One section per goal. */
export const goalSections = ({ model }: HtmlBrief): HtmlSection[] => model.goals.map(goalSection);

/** A goal: its summary, its mission areas and objectives, then every key activity's entries. */
export function goalSection(section: GoalSection): HtmlSection {
  const id = section.goal.id;
  const parts = [
    summaryTable(section.label, 'Goal', [{ label: section.label, summary: section.goal }]),
    ...(section.missionAreas.length > 0
      ? [
          summaryTable(
            `Mission areas of goal ${id}`,
            'Mission area',
            section.missionAreas.map((area) => ({ label: area.title, summary: area })),
          ),
        ]
      : []),
    summaryTable(
      `Objectives of goal ${id}`,
      'Objective',
      section.objectives.map((objective) => ({ label: objective.label, summary: objective.objective })),
    ),
    ...section.objectives.flatMap(objectiveDetail),
  ];
  return { id: htmlId('goal', id), title: section.label, html: parts.join('\n') };
}

const objectiveDetail = (objective: ObjectiveSection): string[] => [
  `<h3 id="${htmlId('objective', objective.objective.id)}">Objective ${e(objective.label)}</h3>`,
  ...objective.activities.map(activityDetail),
];

/** A key activity's heading, its standing and its entries (one row per office). */
function activityDetail(section: ActivitySection): string {
  const { activity } = section;
  return `<h4>${e(activity.id)} ${e(activity.text)}</h4>
<p class="muted">${e(activityProgress(section))}</p>
${tableHtml(`Entries for key activity ${activity.id}`, ENTRY_HEADERS, [
  ...section.entries.map(entryRow),
  ...section.notReported.map(notReportedRow),
])}`;
}

const entryRow = (entry: SnapshotRow): Cell[] => [
  entry.office,
  entrySource(entry),
  statusCell(entry.status),
  numberCell(formatPercent(entry.percentComplete)),
  entryMetric(entry),
  entryMilestone(entry),
];

const notReportedRow = (office: string): Cell[] => [
  office,
  'not reported',
  statusCell('Not Reported'),
  numberCell(NO_DATA),
  '',
  '',
];
