import { createHash } from 'node:crypto';
import type { SubmissionLimits } from '../../../shared/config/product-config';
import type { InputProblem } from '../../../shared/domain/errors';
import type { SubmittedWorkbook } from '../../../shared/domain/submission/submitted-workbook';
import type { TemplateContent } from '../../../shared/domain/submission/template-content';
import type { SubmissionWorkbooks, WorkbookReading } from '../../../shared/ports/submission-workbooks';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The spreadsheet port without spreadsheets: `workbookFile` returns bytes that read back as the
 * given workbook (or reading), any other bytes are "not a workbook" as the real reader says of
 * them. Templates are their content as JSON; an annotated copy names the problems it marks.
 */
export class ScriptedSubmissionWorkbooks implements SubmissionWorkbooks {
  private readonly readings = new Map<string, WorkbookReading>();
  readonly templates: TemplateContent[] = [];
  readonly annotated: { readonly problems: readonly InputProblem[] }[] = [];
  annotateFails = false;

  /** Bytes of an upload that reads as `workbook` (or as the given reading); `label` keeps them distinct. */
  workbookFile(workbook: SubmittedWorkbook | WorkbookReading, label: string): Buffer {
    const bytes = Buffer.from(`PK workbook ${label}`);
    this.readings.set(digest(bytes), 'kind' in workbook ? workbook : { kind: 'read', workbook });
    return bytes;
  }

  async writeTemplate(content: TemplateContent, _limits: SubmissionLimits): Promise<Buffer> {
    this.templates.push(content);
    return Buffer.from(
      JSON.stringify({ office: content.office.code, period: content.period, rows: content.rows.length }),
    );
  }

  async read(bytes: Buffer, _limits: SubmissionLimits, file: string): Promise<WorkbookReading> {
    return (
      this.readings.get(digest(bytes)) ?? {
        kind: 'not-a-workbook',
        problems: [{ rule: 'file.not-xlsx', file, message: 'the file is not an Excel workbook (.xlsx)' }],
      }
    );
  }

  async annotate(bytes: Buffer, problems: readonly InputProblem[]): Promise<Buffer> {
    if (this.annotateFails) throw new Error('the workbook could not be annotated');
    this.annotated.push({ problems });
    return Buffer.concat([bytes, Buffer.from(` annotated with ${problems.length} problems`)]);
  }
}
