import type { SubmissionLimits } from '../../config/product-config';
import type { InputProblem } from '../../domain/errors';
import type { TemplateContent } from '../../domain/submission/template-content';
import type { SubmissionWorkbooks, WorkbookReading } from '../../ports/submission-workbooks';
import { annotateWorkbook } from './annotated-workbook-writer';
import { readSubmissionWorkbook } from './submission-workbook-reader';
import { writeTemplateWorkbook } from './template-workbook-writer';
import { inspectXlsxContainer } from './xlsx-container-inspection';

/** Submissions' workbooks with exceljs: in-memory for writing, streaming for reading uploads. */
export class ExcelSubmissionWorkbooks implements SubmissionWorkbooks {
  writeTemplate(content: TemplateContent, limits: SubmissionLimits): Promise<Buffer> {
    return writeTemplateWorkbook(content, limits.maxTextLength);
  }

  async read(bytes: Buffer, limits: SubmissionLimits, file: string): Promise<WorkbookReading> {
    const inspection = await inspectXlsxContainer(bytes, limits, file);
    if (inspection.problems.length > 0) return { kind: 'not-a-workbook', problems: inspection.problems };
    const result = await readSubmissionWorkbook(bytes, limits, file);
    if (!result.workbook) return { kind: 'unreadable', problems: result.problems };
    return { kind: 'read', workbook: result.workbook };
  }

  annotate(bytes: Buffer, problems: readonly InputProblem[]): Promise<Buffer> {
    return annotateWorkbook(bytes, problems);
  }
}
