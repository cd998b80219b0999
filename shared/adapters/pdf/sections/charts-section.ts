import type { Content } from 'pdfmake/interfaces';
import { BRIEF_TITLES } from '../../../domain/report/brief-wording';
import type { Chart } from '../../../domain/report/charts/chart';
import { TABLE_LAYOUT } from '../brief-styles';
import { chartDrawing, type DrawableText, headerCells, type PdfBrief, sectionHeading } from '../pdf-blocks';

/** The four charts (two without mission areas), each with its figures printed beneath it. */
export function chartsSection({ model, charts, t }: PdfBrief): Content[] {
  const byMissionArea = model.missionAreas.length > 0;
  return [
    sectionHeading(t, BRIEF_TITLES.charts),
    chartFigure(t, charts.statusByGoal),
    ...(byMissionArea ? [chartFigure(t, charts.statusByMissionArea)] : []),
    chartFigure(t, charts.trendByGoal),
    ...(byMissionArea ? [chartFigure(t, charts.trendByMissionArea)] : []),
  ];
}

/** A chart's title, its vector drawing and its data as a table, kept on one page. */
export function chartFigure(t: DrawableText, chart: Chart): Content {
  return {
    stack: [{ text: t(chart.title), style: 'h3' }, chartDrawing(chart), chartTable(t, chart)],
    unbreakable: true,
    margin: [0, 0, 0, 10],
  };
}

function chartTable(t: DrawableText, chart: Chart): Content {
  return {
    style: 'tableSmall',
    table: {
      headerRows: 1,
      // Many narrow period columns share the width evenly; a few count columns get a fixed width.
      widths:
        chart.table.columns.length > 9
          ? [64, ...chart.table.columns.slice(1).map(() => '*')]
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
    layout: TABLE_LAYOUT,
  };
}
