import { createHash } from 'node:crypto';
import type { SubmissionLimits } from '../../../shared/config/product-config';
import type { InputProblem } from '../../../shared/domain/errors';
import type { SubmittedWorkbook } from '../../../shared/domain/submission/submitted-workbook';
import type { TemplateContent } from '../../../shared/domain/submission/template-content';
import type { WorkBudget } from '../../../shared/domain/submission/work-budget';
import { NO_COPY_REASONS } from '../../../shared/domain/submission/workbook-limits';
import type {
  MarkedUpCopy,
  SubmissionWorkbooks,
  WorkbookReading,
} from '../../../shared/ports/submission-workbooks';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The spreadsheet port without spreadsheets: `workbookFile` returns bytes that read back as the
 * given workbook (or reading), any other bytes are refused as "not a workbook", as the real reader
 * refuses them. Templates are their content as JSON; a marked-up copy names the problems it marks
 * (`annotateFails` makes it throw, `noCopy` makes it decline with a reason and a problem to add).
 */
export class ScriptedSubmissionWorkbooks implements SubmissionWorkbooks {
  private readonly readings = new Map<string, WorkbookReading>();
  readonly templates: TemplateContent[] = [];
  readonly annotated: { readonly problems: readonly InputProblem[] }[] = [];
  annotateFails = false;
  noCopy: { reason: string; problem?: InputProblem } | undefined;

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

  async read(
    bytes: Buffer,
    _limits: SubmissionLimits,
    file: string,
    budget?: WorkBudget,
  ): Promise<WorkbookReading> {
    budget?.check();
    return (
      this.readings.get(digest(bytes)) ?? {
        kind: 'refused',
        problems: [{ rule: 'file.not-xlsx', file, message: 'the file is not an Excel workbook (.xlsx)' }],
        noCopy: NO_COPY_REASONS.notAWorkbook,
      }
    );
  }

  async annotate(
    bytes: Buffer,
    problems: readonly InputProblem[],
    _limits: SubmissionLimits,
    _file: string,
    budget?: WorkBudget,
  ): Promise<MarkedUpCopy> {
    budget?.check();
    if (this.annotateFails) throw new Error('the workbook could not be annotated');
    if (this.noCopy) return { kind: 'no-copy', ...this.noCopy };
    this.annotated.push({ problems });
    return {
      kind: 'copy',
      bytes: Buffer.concat([bytes, Buffer.from(` annotated with ${problems.length} problems`)]),
    };
  }
}
