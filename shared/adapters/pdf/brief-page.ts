import type { Content, DynamicContent, TDocumentDefinitions, TDocumentInformation } from 'pdfmake/interfaces';
import {
  briefDescription,
  briefDocumentTitle,
  briefRunningTitle,
  coverFactsLine,
} from '../../domain/report/brief-wording';
import type { PdfBrief } from './pdf-blocks';
import type { StructureTag } from './structure-tags';

/** US Letter with room for the running header and footer. */
export const PAGE_MARGINS: [number, number, number, number] = [50, 62, 50, 58];
export const CONTENT_WIDTH = 612 - PAGE_MARGINS[0] - PAGE_MARGINS[2];

/**
 * A tagged PDF/A-2a document (PDF 1.7: pdfmake writes XMP metadata only from 1.7 on), declared
 * PDF/UA-1 too (brief-pdf.ts), whose viewer shows the title rather than the file name.
 */
export const PAGE_SETUP = {
  pageSize: 'LETTER',
  pageMargins: PAGE_MARGINS,
  version: '1.7',
  subset: 'PDF/A-2a',
  tagged: true,
  displayTitle: true,
  language: 'en-US',
  compress: true,
} as const satisfies Partial<TDocumentDefinitions>;

/**
 * The same pages untagged: PDF/A-2b, no structure. Only the reference the render bench measures
 * tagging's cost against (bench/render.bench.ts): the blocks' tags and heading levels change
 * nothing pdfmake draws (test/unit/adapters/pdf/pdfmake-structure-hooks.test.ts).
 */
export const UNTAGGED_SETUP = {
  subset: 'PDF/A-2b',
  tagged: false,
  displayTitle: false,
} as const satisfies Partial<TDocumentDefinitions>;

/** Running headers and footers (title, page numbers, the marking banner) are not content: a screen reader skips them. */
const PAGINATION: StructureTag = { role: 'Artifact', type: 'Pagination' };
/** What page 1's margins say once: the marking banner at its top, the facts of this version at its foot. */
const CONTENT: StructureTag = { role: 'P' };
/** Where the header draws the marking banner: its left margin, 18 points from the top. */
const BANNER_POSITION = { x: PAGE_MARGINS[0], y: 18 };

/** Title, subject and keywords for search and screen readers; every date is the generated date. */
export function documentInfo({ model, t }: PdfBrief): TDocumentInformation {
  const generated = new Date(model.generatedAt);
  return {
    title: t(briefDocumentTitle(model)),
    subject: t(briefDescription(model)),
    author: 'strategy-report',
    creator: 'strategy-report',
    producer: 'strategy-report (pdfmake)',
    keywords: t(`strategy status report ${model.period} ${model.catalog.id} ${model.catalog.version}`),
    creationDate: generated,
    modDate: generated,
  };
}

/**
 * The marking banner (when configured) above every page, and the running title from page 2 on.
 * Page 1's banner is drawn by `firstPageBanner` instead, in the same place.
 */
export function pageHeader({ model, t }: PdfBrief): DynamicContent {
  const banner = model.markingBanner ? t(model.markingBanner) : undefined;
  const runningTitle = t(briefRunningTitle(model));
  return (currentPage) => ({
    tag: PAGINATION,
    margin: [BANNER_POSITION.x, BANNER_POSITION.y, PAGE_MARGINS[2], 0],
    stack:
      currentPage === 1
        ? []
        : [
            ...(banner ? [{ text: banner, style: 'banner' }] : []),
            { columns: [{ text: runningTitle, style: 'running' }] },
          ],
  });
}

/**
 * Page 1's marking banner, where the header draws it on every other page, but as the document's
 * first content: a screen reader skips the running banners (artifacts) and reads this one first.
 * pdfmake draws headers after a page's content, so a banner in page 1's header would be read last.
 */
export function firstPageBanner({ model, t }: PdfBrief): Content[] {
  if (!model.markingBanner) return [];
  return [{ text: t(model.markingBanner), style: 'banner', absolutePosition: BANNER_POSITION, tag: CONTENT }];
}

/**
 * Where the brief comes from and "Page N of M" on every page (on page 1 the facts of this version:
 * generated, data as of, catalog, snapshot), then the marking banner again. All pagination but
 * page 1's facts, which are said nowhere else: content, read after page 1's dashboard.
 */
export function pageFooter({ model, t }: PdfBrief): DynamicContent {
  const banner = model.markingBanner ? t(model.markingBanner) : undefined;
  const facts = t(coverFactsLine(model));
  const source = t(`Generated ${model.generatedOn} from snapshot v${model.snapshot.version}`);
  return (currentPage, pageCount) => ({
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
    stack: [
      {
        columns: [
          currentPage === 1
            ? { text: facts, style: 'running', width: '*', tag: CONTENT }
            : { text: source, style: 'running', width: '*', tag: PAGINATION },
          {
            text: `Page ${currentPage} of ${pageCount}`,
            style: 'running',
            alignment: 'right',
            width: 70,
            tag: PAGINATION,
          },
        ],
      },
      ...(banner
        ? [{ text: banner, style: 'banner', margin: [0, 4, 0, 0], tag: PAGINATION } as Content]
        : []),
    ],
  });
}
