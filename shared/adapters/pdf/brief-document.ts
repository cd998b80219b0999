import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportCharts } from '../../domain/report/charts/report-charts';
import type { ReportModel } from '../../domain/report/report-model';
import { printableText } from '../../domain/report/report-text';
import { documentInfo, PAGE_SETUP, pageFooter, pageHeader } from './brief-page';
import { briefStyles, DEFAULT_STYLE } from './brief-styles';
import type { PdfBrief, PdfSection } from './pdf-blocks';
import { atRiskDetail } from './sections/at-risk-detail';
import { chartsSection } from './sections/charts-section';
import { contentsPage, coverPage } from './sections/cover-page';
import { executiveSummary } from './sections/executive-summary';
import { goalSections } from './sections/goal-sections';
import { missingSubmissions } from './sections/missing-submissions';
import { missionAreaView } from './sections/mission-area-view';
import { sourcesAppendix } from './sections/sources-appendix';

export interface BriefDocumentOptions {
  /** Makes data text drawable by the embedded fonts (see pdf-fonts.ts). */
  readonly drawable: (text: string) => string;
}

/** The sections of the PDF brief, in order: the document is their concatenation. */
export const BRIEF_SECTIONS: readonly PdfSection[] = [
  coverPage,
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
 * with a running header, page numbers and the optional marking banner on every page.
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
    content: sections.flatMap((section) => section(brief)),
    defaultStyle: DEFAULT_STYLE(),
    styles: briefStyles(),
  };
}
