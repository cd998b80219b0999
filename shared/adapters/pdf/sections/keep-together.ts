import type { Content } from 'pdfmake/interfaces';

/**
 * A heading and the short block it introduces, kept on one page (pdfmake moves an unbreakable stack
 * whole to the next page rather than split it). For a block that may run longer than a page, leave
 * the heading on its own, or use `leadIn`: the document's page-break hook (brief-document.ts) moves
 * a heading left alone at a page's foot.
 */
export const keepTogether = (...nodes: Content[]): Content => ({ stack: nodes, unbreakable: true });

/**
 * Marks a stack the page-break hook (brief-document.ts) moves to the next page when nothing it
 * heads follows it on its page. A style name with no style: of a node's own properties, pdfmake
 * passes `pageBreakBefore` only a few (its id, style, headlineLevel…), and this is one that says
 * nothing else.
 */
export const KEEP_WITH_NEXT = 'keepWithNext';

/** A heading kept with what follows it: moved to the next page rather than left alone at a page's foot. */
export const keepWithNext = (...nodes: Content[]): Content => ({ stack: nodes, style: KEEP_WITH_NEXT });

/**
 * A heading with its introducing sentence, before a block that may run longer than a page: kept
 * together, and moved to the next page with that block when nothing of the block fits after it.
 */
export const leadIn = (...nodes: Content[]): Content => ({
  stack: nodes,
  unbreakable: true,
  style: KEEP_WITH_NEXT,
});
