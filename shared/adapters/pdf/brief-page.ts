import type { Content, DynamicContent, TDocumentDefinitions, TDocumentInformation } from 'pdfmake/interfaces';
import { briefDescription, briefDocumentTitle, briefRunningTitle } from '../../domain/report/brief-wording';
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
 * The brief as it was before it was tagged (issue 15): PDF/A-2b, no structure. Only to reproduce
 * reports rendered then, byte for byte: the blocks' tags and heading levels change nothing
 * pdfmake draws (test/unit/adapters/pdf/pdfmake-structure-hooks.test.ts).
 */
export const UNTAGGED_SETUP = {
  subset: 'PDF/A-2b',
  tagged: false,
  displayTitle: false,
} as const satisfies Partial<TDocumentDefinitions>;

/** Running headers and footers (title, page numbers, the marking banner) are not content: a screen reader skips them. */
const PAGINATION: StructureTag = { role: 'Artifact', type: 'Pagination' };

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

/** The marking banner (when configured) above every page, and the running title from page 2 on. */
export function pageHeader({ model, t }: PdfBrief): DynamicContent {
  const banner = model.markingBanner ? t(model.markingBanner) : undefined;
  const runningTitle = t(briefRunningTitle(model));
  return (currentPage) => ({
    tag: PAGINATION,
    margin: [PAGE_MARGINS[0], 18, PAGE_MARGINS[2], 0],
    stack: [
      ...(banner ? [{ text: banner, style: 'banner' }] : []),
      ...(currentPage === 1 ? [] : [{ columns: [{ text: runningTitle, style: 'running' }] }]),
    ],
  });
}

/** Where the brief comes from and "Page N of M" on every page, then the marking banner again. */
export function pageFooter({ model, t }: PdfBrief): DynamicContent {
  const banner = model.markingBanner ? t(model.markingBanner) : undefined;
  return (currentPage, pageCount) => ({
    tag: PAGINATION,
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
    stack: [
      {
        columns: [
          {
            text: t(`Generated ${model.generatedOn} from snapshot v${model.snapshot.version}`),
            style: 'running',
          },
          { text: `Page ${currentPage} of ${pageCount}`, style: 'running', alignment: 'right' },
        ],
      },
      ...(banner ? [{ text: banner, style: 'banner', margin: [0, 4, 0, 0] } as Content] : []),
    ],
  });
}
