import { formatPercent } from '../display-format';
import type { TrendSeries } from '../report-model';
import {
  type Chart,
  type ChartScale,
  coordinate,
  escapeXml,
  PDF_CHART_SCALE,
  percentByPeriodTable,
  svgDocument,
  textLines,
  textWidth,
  wrapLabel,
} from './chart';

/** Okabe–Ito colours (safe for the common colour-vision deficiencies) with a dash pattern each, so no line relies on colour alone. */
const SERIES_STYLES = [
  { colour: '#000000', dash: '', width: 2 },
  { colour: '#0072B2', dash: '', width: 1.2 },
  { colour: '#D55E00', dash: '5 2', width: 1.2 },
  { colour: '#009E73', dash: '2 2', width: 1.2 },
  { colour: '#CC79A7', dash: '7 2 2 2', width: 1.2 },
  { colour: '#E69F00', dash: '1 2', width: 1.2 },
  { colour: '#56B4E9', dash: '9 3', width: 1.2 },
] as const;

/** Sizes in units of the chart's font size, so a chart drawn with larger text keeps its proportions. */
const LEFT = 4.2;
const RIGHT = 1.25;
const TOP = 1;
const PLOT_HEIGHT = 18.75;
const AXIS_LABELS = 3.5;
const LEGEND_LINE = 1.3;
const LEGEND_GAP = 0.3;
const SWATCH = 2.25;

/** Where things go: x of a period's index, y of a percent, and the legend's columns. */
interface TrendLayout {
  readonly fontSize: number;
  readonly left: number;
  readonly plotWidth: number;
  readonly plotBottom: number;
  readonly legendColumns: number;
  xOf(index: number): number;
  yOf(value: number): number;
}

/**
 * Percent complete per period, one line per series, y from 0 to 100 %. A period without a figure
 * breaks the line rather than inventing one. Period labels that would collide are thinned out from
 * the latest backwards (the table under the chart has every one); legend names wrap, never cut.
 */
export function trendLineChart(options: {
  id: string;
  title: string;
  periods: readonly string[];
  series: readonly TrendSeries[];
  scale?: ChartScale;
}): Chart {
  const { width, fontSize } = options.scale ?? PDF_CHART_SCALE;
  const layout = trendLayout(width, fontSize, options.periods.length);
  const legend = legendMarks(layout, options.series, width);
  const height = Math.ceil(legend.bottom + fontSize * 0.5);
  const parts = [
    ...axisMarks(layout, options.periods),
    ...options.series.flatMap((series, index) => seriesMarks(layout, series, index)),
    ...legend.parts,
  ];
  const count = options.periods.length;
  const range = count === 0 ? 'no periods' : `${options.periods[0]} to ${options.periods[count - 1]}`;
  return {
    id: options.id,
    title: options.title,
    description: `Line chart of percent complete per period, ${range}, one line per series. Latest values: ${options.series.map(latestValue).join('; ')}.`,
    svg: svgDocument(width, height, parts),
    width,
    height,
    table: percentByPeriodTable(options.title, options.periods, options.series),
  };
}

function trendLayout(width: number, fontSize: number, count: number): TrendLayout {
  const left = fontSize * LEFT;
  const plotWidth = width - left - fontSize * RIGHT;
  // Inset so the first and last period labels, centred on their points, stay inside the chart.
  const inset = textWidth('0000-00', fontSize) / 2 + 2;
  const top = fontSize * TOP;
  // Text grows with the font; the plot need not: it keeps to a sensible share of the width.
  const plotHeight = Math.min(fontSize * PLOT_HEIGHT, width * 0.42);
  return {
    fontSize,
    left,
    plotWidth,
    plotBottom: top + plotHeight,
    legendColumns: width >= 400 ? 2 : 1,
    xOf: (index) =>
      left +
      inset +
      (count <= 1 ? (plotWidth - 2 * inset) / 2 : (index / (count - 1)) * (plotWidth - 2 * inset)),
    yOf: (value) => top + plotHeight - (value / 100) * plotHeight,
  };
}

