import type { Content, TableCell } from 'pdfmake/interfaces';
import {
  CHANGE_SIDES,
  changeLine,
  changesHeading,
  completenessLine,
  DASHBOARD_MISSION_AREA_HEADER,
  DASHBOARD_RISK_HEADERS,
  DASHBOARD_TILES,
  dashboardHeading,
  dashboardLevelHeaders,
  dashboardLevelsTitle,
  leastProgressLine,
  moreChangesLine,
  NO_EARLIER_PERIOD,
  NOTHING_AT_RISK,
  NOTHING_IMPROVED,
  nothingWorsened,
  officesFigure,
  officesMissingLine,
  percentChangeLine,
  riskActivityLine,
  riskNarrativeLine,
  supersedesNotice,
  topRisksHeading,
} from '../../../domain/report/brief-wording';
import type { Chart } from '../../../domain/report/charts/chart';
import type { ChangeItem, DashboardLevel } from '../../../domain/report/dashboard';
import { formatPercent, formatPointChange } from '../../../domain/report/display-format';
import { statusColours } from '../../../domain/report/status-palette';
import {
  chartDrawing,
  type DrawableText,
  heading,
  type PdfBrief,
  paragraph,
  statusCell,
  table,
} from '../pdf-blocks';

/**
 * Page 1: the whole picture on one page. The overall status, percent complete and its change, and
 * who reported; one row per goal and per mission area with status, percent, change and a small
 * trend; the top five risks in a line each; and what changed most. The facts of this version
 * (generated, data as of, catalog, snapshot) are its footer line (brief-page.ts). Every later page is detail.
 */
export function dashboardPage(brief: PdfBrief): Content[] {
  const { model, t } = brief;
  const notice = supersedesNotice(model);
  return [
    { text: t(model.title), style: 'planTitle' },
    { ...heading(t, dashboardHeading(model), 1), margin: [0, 0, 0, 6] },
    ...(notice ? [paragraph(t, notice, 'notice')] : []),
    headlineTiles(brief),
    paragraph(t, completenessLine(model)),
    subheading(t, dashboardLevelsTitle(model)),
    levelTable(t, dashboardLevelHeaders(model), model.dashboard.goals, brief.charts.goalTrends),
    ...(model.dashboard.missionAreas.length > 0
      ? [
          levelTable(
            t,
            [DASHBOARD_MISSION_AREA_HEADER, ...dashboardLevelHeaders(model).slice(1)],
            model.dashboard.missionAreas,
            brief.charts.missionAreaTrends,
          ),
        ]
      : []),
    subheading(t, topRisksHeading(model)),
    topRisksTable(brief),
    subheading(t, changesHeading(model)),
    changesColumns(brief),
  ];
}

/** A heading inside the dashboard: level 2, but not listed in the contents (page 1 is listed once). */
const subheading = (t: DrawableText, text: string): Content => ({
  ...heading(t, text, 2),
  tocItem: false,
  margin: [0, 6, 0, 3],
});

/** Overall status, percent complete and offices reported, each a large figure with a note beneath. */
function headlineTiles({ model, t }: PdfBrief): Content {
  const tile = (figure: string, note: string, fill?: string): TableCell => ({
    stack: [
      { text: t(figure), style: 'tileFigure' },
      { text: t(note), style: 'tileNote' },
    ],
    ...(fill ? { fillColor: fill } : {}),
  });
  return table(
    t,
    [DASHBOARD_TILES.status, DASHBOARD_TILES.percent, DASHBOARD_TILES.offices],
    [
      [
        tile(
          model.agency.status,
          `likelihood of finishing on time: ${model.agency.likelihood}`,
          statusColours(model.agency.status).fill,
        ),
        tile(formatPercent(model.agency.percentComplete), percentChangeLine(model)),
        tile(officesFigure(model), officesMissingLine(model)),
      ],
    ],
    ['*', '*', '*'],
    'tile',
    // Three figures, each named by its column header: no row header.
    { rowHeaders: false },
  );
}

/** One row per level: its full name (wrapped, never cut), status, percent, change and trend. */
function levelTable(
  t: DrawableText,
  headers: readonly string[],
  levels: readonly DashboardLevel[],
  trends: readonly Chart[],
): Content {
  return table(
    t,
    headers,
    levels.map((level, index) => {
      const trend = trends[index];
      return [
        { text: t(level.label) },
        statusCell(t, level.summary.status),
        { text: formatPercent(level.summary.percentComplete), style: 'cellNumber' },
        { text: formatPointChange(level.summary.change.percentDelta), style: 'cellNumber' },
        trend ? chartDrawing(trend) : { text: '' },
      ];
    }),
    ['*', 56, 50, 46, 70],
    'dashTable',
  );
}

/** The top risks, a line each: rank, office, activity, status, percent and the office's words, shortened. */
function topRisksTable({ model, t }: PdfBrief): Content {
  const risks = model.executiveSummary.topRisks;
  if (risks.length === 0) return paragraph(t, NOTHING_AT_RISK, 'note');
  return table(
    t,
    DASHBOARD_RISK_HEADERS,
    risks.map((entry) => [
      { text: String(entry.rank) },
      { text: t(entry.office) },
      { text: t(riskActivityLine(entry)) },
      statusCell(t, entry.status),
      { text: formatPercent(entry.percentComplete), style: 'cellNumber' },
      { text: t(riskNarrativeLine(entry)) },
    ]),
    [12, 30, 128, 46, 40, '*'],
    'dashTable',
  );
}

/** Improved beside worsened, a few lines each. */
function changesColumns({ model, t }: PdfBrief): Content {
  const { changes } = model.dashboard;
  if (!model.dashboard.previousPeriod) return paragraph(t, NO_EARLIER_PERIOD);
  const list = (items: readonly ChangeItem[], more: number, empty: string, extra?: string): Content => ({
    ul: [
      ...(items.length === 0 ? [empty] : items.map(changeLine)),
      ...(more > 0 ? [moreChangesLine(more)] : []),
      ...(extra ? [extra] : []),
    ].map((line) => ({ text: t(line), style: 'body' })),
  });
  return {
    columns: [
      {
        stack: [
          heading(t, CHANGE_SIDES.improved, 3),
          list(changes.improved, changes.moreImproved, NOTHING_IMPROVED),
        ],
      },
      {
        stack: [
          heading(t, CHANGE_SIDES.worsened, 3),
          list(
            changes.worsened,
            changes.moreWorsened,
            nothingWorsened(model),
            changes.leastProgress ? leastProgressLine(changes.leastProgress) : undefined,
          ),
        ],
      },
    ],
    columnGap: 16,
  };
}
