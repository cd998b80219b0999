import type { SubmissionLimits } from '../../config/product-config';
import type { InputProblem } from '../../domain/errors';
import type { TemplateContent } from '../../domain/submission/template-content';
import { SHEETS } from '../../domain/submission/template-layout';
import { type WorkBudget, WorkBudgetExceeded, workBudget } from '../../domain/submission/work-budget';
import { NO_COPY_REASONS, structureProblems } from '../../domain/submission/workbook-limits';
import type { MarkedUpCopy, SubmissionWorkbooks, WorkbookReading } from '../../ports/submission-workbooks';
import { annotateWorkbook } from './annotated-workbook-writer';
import { exceljsStreamingParts, type StreamingPartParsers } from './exceljs-streaming-parts';
import { readSubmissionWorkbook } from './submission-workbook-reader';
import { writeTemplateWorkbook } from './template-workbook-writer';
import { inspectXlsxContainer } from './xlsx-container-inspection';
import { withXlsxPackage } from './xlsx-package';
import { scanWorkbookStructure } from './xlsx-structure-scan';

/**
 * Submissions' workbooks: templates written with exceljs's in-memory workbook; uploads checked
 * in three bounded passes before anything is kept (the zip, every sheet's structure, then the
 * values of the two sheets that matter), and marked up from their streamed cells. No upload is
 * ever loaded whole: exceljs's full `load` has costs no limit bounds (merged ranges are
 * quadratic, data validations and defined names are expanded cell by cell).
 *
 * `parsers` is what is asked of exceljs when reading; a test passes a counting one to show what
 * a hostile file never reached.
 */
export class ExcelSubmissionWorkbooks implements SubmissionWorkbooks {
  constructor(private readonly parsers: StreamingPartParsers = exceljsStreamingParts) {}

  writeTemplate(content: TemplateContent, limits: SubmissionLimits): Promise<Buffer> {
    return writeTemplateWorkbook(content, limits.maxTextLength);
  }

  async read(
    bytes: Buffer,
    limits: SubmissionLimits,
    file: string,
    budget: WorkBudget = budgetOf(limits),
  ): Promise<WorkbookReading> {
    const refused = (problems: readonly InputProblem[], noCopy: string): WorkbookReading => ({
      kind: 'refused',
      problems,
      noCopy,
    });
    try {
      const inspection = await inspectXlsxContainer(bytes, limits, file, budget);
      if (inspection.problems.length > 0) return refused(inspection.problems, NO_COPY_REASONS.notAWorkbook);
      return await withXlsxPackage(bytes, async (pkg) => {
        const scan = await scanWorkbookStructure(pkg, limits, budget);
        if (scan.kind === 'refused')
          return refused([{ ...scan.problem, file }], noCopyFor(scan.problem.rule));
        return readSubmissionWorkbook(pkg, scan.structure, this.parsers, file, budget);
      });
    } catch (error) {
      if (error instanceof WorkBudgetExceeded)
        return refused([{ ...structureProblems.time(error.seconds), file }], NO_COPY_REASONS.tooComplex);
      return {
        kind: 'unreadable',
        problems: [unreadable(file, error)],
        noCopy: NO_COPY_REASONS.unreadable,
      };
    }
  }

  async annotate(
    bytes: Buffer,
    problems: readonly InputProblem[],
    limits: SubmissionLimits,
    file: string,
    budget: WorkBudget = budgetOf(limits),
  ): Promise<MarkedUpCopy> {
    try {
      return await withXlsxPackage(bytes, async (pkg) => {
        const scan = await scanWorkbookStructure(pkg, limits, budget);
        if (scan.kind === 'refused') return { kind: 'no-copy', reason: noCopyFor(scan.problem.rule) };
        if (!scan.structure.worksheets.some((sheet) => sheet.name === SHEETS.progress))
          return { kind: 'no-copy', reason: NO_COPY_REASONS.noProgressSheet };
        const copy = await annotateWorkbook(pkg, scan.structure, this.parsers, problems, limits, budget);
        return { kind: 'copy', bytes: copy };
      });
    } catch (error) {
      if (!(error instanceof WorkBudgetExceeded)) throw error;
      return {
        kind: 'no-copy',
        reason: NO_COPY_REASONS.tooComplex,
        problem: { ...structureProblems.time(error.seconds), file },
      };
    }
  }
}

/** The default budget: the configured seconds, from now. */
function budgetOf(limits: SubmissionLimits): WorkBudget {
  return workBudget(limits.timeBudgetSeconds, Date.now);
}

function noCopyFor(rule: string): string {
  return rule === 'workbook.unreadable' ? NO_COPY_REASONS.unreadable : NO_COPY_REASONS.overLimits;
}

function unreadable(file: string, error: unknown): InputProblem {
  return { ...structureProblems.unreadable(error instanceof Error ? error.message : String(error)), file };
}
