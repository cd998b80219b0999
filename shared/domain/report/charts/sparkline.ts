import { formatPercent } from '../display-format';
import { type Chart, coordinate, percentByPeriodTable, svgDocument } from './chart';

/** How big a sparkline is drawn: in points in the PDF, in pixels in the HTML. */
export interface SparklineSize {
  readonly width: number;
  readonly height: number;
}

export const PDF_SPARKLINE: SparklineSize = { width: 64, height: 12 };

/**
 * A word-sized trend: percent complete per period, scaled to the series' own range (at least 20
 * points tall, so a flat line stays flat) to show its direction and pace, and a dot on the latest
 * value; the percent column beside it gives the level. No text in it; its description says what it shows
 * (a tagged PDF and the HTML give that as its alternative text), and its table lists every value.
 */
export function sparkline(options: {
  id: string;
  label: string;
  periods: readonly string[];
  values: readonly (number | null)[];
  size?: SparklineSize;
}): Chart {
  const { width, height } = options.size ?? PDF_SPARKLINE;
  const pad = 2;
  const count = options.values.length;
  const xOf = (index: number) =>
    pad + (count <= 1 ? (width - 2 * pad) / 2 : (index / (count - 1)) * (width - 2 * pad));
  const known = options.values.filter((value): value is number => value !== null);
  const low = Math.max(0, Math.min(...known, 100) - 1);
  const span = Math.max(20, Math.max(...known, 0) - low);
  const yOf = (value: number) => height - pad - ((value - low) / span) * (height - 2 * pad);
  const runs: string[][] = [[]];
  options.values.forEach((value, index) => {
    if (value === null) runs.push([]);
    else runs[runs.length - 1]?.push(`${coordinate(xOf(index))},${coordinate(yOf(value))}`);
  });
  const lastIndex = options.values.length - 1;
  const last = options.values[lastIndex];
  const parts = [
    `<line x1="${pad}" y1="${coordinate(height - 0.5)}" x2="${coordinate(width - pad)}" y2="${coordinate(height - 0.5)}" stroke="#BDBDBD" stroke-width="0.5"/>`,
    ...runs
      .filter((run) => run.length > 1)
      .map((run) => `<polyline points="${run.join(' ')}" fill="none" stroke="#0B2545" stroke-width="1.2"/>`),
    ...(last === null || last === undefined
      ? []
      : [
          `<circle cx="${coordinate(xOf(lastIndex))}" cy="${coordinate(yOf(last))}" r="1.8" fill="#0B2545"/>`,
        ]),
  ];
  return {
    id: options.id,
    title: `${options.label}: trend`,
    description: sparklineDescription(options.label, options.periods, options.values),
    svg: svgDocument(width, height, parts),
    width,
    height,
    table: percentByPeriodTable(options.label, options.periods, [
      { label: options.label, values: options.values },
    ]),
  };
}

function sparklineDescription(
  label: string,
  periods: readonly string[],
  values: readonly (number | null)[],
): string {
  const known = values
    .map((value, index) => ({ value, period: periods[index] }))
    .filter((point) => point.value !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return `${label}: no percent complete recorded in the last ${periods.length} periods.`;
  if (first === last)
    return `${label}: ${formatPercent(last.value)} complete in ${last.period}, the only period with a figure.`;
  return `${label}: percent complete from ${formatPercent(first.value)} in ${first.period} to ${formatPercent(last.value)} in ${last.period}.`;
}
