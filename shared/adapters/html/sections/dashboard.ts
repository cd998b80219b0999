import {
  BRIEF_TITLES,
  CHANGE_SIDES,
  changeLine,
  changesHeading,
  completenessLine,
  DASHBOARD_GOALS_TITLE,
  DASHBOARD_MISSION_AREA_HEADER,
  DASHBOARD_RISK_HEADERS,
  DASHBOARD_TILES,
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
  TOP_RISKS_CAPTION,
  topRisksHeading,
} from '../../../domain/report/brief-wording';
import type { Chart } from '../../../domain/report/charts/chart';
import type { ChangeItem, DashboardLevel } from '../../../domain/report/dashboard';
import { formatPercent, formatPointChange } from '../../../domain/report/display-format';
import { statusClass } from '../brief-html-style';
import {
  type Cell,
  type HtmlBrief,
  type HtmlSection,
  numberCell,
  statusCell,
  tableHtml,
} from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/**
 * The brief at a glance, first on the page: what page 1 of the PDF shows, in the same words: the
 * overall status, percent complete and its change, who reported; each goal and mission area with
 * its status, percent, change and trend; the top risks; and what changed most.
 */
export function dashboard(brief: HtmlBrief): HtmlSection {
  const { model, charts } = brief;
  const areas = model.dashboard.missionAreas;
  return {
    id: 'at-a-glance',
    title: BRIEF_TITLES.dashboard,
    html: [
      tiles(brief),
      `<p>${e(completenessLine(model))}</p>`,
      `<h3>${e(dashboardLevelsTitle(model))}</h3>`,
      levelTable(
        DASHBOARD_GOALS_TITLE,
        dashboardLevelHeaders(model),
        model.dashboard.goals,
        charts.goalTrends,
      ),
      ...(areas.length > 0
        ? [
            levelTable(
              'Mission areas',
              [DASHBOARD_MISSION_AREA_HEADER, ...dashboardLevelHeaders(model).slice(1)],
              areas,
              charts.missionAreaTrends,
            ),
          ]
        : []),
      `<h3>${e(topRisksHeading(model))}</h3>`,
      topRisks(brief),
      `<h3>${e(changesHeading(model))}</h3>`,
      changes(brief),
    ].join('\n'),
  };
}

function tiles({ model }: HtmlBrief): string {
  const tile = (label: string, figure: string, note: string, className = '') =>
    `<div><dt>${e(label)}</dt><dd class="figure${className ? ` ${className}` : ''}">${e(figure)}</dd><dd>${e(note)}</dd></div>`;
  return `<dl class="tiles">
${tile(DASHBOARD_TILES.status, model.agency.status, `likelihood of finishing on time: ${model.agency.likelihood}`, statusClass(model.agency.status))}
${tile(DASHBOARD_TILES.percent, formatPercent(model.agency.percentComplete), percentChangeLine(model))}
${tile(DASHBOARD_TILES.offices, officesFigure(model), officesMissingLine(model))}
</dl>`;
}

/** An inline trend: the sparkline, named by its description (its values are in the charts' tables). */
const sparklineHtml = (chart: Chart) =>
  chart.svg.replace(
    /^<svg /,
    `<svg class="sparkline" role="img" aria-label="${e(chart.description)}" focusable="false" `,
  );

function levelTable(
  caption: string,
  headers: readonly string[],
  levels: readonly DashboardLevel[],
  trends: readonly Chart[],
): string {
  return tableHtml(
    caption,
    headers,
    levels.map((level, index): Cell[] => {
      const trend = trends[index];
      return [
        level.label,
        statusCell(level.summary.status),
        numberCell(formatPercent(level.summary.percentComplete)),
        numberCell(formatPointChange(level.summary.change.percentDelta)),
        { html: trend ? sparklineHtml(trend) : '' },
      ];
    }),
    { compact: true },
  );
}

function topRisks({ model }: HtmlBrief): string {
  const risks = model.executiveSummary.topRisks;
  if (risks.length === 0) return `<p>${e(NOTHING_AT_RISK)}</p>`;
  return tableHtml(
    TOP_RISKS_CAPTION,
    DASHBOARD_RISK_HEADERS,
    risks.map((entry): Cell[] => [
      { html: `<a href="#risk-${entry.rank}">${entry.rank}</a>` },
      entry.office,
      riskActivityLine(entry),
      statusCell(entry.status),
      numberCell(formatPercent(entry.percentComplete)),
      { html: `<span class="narrative">${e(riskNarrativeLine(entry))}</span>` },
    ]),
  );
}

function changes({ model }: HtmlBrief): string {
  const { changes } = model.dashboard;
  if (!model.dashboard.previousPeriod) return `<p>${e(NO_EARLIER_PERIOD)}</p>`;
  const side = (title: string, items: readonly ChangeItem[], more: number, empty: string, extra?: string) =>
    `<div><h4>${e(title)}</h4><ul>${[
      ...(items.length === 0 ? [empty] : items.map(changeLine)),
      ...(more > 0 ? [moreChangesLine(more)] : []),
      ...(extra ? [extra] : []),
    ]
      .map((line) => `<li>${e(line)}</li>`)
      .join('')}</ul></div>`;
  return `<div class="changes">
${side(CHANGE_SIDES.improved, changes.improved, changes.moreImproved, NOTHING_IMPROVED)}
${side(
  CHANGE_SIDES.worsened,
  changes.worsened,
  changes.moreWorsened,
  nothingWorsened(model),
  changes.leastProgress ? leastProgressLine(changes.leastProgress) : undefined,
)}
</div>`;
}
