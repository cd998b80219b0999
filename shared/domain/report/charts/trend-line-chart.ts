import { formatPercent } from '../display-format';
import type { TrendSeries } from '../report-model';
import { type Chart, coordinate, escapeXml, fitLabel } from './chart';

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

const FONT = 8;
const LEFT = 34;
const RIGHT = 10;
const TOP = 8;
const PLOT_HEIGHT = 150;
const AXIS_LABELS = 28;
const LEGEND_ROW = 12;

/** Where things go: x of a period's index, y of a percent, and the legend's columns. */
interface TrendLayout {
  readonly plotWidth: number;
  readonly legendColumns: number;
  xOf(index: number): number;
  yOf(value: number): number;
}

/**
 * Percent complete per period, one line per series, y from 0 to 100 %. A period without a figure
 * breaks the line rather than inventing one.
 */
export function trendLineChart(options: {
  id: string;
  title: string;
  periods: readonly string[];
  series: readonly TrendSeries[];
  width?: number;
}): Chart {
  const width = options.width ?? 512;
  const layout = trendLayout(width, options.periods.length);
  const legendRows = Math.ceil(options.series.length / layout.legendColumns);
  const height = TOP + PLOT_HEIGHT + AXIS_LABELS + legendRows * LEGEND_ROW + 4;
  const parts = [
    ...axisMarks(layout, options.periods),
    ...options.series.flatMap((series, index) => seriesMarks(layout, series, index)),
  ];
  const count = options.periods.length;
  const range = count === 0 ? 'no periods' : `${options.periods[0]} to ${options.periods[count - 1]}`;
  return {
    id: options.id,
    title: options.title,
    description: `Line chart of percent complete per period, ${range}, one line per series. Latest values: ${options.series.map(latestValue).join('; ')}.`,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`,
    width,
    height,
    table: {
      caption: `${options.title}: percent complete by period`,
      columns: ['', ...options.periods],
      rows: options.series.map((series) => [
        series.label,
        ...series.values.map((value) => formatPercent(value)),
      ]),
    },
  };
}

function trendLayout(width: number, count: number): TrendLayout {
  const plotWidth = width - LEFT - RIGHT;
  // Inset so the first and last period labels, centred on their points, stay inside the chart.
  const inset = 18;
  return {
    plotWidth,
    legendColumns: 2,
    xOf: (index) =>
      LEFT +
      inset +
      (count <= 1 ? (plotWidth - 2 * inset) / 2 : (index / (count - 1)) * (plotWidth - 2 * inset)),
    yOf: (value) => TOP + PLOT_HEIGHT - (value / 100) * PLOT_HEIGHT,
  };
}

/** Grid lines at every quarter with their percent, and the period labels under the plot. */
function axisMarks({ plotWidth, xOf, yOf }: TrendLayout, periods: readonly string[]): string[] {
  return [
    ...[0, 25, 50, 75, 100].flatMap((tick) => [
      `<line x1="${coordinate(LEFT)}" y1="${coordinate(yOf(tick))}" x2="${coordinate(LEFT + plotWidth)}" y2="${coordinate(yOf(tick))}" stroke="${tick === 0 ? '#616161' : '#D6D6D6'}" stroke-width="0.5"/>`,
      `<text x="${coordinate(LEFT - 4)}" y="${coordinate(yOf(tick) + 3)}" font-size="${FONT}" text-anchor="end" fill="#000000">${tick}%</text>`,
    ]),
    ...periods.map(
      (period, index) =>
        `<text x="${coordinate(xOf(index))}" y="${coordinate(TOP + PLOT_HEIGHT + 12)}" font-size="${FONT - 1}" text-anchor="middle" fill="#000000">${escapeXml(period)}</text>`,
    ),
  ];
}

/** A series: a polyline per unbroken run of values, a dot per value, and its legend entry. */
function seriesMarks(layout: TrendLayout, series: TrendSeries, seriesIndex: number): string[] {
  const { xOf, yOf } = layout;
  const style = SERIES_STYLES[seriesIndex % SERIES_STYLES.length] ?? SERIES_STYLES[0];
  const dash = style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`;
  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      parts.push(
        `<polyline points="${run.join(' ')}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${dash}/>`,
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
  const columnWidth = layout.plotWidth / layout.legendColumns;
  const legendX = LEFT + (seriesIndex % layout.legendColumns) * columnWidth;
  const legendY =
    TOP + PLOT_HEIGHT + AXIS_LABELS + Math.floor(seriesIndex / layout.legendColumns) * LEGEND_ROW;
  parts.push(
    `<line x1="${coordinate(legendX)}" y1="${coordinate(legendY - 3)}" x2="${coordinate(legendX + 18)}" y2="${coordinate(legendY - 3)}" stroke="${style.colour}" stroke-width="${style.width}"${dash}/>`,
    `<text x="${coordinate(legendX + 22)}" y="${coordinate(legendY)}" font-size="${FONT}" fill="#000000">${escapeXml(fitLabel(series.label, columnWidth - 26, FONT))}</text>`,
  );
  return parts;
}

function latestValue(series: TrendSeries): string {
  const last = series.values.length > 0 ? series.values[series.values.length - 1] : null;
  return `${series.label} ${formatPercent(last ?? null)}`;
}
