import type { Content } from 'pdfmake/interfaces';

/**
 * A heading and the short block it introduces, kept on one page (pdfmake moves an unbreakable stack
 * whole to the next page rather than split it). For a block that may run longer than a page, leave
 * the heading on its own, or use `leadIn`: the document's page-break hook (brief-document.ts) moves
 * a heading left alone at a page's foot.
 */
export const keepTogether = (...nodes: Content[]): Content => ({ stack: nodes, unbreakable: true });

/**
 * A heading with its introducing sentence, before a block that may run longer than a page: kept
 * together, and moved to the next page with that block when nothing of the block fits after it.
 */
export const leadIn = (...nodes: Content[]): Content => ({
  stack: nodes,
  unbreakable: true,
  headlineLevel: 1,
});
