import type { Content, DynamicContent, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { printableText } from '../../domain/report/report-text';
import type { PackBlock, PackCell, PackDocument, PackSection } from '../../domain/review/pack-document';
import { headingLeftAlone, withHeadingsKeptWithNext } from '../pdf/brief-document';
import { PAGE_MARGINS, PAGE_SETUP } from '../pdf/brief-page';
import { renderPdfA } from '../pdf/brief-pdf';
import { briefStyles, DEFAULT_STYLE } from '../pdf/brief-styles';
import { type DrawableText, heading, paragraph, statusCell, table } from '../pdf/pdf-blocks';
import { pdfFonts } from '../pdf/pdf-fonts';
import { keepTogether } from '../pdf/sections/keep-together';
import type { StructureTag } from '../pdf/structure-tags';

export interface QuarterlyPackPdfOptions {
  /** The pack's generated instant (ISO): its only date, so the same inputs give the same bytes. */
  readonly generatedAt: string;
  readonly rendererVersion: string;
}

/** The style of a fact ("Label: value"): the brief's bodySmall under a name of its own. */
const FACT = 'fact';

/** Tables of at most this many rows are kept on one page with their caption. */
const SHORT_TABLE_ROWS = 8;

const PAGINATION: StructureTag = { role: 'Artifact', type: 'Pagination' };

/**
 * The quarterly review pack as a tagged PDF/UA-1 and PDF/A-2a document, made by the monthly
 * brief's pipeline (renderPdfA, its page setup, styles, blocks and structure tagging): page 1 the
 * summary, then one section per part of the pack, each starting a page.
 */
export async function renderQuarterlyPackPdf(
  pack: PackDocument,
  options: QuarterlyPackPdfOptions,
): Promise<Buffer> {
  const t: DrawableText = (value) => pdfFonts().drawable(printableText(value ?? ''));
  const generated = new Date(options.generatedAt);
  const definition: TDocumentDefinitions = {
    ...PAGE_SETUP,
    pageMargins: [...PAGE_MARGINS],
    info: {
      title: t(pack.title),
      subject: t(
        `${pack.subtitle}: progress, trend, likelihood, risk category, contributors, improvement strategies, next steps and data quality per goal, objective and mission area`,
      ),
      author: 'strategy-report',
      creator: 'strategy-report',
      producer: `strategy-report ${options.rendererVersion} (pdfmake)`,
      keywords: t(`quarterly performance review ${pack.subtitle}`),
      creationDate: generated,
      modDate: generated,
    },
    header: runningHeader(t, pack),
    footer: runningFooter(t, options),
    content: withHeadingsKeptWithNext([
      ...summaryPage(t, pack),
      ...pack.sections.flatMap((section) => sectionContent(t, section)),
    ]),
    pageBreakBefore: headingLeftAlone,
    defaultStyle: DEFAULT_STYLE(),
    styles: { ...briefStyles(), [FACT]: { fontSize: 9, margin: [0, 0, 0, 3] } },
  };
  return renderPdfA(definition);
}

function summaryPage(t: DrawableText, pack: PackDocument): Content[] {
  return [
    { text: t(pack.subtitle), style: 'planTitle' },
    { ...heading(t, pack.title, 1), margin: [0, 0, 0, 6] },
    ...pack.summary.blocks.flatMap((block) => blockContent(t, block)),
  ];
}

function sectionContent(t: DrawableText, section: PackSection): Content[] {
  return [
    { ...heading(t, section.title, 1), pageBreak: 'before' },
    ...section.blocks.flatMap((block) => blockContent(t, block)),
  ];
}

function blockContent(t: DrawableText, block: PackBlock): Content[] {
  switch (block.kind) {
    case 'heading':
      return [heading(t, block.text, block.level)];
    case 'paragraph':
      return [paragraph(t, block.text, block.style === 'lead' ? 'body' : (block.style ?? 'body'))];
    case 'facts':
      // Facts are what a heading heads (style FACT), not an introduction: a heading followed by
      // facts alone stays on its page (brief-document.ts, headingLeftAlone).
      return block.items.map(
        (item): Content => ({
          text: [{ text: `${t(item.label)}: `, bold: true }, t(item.value)],
          style: FACT,
          tag: { role: 'P' },
        }),
      );
    case 'table': {
      const caption: Content = {
        text: t(block.table.caption),
        style: 'h3',
        margin: [0, 4, 0, 2],
        tag: { role: 'P' },
      };
      const body = table(
        t,
        block.table.headers,
        block.table.rows.map((row) => row.map((cell) => cellContent(t, cell))),
        [...block.table.widths],
      );
      // A short table moves to the next page whole with its caption; a long one keeps its caption
      // (the page-break hook moves a caption left alone at a page's foot).
      return block.table.rows.length <= SHORT_TABLE_ROWS ? [keepTogether(caption, body)] : [caption, body];
    }
  }
}

function cellContent(t: DrawableText, cell: PackCell): TableCell {
  if (typeof cell === 'string') return { text: t(cell) };
  if (cell.status !== undefined) return statusCell(t, cell.text);
  return { text: t(cell.text), style: cell.number ? 'cellNumber' : cell.hash ? 'mono' : undefined };
}

function runningHeader(t: DrawableText, pack: PackDocument): DynamicContent {
  const title = t(pack.runningTitle);
  return (currentPage) => ({
    tag: PAGINATION,
    margin: [PAGE_MARGINS[0], 24, PAGE_MARGINS[2], 0],
    stack: currentPage === 1 ? [] : [{ text: title, style: 'running' }],
  });
}

function runningFooter(t: DrawableText, options: QuarterlyPackPdfOptions): DynamicContent {
  const source = t(
    `Generated ${options.generatedAt.slice(0, 10)} by strategy-report ${options.rendererVersion}`,
  );
  return (currentPage, pageCount) => ({
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
    columns: [
      { text: source, style: 'running', width: '*', tag: PAGINATION },
      {
        text: `Page ${currentPage} of ${pageCount}`,
        style: 'running',
        alignment: 'right',
        width: 70,
        tag: PAGINATION,
      },
    ],
  });
}
