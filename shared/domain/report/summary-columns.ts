import type { LevelSummary } from '../rollup/rollup-snapshot';
import { formatPercent, formatPointChange, formatRatio } from './display-format';

/**
 * The columns of every level summary table (goals, mission areas, objectives, offices), shared by
 * the PDF and the HTML so both show the same figures in the same order.
 */
export const SUMMARY_HEADERS = [
  'Status',
  '% complete',
  'Change',
  'Reported',
  'Carried forward',
  'Missing',
  'Expected',
  'Metric attainment',
  'Likelihood',
] as const;

/** A column some summary tables add after the shared ones. */
export interface ExtraSummaryColumn {
  readonly header: string;
  readonly cell: (summary: LevelSummary) => string;
}

/** Reported entries with the same answers as last period (snapshots of schema version 2 on). */
export const UNCHANGED_COLUMN: ExtraSummaryColumn = {
  header: 'Unchanged',
  cell: (summary) => (summary.unchanged === undefined ? '' : String(summary.unchanged)),
};

export function summaryCells(summary: LevelSummary): string[] {
  return [
    summary.status,
    formatPercent(summary.percentComplete),
    formatPointChange(summary.change.percentDelta),
    String(summary.reported),
    String(summary.carriedForward),
    String(summary.missing),
    String(summary.expected),
    formatRatio(summary.metricAttainment),
    summary.likelihood,
  ];
}
