import type { Content, ContentText, TableCell } from 'pdfmake/interfaces';
import type { Chart } from '../../domain/report/charts/chart';
import type { ReportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel, SummaryLine } from '../../domain/report/report-model';
import { statusColours } from '../../domain/report/status-palette';
import { SUMMARY_HEADERS, summaryCells } from '../../domain/report/summary-columns';
import { TABLE_LAYOUT } from './brief-styles';
import type { StructureTag } from './structure-tags';

/** Text from data, made printable and drawable by the embedded fonts (see pdf-fonts.ts). */
export type DrawableText = (value: string | undefined | null) => string;

/** What every section of the PDF brief is made from. */
export interface PdfBrief {
  readonly model: ReportModel;
  readonly charts: ReportCharts;
  readonly t: DrawableText;
}

/**
 * A part of the brief: pdfmake content nodes, in reading order. The tagged PDF's structure comes
 * from them (structure-roles.ts): headings made by `heading` (a `headlineLevel`) become H1–H3,
 * tables Table/TR/TH/TD, `ul`/`ol` lists L/LI, charts drawn by `chartDrawing` Figures with their
 * description as alternative text, other text P. A section built from these blocks is tagged
 * without doing anything else.
 */
export type PdfSection = (brief: PdfBrief) => Content[];

export type HeadingLevel = 1 | 2 | 3;

/**
 * Levels 1 and 2 are listed in the table of contents, and so are bookmarks of the tagged PDF.
 * `headlineLevel` (pdfmake's own property) makes it a heading of the tagged PDF.
 */
export function heading(t: DrawableText, text: string, level: HeadingLevel): ContentText {
  return {
    text: t(text),
    style: `h${level}`,
    headlineLevel: level,
    ...(level < 3 ? { tocItem: true } : {}),
    ...(level === 2 ? { tocMargin: [12, 0, 0, 0] as [number, number, number, number] } : {}),
  };
}

const PARAGRAPH: StructureTag = { role: 'P' };

export const paragraph = (t: DrawableText, text: string, style = 'body'): Content => ({
  text: t(text),
  style,
  tag: PARAGRAPH,
});

export const labelled = (t: DrawableText, label: string, text: string): Content => ({
  text: [{ text: `${label}: `, bold: true }, t(text)],
  style: 'bodySmall',
  tag: PARAGRAPH,
});

/**
 * A chart's vector drawing (any SVG with a description: a chart, a sparkline): a Figure whose
 * alternative text is the description.
 */
export const chartDrawing = (chart: Pick<Chart, 'svg' | 'width' | 'description'>): Content => ({
  svg: chart.svg,
  width: chart.width,
  tag: { role: 'Figure', alt: chart.description },
});

export const statusCell = (t: DrawableText, status: string): TableCell => ({
  text: t(status),
  fillColor: statusColours(status).fill,
});

export const headerCells = (t: DrawableText, labels: readonly string[]): TableCell[] =>
  labels.map((label) => ({ text: t(label), style: 'th' }));

/**
 * A table with one header row, repeated on every page it runs onto; the header never stands alone
 * at a page's foot (it keeps its first row) and no row is split across pages. "None." when there
 * are no rows. Tagged with column headers and, as in the HTML brief, the first cell of each row as
 * its row's header — unless `rowHeaders` is false (a row of figures that the column headers name).
 */
export function table(
  t: DrawableText,
  headers: readonly string[],
  rows: readonly TableCell[][],
  widths: (string | number)[],
  style = 'table',
  { rowHeaders = true }: { rowHeaders?: boolean } = {},
): Content {
  return rows.length === 0
    ? paragraph(t, 'None.', 'note')
    : {
        style,
        tag: { role: 'Table', rowHeaders },
        table: {
          headerRows: 1,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
          widths,
          body: [headerCells(t, headers), ...rows],
        },
        layout: TABLE_LAYOUT,
      };
}

/** Levels (agency, goals, mission areas, objectives, offices) with the shared summary columns. */
export function summaryTable(t: DrawableText, firstHeader: string, lines: readonly SummaryLine[]): Content {
  return table(
    t,
    [firstHeader, ...SUMMARY_HEADERS],
    lines.map((line) => {
      const cells = summaryCells(line.summary);
      return [
        { text: t(line.label) },
        statusCell(t, cells[0] ?? ''),
        ...cells.slice(1).map((cell) => ({ text: t(cell), style: 'cellNumber' })),
      ];
    }),
    ['*', 50, 36, 40, 34, 36, 32, 34, 40, 44],
    'table',
  );
}
