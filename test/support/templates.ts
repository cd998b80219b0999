import { writeTemplateWorkbook } from '../../shared/adapters/excel/template-workbook-writer';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { buildTemplateContent } from '../../shared/domain/submission/template-content';
import { catalog } from './submitted-workbooks';
import { type Answers, defaultAnswers, fillTemplate } from './workbooks';

export const defaultLimits = parseProductConfig({}).limits;

/** A blank template, as `strategy-report template` writes it (without the pre-fill lookup). */
export function templateFor(office = 'OFO', period = '2026-10'): Promise<Buffer> {
  const content = buildTemplateContent({
    catalog,
    officeCode: office,
    period: parsePeriod(period),
    submissionDeadlineDay: 10,
    maxTextLength: defaultLimits.maxTextLength,
    maxUploadBytes: defaultLimits.maxUploadBytes,
    generatedAt: new Date('2026-11-01T09:00:00Z'),
  });
  return writeTemplateWorkbook(content, defaultLimits.maxTextLength);
}

/** A template filled in by script, valid unless `answer` says otherwise. */
export async function filledTemplate(
  office = 'OFO',
  period = '2026-10',
  answer: (activityId: string, index: number) => Answers = defaultAnswers,
): Promise<Buffer> {
  return fillTemplate(await templateFor(office, period), answer);
}
