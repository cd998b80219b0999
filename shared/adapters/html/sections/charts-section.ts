import { BRIEF_TITLES } from '../../../domain/report/brief-wording';
import type { Chart } from '../../../domain/report/charts/chart';
import { type HtmlBrief, type HtmlSection, numberCell, tableHtml } from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/** The charts (the mission-area ones only when the plan has mission areas), each a figure with its text alternative. */
export function chartsSection({ model, charts }: HtmlBrief): HtmlSection {
  const areas = model.missionAreas.length > 0;
  return {
    id: 'charts',
    title: BRIEF_TITLES.charts,
    html: [
      charts.statusByGoal,
      ...(areas ? [charts.statusByMissionArea] : []),
      charts.trendByGoal,
      ...(areas ? [charts.trendByMissionArea] : []),
    ]
      .map(chartFigure)
      .join('\n'),
  };
}

/**
 * A chart as a figure: the SVG labelled by its own title and description (role="img"), a visible
 * caption and description, and its data as a table for readers who cannot see it.
 */
export function chartFigure(chart: Chart): string {
  const titleId = `${chart.id}-title`;
  const descriptionId = `${chart.id}-desc`;
  const svg = chart.svg
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${titleId} ${descriptionId}" focusable="false" `)
    .replace(
      /^(<svg[^>]*>)/,
      `$1<title id="${titleId}">${e(chart.title)}</title><desc id="${descriptionId}">${e(chart.description)}</desc>`,
    );
  return `<figure aria-labelledby="${chart.id}-caption">
<figcaption id="${chart.id}-caption">${e(chart.title)}</figcaption>
${svg}
<p class="muted">${e(chart.description)}</p>
${tableHtml(
  chart.table.caption,
  chart.table.columns.map((column, index) => (index === 0 ? 'Level' : column)),
  chart.table.rows.map((row) => row.map((cell, index) => (index === 0 ? cell : numberCell(cell)))),
)}
</figure>`;
}
