import { REPORT_FILES } from '../../domain/report/report-files';
import { buildReportModel, type RenderContext } from '../../domain/report/report-model';
import type { RollupSnapshot } from '../../domain/rollup/rollup-snapshot';
import { reportToStratml } from '../../domain/stratml/report-to-stratml';
import type { RenderedFile, ReportRenderer } from '../../ports/report-renderer';
import { renderReportWorkbook } from '../excel/report-workbook';
import { renderBriefHtml } from '../html/brief-html';
import { renderBriefPdf } from '../pdf/brief-pdf';
import { writeStratmlDocument } from '../stratml/write-stratml-document';

const contentType = (name: (typeof REPORT_FILES)[number]['name']) =>
  REPORT_FILES.find((file) => file.name === name)?.contentType ?? 'application/octet-stream';

/**
 * The PDF brief (pdfmake), the workbook (exceljs) and the HTML brief, from one report model; and
 * the report as StratML open data, from the same snapshot.
 */
export const reportFileRenderer: ReportRenderer = {
  async render(snapshot: RollupSnapshot, context: RenderContext): Promise<RenderedFile[]> {
    const model = buildReportModel(snapshot, context);
    const pdf = await renderBriefPdf(model);
    const workbook = await renderReportWorkbook(model);
    const html = Buffer.from(renderBriefHtml(model), 'utf8');
    const stratml = Buffer.from(writeStratmlDocument(reportToStratml(snapshot, context)), 'utf8');
    return [
      { name: 'brief.pdf', contentType: contentType('brief.pdf'), bytes: pdf },
      { name: 'workbook.xlsx', contentType: contentType('workbook.xlsx'), bytes: workbook },
      { name: 'brief.html', contentType: contentType('brief.html'), bytes: html },
      { name: 'report.stratml.xml', contentType: contentType('report.stratml.xml'), bytes: stratml },
    ];
  },
};
