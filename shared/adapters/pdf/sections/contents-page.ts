import type { Content } from 'pdfmake/interfaces';

/**
 * The table of contents, after page 1 (page 1 is the brief itself): pdfmake lists every heading
 * marked `tocItem`, with its page number. The PDF's bookmarks (outline) list the same headings.
 */
export function contentsPage(): Content[] {
  return [{ text: 'Contents', style: 'h1', pageBreak: 'before' }, { toc: { title: { text: '' } } }];
}
