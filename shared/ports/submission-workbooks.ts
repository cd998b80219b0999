import type { SubmissionLimits } from '../config/product-config';
import type { InputProblem } from '../domain/errors';
import type { SubmittedWorkbook } from '../domain/submission/submitted-workbook';
import type { TemplateContent } from '../domain/submission/template-content';

/** What reading an upload found: the workbook, or the problems that stopped the reading. */
export type WorkbookReading =
  /** Not a safe, readable .xlsx (empty, another format, encrypted, a zip bomb, a DOCTYPE...): never parsed. */
  | { readonly kind: 'not-a-workbook'; readonly problems: readonly InputProblem[] }
  /** A safe .xlsx that could not be read to the end (limits, unreadable parts): can be annotated. */
  | { readonly kind: 'unreadable'; readonly problems: readonly InputProblem[] }
  | { readonly kind: 'read'; readonly workbook: SubmittedWorkbook };

/**
 * The spreadsheet side of submissions: writing templates, reading uploads safely, and handing a
 * rejected upload back with its problems marked. Implemented with exceljs (and yauzl for the
 * checks that run before any parsing).
 */
export interface SubmissionWorkbooks {
  writeTemplate(content: TemplateContent, limits: SubmissionLimits): Promise<Buffer>;
  /** Checks the bytes before parsing, then parses them with a streaming reader within the limits. */
  read(bytes: Buffer, limits: SubmissionLimits, file: string): Promise<WorkbookReading>;
  /** The submitter's workbook with every problem marked and an Errors sheet; only for a 'read' or 'unreadable' upload. */
  annotate(bytes: Buffer, problems: readonly InputProblem[]): Promise<Buffer>;
}
