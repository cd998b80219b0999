import type { ReportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel, SummaryLine } from '../../domain/report/report-model';
import { SUMMARY_HEADERS, summaryCells } from '../../domain/report/summary-columns';
import { statusClass } from './brief-html-style';
import { escapeHtml as e } from './html-text';

/** What every section of the HTML brief is made from. */
export interface HtmlBrief {
  readonly model: ReportModel;
  readonly charts: ReportCharts;
}

/** A top-level section: listed in the contents, wrapped in `<section>` under an `<h2>` of its title. */
export interface HtmlSection {
  readonly id: string;
  readonly title: string;
  /** The section's body (its `<h3>` headings, tables and figures), after the `<h2>`. */
  readonly html: string;
}

/** A part of the brief: one section, or several (one per goal). */
export type HtmlSectionBuilder = (brief: HtmlBrief) => HtmlSection | readonly HtmlSection[];

/** A table cell: text (escaped here), or markup already escaped with an optional class. */
export type Cell = string | { readonly html: string; readonly className?: string };

export const numberCell = (text: string): Cell => ({ html: e(text), className: 'number' });
export const statusCell = (text: string): Cell => ({ html: e(text), className: statusClass(text) });

/**
 * A captioned table with scoped header cells, the first cell of each row being its header. No
 * rows: a sentence saying so instead of an empty table. A table of more than three columns sits in
 * its own scrolling box (named by its caption, reachable by keyboard, with a shadow at the edge
 * that has more), so on a narrow screen it scrolls sideways and the page does not. A `compact` table
 * narrows to the screen first (its cells wrap), scrolling only when even that is not enough.
 */
export function tableHtml(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: { readonly compact?: boolean } = {},
): string {
  if (rows.length === 0) return `<p class="muted">${e(caption)}: none.</p>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => cellHtml(cell, index === 0)).join('')}</tr>`)
    .join('\n');
  const table = `<table>\n<caption>${e(caption)}</caption>\n<thead><tr>${headers
    .map((header) => `<th scope="col">${e(header)}</th>`)
    .join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  return headers.length <= 3
    ? table
    : `<div class="table-scroll${options.compact ? ' compact' : ''}" role="group" tabindex="0" aria-label="${e(caption)}">\n${table}\n</div>`;
}

function cellHtml(cell: Cell, rowHeader: boolean): string {
  const html = typeof cell === 'string' ? e(cell) : cell.html;
  const className = typeof cell === 'string' ? undefined : cell.className;
  const attribute = className ? ` class="${className}"` : '';
  return rowHeader ? `<th scope="row"${attribute}>${html}</th>` : `<td${attribute}>${html}</td>`;
}

/** Levels (agency, goals, mission areas, objectives, offices) with the shared summary columns. */
export function summaryTable(caption: string, firstHeader: string, lines: readonly SummaryLine[]): string {
  return tableHtml(
    caption,
    [firstHeader, ...SUMMARY_HEADERS],
    lines.map((line) => {
      const cells = summaryCells(line.summary);
      return [line.label, statusCell(cells[0] ?? ''), ...cells.slice(1, 8).map(numberCell), cells[8] ?? ''];
    }),
  );
}
