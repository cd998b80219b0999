import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { type Period, previousPeriod } from '../domain/period';
import { buildTemplateContent, type TemplateContent } from '../domain/submission/template-content';
import type { Clock } from '../ports/clock';
import type { ProgressRepository } from '../ports/progress-repository';
import type { SubmissionWorkbooks } from '../ports/submission-workbooks';

export interface GeneratedTemplate {
  readonly bytes: Buffer;
  readonly content: TemplateContent;
}

/**
 * An office's template for a period:
 * 1. find the office's current revision of the previous period, if any;
 * 2. decide the content (rows, instructions, metadata), pre-filled with those answers;
 * 3. lay it out as a workbook.
 */
export async function generateTemplate(
  request: { readonly office: string; readonly period: Period },
  ports: {
    readonly catalog: Catalog;
    readonly config: ProductConfig;
    readonly clock: Clock;
    readonly progress: ProgressRepository;
    readonly workbooks: SubmissionWorkbooks;
  },
): Promise<GeneratedTemplate> {
  const before = previousPeriod(request.period);
  const current = ports.catalog.office(request.office)
    ? await ports.progress.currentRevision(request.office, before)
    : undefined;
  const previous = current
    ? {
        period: before,
        revision: current.revision,
        rows: await ports.progress.rows(request.office, before, current.revision),
      }
    : undefined;
  const content = buildTemplateContent({
    catalog: ports.catalog,
    officeCode: request.office,
    period: request.period,
    submissionDeadlineDay: ports.config.submissionDeadlineDay,
    maxTextLength: ports.config.limits.maxTextLength,
    maxUploadBytes: ports.config.limits.maxUploadBytes,
    generatedAt: ports.clock.now(),
    intakeAddress: ports.config.mail.intakeAddress,
    ...(previous ? { previous } : {}),
  });
  const bytes = await ports.workbooks.writeTemplate(content, ports.config.limits);
  return { bytes, content };
}
