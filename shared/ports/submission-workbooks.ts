import type { SubmissionLimits } from '../config/product-config';
import type { InputProblem } from '../domain/errors';
import type { SubmittedWorkbook } from '../domain/submission/submitted-workbook';
import type { TemplateContent } from '../domain/submission/template-content';
import type { WorkBudget } from '../domain/submission/work-budget';

/** What reading an upload found: the workbook, or the problems that stopped the reading. */
export type WorkbookReading =
  /**
   * Refused before its values were read: not a safe .xlsx (empty, another format, encrypted, a
   * zip bomb, a DOCTYPE...), over a structural limit, or past the time budget. Nothing of it was
   * handed to a spreadsheet parser, and no marked-up copy is made (`noCopy` says why, for the answer).
   */
  | { readonly kind: 'refused'; readonly problems: readonly InputProblem[]; readonly noCopy: string }
  /** Within every limit, but the parser could not read it to the end: no marked-up copy either. */
  | { readonly kind: 'unreadable'; readonly problems: readonly InputProblem[]; readonly noCopy: string }
  | { readonly kind: 'read'; readonly workbook: SubmittedWorkbook };

/** The submitter's workbook with its problems marked, or why there is none. */
export type MarkedUpCopy =
  | { readonly kind: 'copy'; readonly bytes: Buffer }
  /** `problem`: a problem to add to the answer (the time budget ran out while making the copy). */
  | { readonly kind: 'no-copy'; readonly reason: string; readonly problem?: InputProblem };

/**
 * The spreadsheet side of submissions: writing templates, reading uploads safely, and handing a
 * rejected upload back with its problems marked. Implemented with exceljs (and yauzl and saxes
 * for the checks that run before exceljs sees anything).
 */
export interface SubmissionWorkbooks {
  writeTemplate(content: TemplateContent, limits: SubmissionLimits): Promise<Buffer>;
  /**
   * Checks the bytes, then every sheet's structure while streaming it, then reads the values of
   * the Metadata and Progress sheets, all within the limits and the budget (by default
   * `limits.timeBudgetSeconds` from now).
   */
  read(bytes: Buffer, limits: SubmissionLimits, file: string, budget?: WorkBudget): Promise<WorkbookReading>;
  /**
   * The marked-up copy of a workbook `read` returned as 'read': each bad cell of its Progress
   * sheet marked, and an Errors sheet listing every problem. Built from the streamed cells,
   * never from a full load of the original.
   */
  annotate(
    bytes: Buffer,
    problems: readonly InputProblem[],
    limits: SubmissionLimits,
    file: string,
    budget?: WorkBudget,
  ): Promise<MarkedUpCopy>;
}
