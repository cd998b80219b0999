import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { printableText } from '../../domain/report/report-text';
import { documentInfo, firstPageBanner, PAGE_SETUP, pageFooter, pageHeader } from './brief-page';
import { briefStyles, DEFAULT_STYLE } from './brief-styles';
import type { PdfBrief, PdfSection } from './pdf-blocks';
import { atRiskDetail } from './sections/at-risk-detail';
import { chartsSection } from './sections/charts-section';
import { contentsPage } from './sections/contents-page';
import { dashboardPage } from './sections/dashboard-page';
import { executiveSummary } from './sections/executive-summary';
import { goalSections } from './sections/goal-sections';
import { KEEP_WITH_NEXT, keepWithNext } from './sections/keep-together';
import { missingSubmissions } from './sections/missing-submissions';
import { missionAreaView } from './sections/mission-area-view';
import { sourcesAppendix } from './sections/sources-appendix';

export interface BriefDocumentOptions {
  /** Makes data text drawable by the embedded fonts (see pdf-fonts.ts). */
  readonly drawable: (text: string) => string;
}

/**
 * The sections of the PDF brief, in order: the document is their concatenation. Page 1 is the
 * dashboard; the contents start page 2; every other section follows on from the one before.
 */
export const BRIEF_SECTIONS: readonly PdfSection[] = [
  dashboardPage,
  contentsPage,
  executiveSummary,
  chartsSection,
  goalSections,
  missionAreaView,
  atRiskDetail,
  missingSubmissions,
  sourcesAppendix,
];

/**
 * The PDF brief as a pdfmake document definition: BRIEF_SECTIONS' content on US Letter pages
 * with a running header, page numbers and the optional marking banner on every page, and no
 * heading left alone at the foot of a page. Tagged (`PAGE_SETUP`): its structure tree and its
 * bookmarks — the headings the contents list — come from the content (structure-writer.ts).
 */
export function briefDocument(
  model: ReportModel,
  charts: ReportCharts,
  options: BriefDocumentOptions,
  sections: readonly PdfSection[] = BRIEF_SECTIONS,
): TDocumentDefinitions {
  const brief: PdfBrief = { model, charts, t: (value) => options.drawable(printableText(value ?? '')) };
  return {
    ...PAGE_SETUP,
    pageMargins: [...PAGE_SETUP.pageMargins],
    info: documentInfo(brief),
    header: pageHeader(brief),
    footer: pageFooter(brief),
    content: withHeadingsKeptWithNext([
      ...firstPageBanner(brief),
      ...sections.flatMap((section) => section(brief)),
    ]),
    pageBreakBefore: headingLeftAlone,
    defaultStyle: DEFAULT_STYLE(),
    styles: briefStyles(),
  };
}

const HEADING_LEVEL: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3 };

/**
 * Puts every heading outside an unbreakable stack (one inside such a stack already stays with what
 * follows it) and outside columns in a stack marked KEEP_WITH_NEXT, so that `headingLeftAlone` can
 * find it. A heading's own `headlineLevel` (pdf-blocks.ts, for the tagged PDF) cannot say it:
 * headings inside unbreakable stacks have one too, and a page break before one of those breaks the
 * stack (pdfmake then leaves a blank page).
 */
export function withHeadingsKeptWithNext(content: Content[]): Content[] {
  const visit = (node: Content, kept: boolean): Content => {
    if (Array.isArray(node)) return node.map((child) => visit(child, kept));
    if (typeof node !== 'object' || node === null) return node;
    const fields = node as unknown as Record<string, unknown>;
    if (Array.isArray(fields.stack)) {
      const inside = kept || fields.unbreakable === true || fields.style === KEEP_WITH_NEXT;
      return {
        ...fields,
        stack: (fields.stack as Content[]).map((child) => visit(child, inside)),
      } as Content;
    }
    const heading = typeof fields.style === 'string' && HEADING_LEVEL[fields.style] !== undefined;
    return heading && !kept && fields.pageBreak === undefined ? keepWithNext(node) : node;
  };
  return content.map((node) => visit(node, false));
}

/** Paragraph styles that introduce what a heading heads: a heading followed by only these is still alone. */
const INTRODUCING_STYLES: ReadonlySet<unknown> = new Set(['body', 'bodySmall', 'note', 'muted']);
/** The running header and footer (brief-page.ts), which pdfmake lays out with each page's nodes. */
const RUNNING_STYLES: ReadonlySet<unknown> = new Set(['running', 'banner']);

interface LaidOutNode {
  readonly style?: unknown;
  readonly text?: unknown;
  readonly table?: unknown;
  readonly svg?: unknown;
  readonly ul?: unknown;
  readonly ol?: unknown;
  readonly canvas?: unknown;
}

/**
 * Something a heading can head: a table, figure or list, or text that is not a heading, an
 * introduction, or the running header or footer.
 */
const headsSomething = (node: LaidOutNode) =>
  node.table !== undefined ||
  node.svg !== undefined ||
  node.ul !== undefined ||
  node.ol !== undefined ||
  node.canvas !== undefined ||
  (node.text !== undefined &&
    !INTRODUCING_STYLES.has(node.style) &&
    !RUNNING_STYLES.has(node.style) &&
    HEADING_LEVEL[String(node.style)] === undefined);

/**
 * pdfmake's page-break hook: a heading kept with what follows (or a `leadIn` block of heading and
 * introduction) followed on its page by nothing it heads moves to the next page, with what it
 * heads — unless nothing follows at all (the end of the document). (Containers are skipped: their
 * contents are laid-out nodes of their own.) Short blocks are kept with their heading by
 * unbreakable stacks instead (keep-together.ts); this catches the long ones.
 */
export function headingLeftAlone(
  node: LaidOutNode,
  context: {
    getFollowingNodesOnPage: () => LaidOutNode[];
    getNodesOnNextPage: () => LaidOutNode[];
  },
): boolean {
  return (
    node.style === KEEP_WITH_NEXT &&
    !context.getFollowingNodesOnPage().some(headsSomething) &&
    context.getNodesOnNextPage().length > 0
  );
}
