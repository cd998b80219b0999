import type { Content, TableCell } from 'pdfmake/interfaces';
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
import { type DrawableText, heading, type PdfBrief, statusCell, summaryTable, table } from '../pdf-blocks';
import { keepTogether } from './keep-together';

/** One section per goal, each following on from the one before. */
export function goalSections({ model, t }: PdfBrief): Content[] {
  return model.goals.flatMap((goal) => goalSection(t, goal));
}

/** A goal: its summary, its mission areas and objectives, then every key activity's entries. */
export function goalSection(t: DrawableText, section: GoalSection): Content[] {
  return [
    keepTogether(
      heading(t, section.label, 1),
      summaryTable(t, 'Goal', [{ label: section.label, summary: section.goal }]),
    ),
    ...(section.missionAreas.length > 0
      ? [
          keepTogether(
            heading(t, 'Mission areas of this goal', 3),
            summaryTable(
              t,
              'Mission area',
              section.missionAreas.map((area) => ({ label: area.title, summary: area })),
            ),
          ),
        ]
      : []),
    // Up to eight rows: let it split rather than leave most of a page empty.
    heading(t, 'Objectives', 3),
    summaryTable(
      t,
      'Objective',
      section.objectives.map((objective) => ({ label: objective.label, summary: objective.objective })),
    ),
    ...section.objectives.flatMap((objective) => objectiveDetail(t, objective)),
  ];
}

/** An objective's heading, kept with its first key activity, then the rest of its activities. */
function objectiveDetail(t: DrawableText, objective: ObjectiveSection): Content[] {
  const [first, ...rest] = objective.activities.map((activity) => activityBlock(t, activity));
  const title = heading(t, `Objective ${objective.label}`, 2);
  return [first ? keepTogether(title, first) : title, ...rest];
}

/** A key activity's line and its entries (one row per office), kept on one page when short. */
function activityBlock(t: DrawableText, section: ActivitySection): Content {
  const { activity } = section;
  return {
    stack: [
      {
        text: [
          { text: t(`${activity.id} `), bold: true },
          t(activity.text),
          { text: t(`  (${activityProgress(section)})`), style: 'muted' },
        ],
        style: 'activity',
      },
      table(
        t,
        ENTRY_HEADERS,
        [
          ...section.entries.map((entry) => entryCells(t, entry)),
          ...section.notReported.map((office) => notReportedCells(t, office)),
        ],
        [34, 62, 48, 48, '*', '*'],
      ),
    ],
    unbreakable: section.entries.length + section.notReported.length <= 8,
  };
}

function entryCells(t: DrawableText, entry: SnapshotRow): TableCell[] {
  return [
    { text: t(entry.office) },
    { text: t(entrySource(entry)) },
    statusCell(t, entry.status),
    { text: formatPercent(entry.percentComplete), style: 'cellNumber' },
    { text: t(entryMetric(entry)) },
    { text: t(entryMilestone(entry)) },
  ];
}

function notReportedCells(t: DrawableText, office: string): TableCell[] {
  return [
    { text: t(office) },
    { text: 'not reported' },
    statusCell(t, 'Not Reported'),
    { text: NO_DATA, style: 'cellNumber' },
    { text: '' },
    { text: '' },
  ];
}