/** Grid lines at every quarter with their percent, and the period labels under the plot. */
function axisMarks(layout: TrendLayout, periods: readonly string[]): string[] {
  const { fontSize, left, plotWidth, xOf, yOf } = layout;
  // Every `step`-th period, counted back from the latest, so neighbouring labels never overlap.
  const spacing = periods.length > 1 ? Math.abs(xOf(1) - xOf(0)) : plotWidth;
  const step = Math.max(1, Math.ceil((textWidth('0000-00', fontSize) + fontSize) / spacing));
  return [
    ...[0, 25, 50, 75, 100].flatMap((tick) => [
      `<line x1="${coordinate(left)}" y1="${coordinate(yOf(tick))}" x2="${coordinate(left + plotWidth)}" y2="${coordinate(yOf(tick))}" stroke="${tick === 0 ? '#616161' : '#D6D6D6'}" stroke-width="0.5"/>`,
      `<text x="${coordinate(left - fontSize * 0.5)}" y="${coordinate(yOf(tick) + fontSize * 0.36)}" font-size="${fontSize}" text-anchor="end" fill="#000000">${tick}%</text>`,
    ]),
    ...periods
      .map((period, index) => ({ period, index }))
      .filter(({ index }) => (periods.length - 1 - index) % step === 0)
      .map(
        ({ period, index }) =>
          `<text x="${coordinate(xOf(index))}" y="${coordinate(layout.plotBottom + fontSize * 1.5)}" font-size="${fontSize}" text-anchor="middle" fill="#000000">${escapeXml(period)}</text>`,
      ),
  ];
}

const styleOf = (seriesIndex: number) =>
  SERIES_STYLES[seriesIndex % SERIES_STYLES.length] ?? SERIES_STYLES[0];
const dashOf = (style: (typeof SERIES_STYLES)[number]) =>
  style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;

/** A series: a polyline per unbroken run of values and a dot per value. */
function seriesMarks(layout: TrendLayout, series: TrendSeries, seriesIndex: number): string[] {
  const { xOf, yOf } = layout;
  const style = styleOf(seriesIndex);
  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      parts.push(
        `<polyline points="${run.join(' ')}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${dashOf(style)}/>`,
      );
    run = [];
  };
  series.values.forEach((value, index) => {
    if (value === null) {
      flush();
      return;
    }
    run.push(`${coordinate(xOf(index))},${coordinate(yOf(value))}`);
    parts.push(
      `<circle cx="${coordinate(xOf(index))}" cy="${coordinate(yOf(value))}" r="1.8" fill="${style.colour}"/>`,
    );
  });
  flush();
  return parts;
}

/** A line sample and the whole name of each series, in rows of `legendColumns`, names wrapped to fit. */
function legendMarks(
  layout: TrendLayout,
  series: readonly TrendSeries[],
  width: number,
): { parts: string[]; bottom: number } {
  const { fontSize, legendColumns } = layout;
  const columnWidth = width / legendColumns;
  const sample = fontSize * SWATCH;
  const lineHeight = fontSize * LEGEND_LINE;
  const parts: string[] = [];
  let rowTop = layout.plotBottom + fontSize * AXIS_LABELS;
  for (let first = 0; first < series.length; first += legendColumns) {
    let rowLines = 1;
    series.slice(first, first + legendColumns).forEach((entry, column) => {
      const index = first + column;
      const style = styleOf(index);
      const x = column * columnWidth;
      const lines = wrapLabel(entry.label, columnWidth - sample - fontSize * 1.5, fontSize);
      rowLines = Math.max(rowLines, lines.length);
      parts.push(
        `<line x1="${coordinate(x)}" y1="${coordinate(rowTop + fontSize * 0.6)}" x2="${coordinate(x + sample)}" y2="${coordinate(rowTop + fontSize * 0.6)}" stroke="${style.colour}" stroke-width="${style.width}"${dashOf(style)}/>`,
        textLines(lines, {
          x: x + sample + fontSize * 0.5,
          y: rowTop + fontSize * 0.9,
          fontSize,
          lineHeight,
        }),
      );
    });
    rowTop += rowLines * lineHeight + fontSize * LEGEND_GAP;
  }
  return { parts, bottom: rowTop };
}
function latestValue(series: TrendSeries): string {
  const last = series.values.length > 0 ? series.values[series.values.length - 1] : null;
  return `${series.label} ${formatPercent(last ?? null)}`;
}
