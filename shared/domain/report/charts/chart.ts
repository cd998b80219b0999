import { formatPercent } from '../display-format';
import type { TrendSeries } from '../report-model';

/**
 * A chart as the reports draw it: vector SVG (pdfmake draws it into the PDF, the HTML inlines it)
 * plus everything a reader who cannot see it needs: a title, a one-paragraph description and the
 * data as a table (the HTML's text alternative; the PDF prints the same figures beside it).
 */
export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly table: {
    readonly caption: string;
    readonly columns: readonly string[];
    /** The first cell of each row is its header. */
    readonly rows: readonly (readonly string[])[];
  };
}

/** The chart's drawing: `parts` inside an SVG element of the chart's size. */
export const svgDocument = (width: number, height: number, parts: readonly string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;

/** The data of a percent-by-period chart as a table: a row per series, a column per period. */
export function percentByPeriodTable(
  caption: string,
  periods: readonly string[],
  series: readonly TrendSeries[],
): Chart['table'] {
  return {
    caption: `${caption}: percent complete by period`,
    columns: ['', ...periods],
    rows: series.map((entry) => [entry.label, ...entry.values.map((value) => formatPercent(value))]),
  };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Fixed two decimals: coordinates print the same on every machine. */
export const coordinate = (value: number) => value.toFixed(2);

/** How every chart is sized: its width and its text size, in the units of the page that draws it. */
export interface ChartScale {
  readonly width: number;
  readonly fontSize: number;
}

/** The PDF draws charts at the content width in points with 8-point text (nothing smaller). */
export const PDF_CHART_SCALE: ChartScale = { width: 512, fontSize: 8 };

/**
 * An estimate of how wide `text` is at `fontSize` (no font metrics in pure code: an average glyph
 * is taken as 0.55 em, generous for the sans-serif fonts the reports use, so an estimate errs wide).
 */
export const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.55;

/**
 * A label broken into lines that each fit `width` at `fontSize`, at spaces where it can be (a
 * single word longer than the width is split): a chart never cuts a name short.
 */
export function wrapLabel(label: string, width: number, fontSize: number): string[] {
  const capacity = Math.max(4, Math.floor(width / (fontSize * 0.55)));
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter((part) => part !== '')) {
    let rest = word;
    while (rest.length > capacity) {
      if (line !== '') lines.push(line);
      lines.push(rest.slice(0, capacity));
      rest = rest.slice(capacity);
      line = '';
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= capacity) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Lines of text from `y` down, one `<tspan>` per line, each `lineHeight` below the one before. */
export function textLines(
  lines: readonly string[],
  at: { x: number; y: number; fontSize: number; lineHeight: number; anchor?: 'start' | 'middle' | 'end' },
): string {
  const anchor = at.anchor && at.anchor !== 'start' ? ` text-anchor="${at.anchor}"` : '';
  const spans = lines
    .map(
      (line, index) =>
        `<tspan x="${coordinate(at.x)}" y="${coordinate(at.y + index * at.lineHeight)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<text font-size="${at.fontSize}"${anchor} fill="#000000">${spans}</text>`;
}
