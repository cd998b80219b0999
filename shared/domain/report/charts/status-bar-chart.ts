import type { CountedStatus } from '../../rollup/rollup-snapshot';
import { formatPercent } from '../display-format';
import type { StatusBar } from '../report-model';
import { statusColours } from '../status-palette';
import {
  type Chart,
  type ChartScale,
  coordinate,
  escapeXml,
  PDF_CHART_SCALE,
  svgDocument,
  textLines,
  textWidth,
  wrapLabel,
} from './chart';

/** Stacking order: finished work first, then the healthy, the troubled, and what is unknown. */
export const STACK_ORDER: readonly CountedStatus[] = [
  'Complete',
  'On Track',
  'At Risk',
  'Off Track',
  'Not Started',
  'Not Reported',
];

/** Sizes in units of the chart's font size, so a chart drawn with larger text keeps its proportions. */
const LINE = 1.25;
const BAR = 1.75;
const GAP = 0.9;

/**
 * 100 % stacked horizontal bars: each bar is one level's entries split by status, so levels of
 * different sizes compare by share; the entry count is printed at the bar's end and every segment
 * wide enough carries its count. Each bar's name is printed whole above it (wrapped when long), and
 * the legend flows onto as many lines as the width needs.
 */
export function statusBarChart(options: {
  id: string;
  title: string;
  bars: readonly StatusBar[];
  scale?: ChartScale;
}): Chart {
  const { width, fontSize } = options.scale ?? PDF_CHART_SCALE;
  const plotWidth = width - textWidth('n=000', fontSize) - 4;
  const parts: string[] = [];
  let y = 0;
  for (const bar of options.bars) {
    const lines = wrapLabel(bar.label, width, fontSize);
    parts.push(textLines(lines, { x: 0, y: y + fontSize, fontSize, lineHeight: fontSize * LINE }));
    y += lines.length * fontSize * LINE + fontSize * 0.3;
    parts.push(...barMarks(bar, y, plotWidth, fontSize));
    y += fontSize * (BAR + GAP);
  }
  const legend = legendMarks(y + fontSize * 0.2, width, fontSize);
  parts.push(...legend.parts);
  const height = Math.ceil(legend.bottom + fontSize * 0.4);
  return {
    id: options.id,
    title: options.title,
    description: `Stacked bars, one per level, splitting its entries by status. ${options.bars.map(describeBar).join('. ')}.`,
    svg: svgDocument(width, height, parts),
    width,
    height,
    table: {
      caption: `${options.title}: entries by status`,
      columns: ['', ...STACK_ORDER, 'Entries', 'Share complete or on track'],
      rows: options.bars.map(barRow),
    },
  };
}

const totalOf = (bar: StatusBar) => STACK_ORDER.reduce((sum, status) => sum + bar.counts[status], 0);

/** One bar from height `y`: a segment per status with its count where it fits, and n=total after it. */
function barMarks(bar: StatusBar, y: number, plotWidth: number, fontSize: number): string[] {
  const total = totalOf(bar);
  const barHeight = fontSize * BAR;
  const textY = coordinate(y + barHeight / 2 + fontSize * 0.36);
  const parts: string[] = [];
  let x = 0;
  for (const status of STACK_ORDER) {
    const count = bar.counts[status];
    if (count === 0 || total === 0) continue;
    const segment = (count / total) * plotWidth;
    parts.push(
      `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(segment)}" height="${coordinate(barHeight)}" fill="${statusColours(status).mark}" stroke="#FFFFFF" stroke-width="0.5"/>`,
    );
    if (segment >= textWidth(String(count), fontSize) + 4) {
      const dark = status === 'Not Reported' || status === 'At Risk' || status === 'On Track';
      parts.push(
        `<text x="${coordinate(x + segment / 2)}" y="${textY}" font-size="${fontSize}" text-anchor="middle" fill="${dark ? '#000000' : '#FFFFFF'}">${count}</text>`,
      );
    }
    x += segment;
  }
  if (total === 0)
    parts.push(
      `<rect x="0" y="${coordinate(y)}" width="${coordinate(plotWidth)}" height="${coordinate(barHeight)}" fill="#FFFFFF" stroke="#9E9E9E" stroke-width="0.5"/>`,
    );
  parts.push(
    `<text x="${coordinate(plotWidth + 4)}" y="${textY}" font-size="${fontSize}" fill="#000000">n=${total}</text>`,
  );
  return parts;
}

/** A swatch and name per status, flowing onto a new line when the next would not fit. */
function legendMarks(top: number, width: number, fontSize: number): { parts: string[]; bottom: number } {
  const parts: string[] = [];
  const swatch = fontSize;
  const lineHeight = fontSize * 1.5;
  let x = 0;
  let y = top;
  for (const status of STACK_ORDER) {
    const itemWidth = swatch + fontSize * 0.4 + textWidth(status, fontSize);
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += lineHeight;
    }
    parts.push(
      `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(swatch)}" height="${coordinate(swatch)}" fill="${statusColours(status).mark}"/>`,
      `<text x="${coordinate(x + swatch + fontSize * 0.4)}" y="${coordinate(y + swatch * 0.86)}" font-size="${fontSize}" fill="#000000">${escapeXml(status)}</text>`,
    );
    x += itemWidth + fontSize;
  }
  return { parts, bottom: y + swatch };
}

function describeBar(bar: StatusBar): string {
  const nonZero = STACK_ORDER.filter((status) => bar.counts[status] > 0).map(
    (status) => `${bar.counts[status]} ${status}`,
  );
  return `${bar.label}: ${totalOf(bar)} entries${nonZero.length > 0 ? `, ${nonZero.join(', ')}` : ''}`;
}

function barRow(bar: StatusBar): string[] {
  const total = totalOf(bar);
  const healthy = bar.counts.Complete + bar.counts['On Track'];
  return [
    bar.label,
    ...STACK_ORDER.map((status) => String(bar.counts[status])),
    String(total),
    total === 0 ? formatPercent(null) : formatPercent((healthy / total) * 100),
  ];
}
