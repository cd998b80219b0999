import type { Content } from 'pdfmake/interfaces';
import { BRIEF_TITLES } from '../../../domain/report/brief-wording';
import type { Chart } from '../../../domain/report/charts/chart';
import { TABLE_LAYOUT } from '../brief-styles';
import { chartDrawing, type DrawableText, headerCells, heading, type PdfBrief } from '../pdf-blocks';
import { keepTogether } from './keep-together';

/** The charts (the mission-area ones only when the plan has mission areas), each with its figures beneath it. */
export function chartsSection({ model, charts, t }: PdfBrief): Content[] {
  const areas = model.missionAreas.length > 0;
  return [
    charts.statusByGoal,
    ...(areas ? [charts.statusByMissionArea] : []),
    charts.trendByGoal,
    ...(areas ? [charts.trendByMissionArea] : []),
  ].flatMap((chart, index) => chartFigure(t, chart, index === 0 ? [heading(t, BRIEF_TITLES.charts, 1)] : []));
}

/**
 * A chart's title and vector drawing, kept on one page (with `lead`, the section heading before
 * the first), then its data as a table, which may go on to the next page, its header repeated,
 * rather than leave most of a page empty.
 */
export function chartFigure(t: DrawableText, chart: Chart, lead: Content[] = []): Content[] {
  return [keepTogether(...lead, heading(t, chart.title, 3), chartDrawing(chart)), chartTable(t, chart)];
}

function chartTable(t: DrawableText, chart: Chart): Content {
  return {
    style: 'tableSmall',
    margin: [0, 4, 0, 12],
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      // Many narrow period columns share the width evenly; a few count columns get a fixed width.
      // The first column holds whole names (wrapped), never cut.
      widths:
        chart.table.columns.length > 9
          ? [92, ...chart.table.columns.slice(1).map(() => '*')]
          : ['*', ...chart.table.columns.slice(1).map(() => 40)],
      body: [
        headerCells(t, chart.table.columns),
        ...chart.table.rows.map((row) =>
          row.map((cell, index) =>
            index === 0 ? { text: t(cell) } : { text: t(cell), style: 'cellNumber' },
          ),
        ),
      ],
    },
    layout: chart.table.columns.length > 9 ? NARROW_TABLE_LAYOUT : TABLE_LAYOUT,
  };
}

/** Twelve periods side by side at 8 points need every point of width: narrower cell padding. */
const NARROW_TABLE_LAYOUT = { ...TABLE_LAYOUT, paddingLeft: () => 1.5, paddingRight: () => 1.5 };
