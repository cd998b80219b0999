import type { CountedStatus } from '../../rollup/rollup-snapshot';
import { formatPercent } from '../display-format';
import type { StatusBar } from '../report-model';
import { statusColours } from '../status-palette';
import { type Chart, coordinate, escapeXml, fitLabel } from './chart';

/** Stacking order: finished work first, then the healthy, the troubled, and what is unknown. */
export const STACK_ORDER: readonly CountedStatus[] = [
  'Complete',
  'On Track',
  'At Risk',
  'Off Track',
  'Not Started',
  'Not Reported',
];

const FONT = 8;
const ROW = 22;
const BAR = 14;
const LABEL_WIDTH = 150;
const TOTAL_WIDTH = 40;
const LEGEND_HEIGHT = 26;

/**
 * 100 % stacked horizontal bars: each bar is one level's entries split by status, so levels of
 * different sizes compare by share; the entry count is printed at the bar's end and every segment
 * wide enough carries its count.
 */
export function statusBarChart(options: {
  id: string;
  title: string;
  bars: readonly StatusBar[];
  width?: number;
}): Chart {
  const width = options.width ?? 512;
  const plotWidth = width - LABEL_WIDTH - TOTAL_WIDTH;
  const height = options.bars.length * ROW + LEGEND_HEIGHT + 6;
  const parts = [
    ...options.bars.flatMap((bar, index) => barMarks(bar, index * ROW + 4, plotWidth)),
    ...legendMarks(options.bars.length * ROW + 10),
  ];
  return {
    id: options.id,
    title: options.title,
    description: `Stacked bars, one per level, splitting its entries by status. ${options.bars.map(describeBar).join('. ')}.`,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`,
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

/** One bar at height `y`: its label, a segment per status with its count where it fits, and n=total. */
function barMarks(bar: StatusBar, y: number, plotWidth: number): string[] {
  const total = totalOf(bar);
  const textY = coordinate(y + BAR / 2 + FONT / 2 - 1);
  const parts = [
    `<text x="${coordinate(LABEL_WIDTH - 6)}" y="${textY}" font-size="${FONT}" text-anchor="end" fill="#000000">${escapeXml(fitLabel(bar.label, LABEL_WIDTH - 8, FONT))}</text>`,
  ];
  let x = LABEL_WIDTH;
  for (const status of STACK_ORDER) {
    const count = bar.counts[status];
    if (count === 0 || total === 0) continue;
    const segment = (count / total) * plotWidth;
    parts.push(
      `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(segment)}" height="${BAR}" fill="${statusColours(status).mark}" stroke="#FFFFFF" stroke-width="0.5"/>`,
    );
    if (segment >= String(count).length * FONT * 0.6 + 4) {
      const dark = status === 'Not Reported' || status === 'At Risk' || status === 'On Track';
      parts.push(
        `<text x="${coordinate(x + segment / 2)}" y="${textY}" font-size="${FONT}" text-anchor="middle" fill="${dark ? '#000000' : '#FFFFFF'}">${count}</text>`,
      );
    }
    x += segment;
  }
  if (total === 0)
    parts.push(
      `<rect x="${coordinate(LABEL_WIDTH)}" y="${coordinate(y)}" width="${coordinate(plotWidth)}" height="${BAR}" fill="#FFFFFF" stroke="#9E9E9E" stroke-width="0.5"/>`,
    );
  parts.push(
    `<text x="${coordinate(LABEL_WIDTH + plotWidth + 4)}" y="${textY}" font-size="${FONT}" fill="#000000">n=${total}</text>`,
  );
  return parts;
}

/** A swatch and name per status, in one row at height `y`. */
function legendMarks(y: number): string[] {
  const parts: string[] = [];
  let x = LABEL_WIDTH;
  for (const status of STACK_ORDER) {
    parts.push(
      `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="8" height="8" fill="${statusColours(status).mark}"/>`,
      `<text x="${coordinate(x + 11)}" y="${coordinate(y + 7)}" font-size="${FONT}" fill="#000000">${escapeXml(status)}</text>`,
    );
    x += 14 + status.length * FONT * 0.5 + 8;
  }
  return parts;
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
