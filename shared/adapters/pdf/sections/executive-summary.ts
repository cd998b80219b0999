import type { Content } from 'pdfmake/interfaces';
import {
  BRIEF_TITLES,
  HEADLINE_CHANGES_TITLE,
  SUMMARY_TABLE_TITLE,
} from '../../../domain/report/brief-wording';
import { heading, type PdfBrief, paragraph, summaryTable } from '../pdf-blocks';
import { keepTogether } from './keep-together';

/**
 * The first detail after page 1: the overall standing in a sentence, every headline change since
 * the previous period, and the agency and goals with all their figures.
 */
export function executiveSummary({ model, t }: PdfBrief): Content[] {
  const summary = model.executiveSummary;
  return [
    keepTogether(heading(t, BRIEF_TITLES.executiveSummary, 1), paragraph(t, summary.overall)),
    keepTogether(heading(t, HEADLINE_CHANGES_TITLE, 3), {
      ul: summary.changes.map((change) => ({ text: t(change), style: 'body' })),
    }),
    keepTogether(
      heading(t, SUMMARY_TABLE_TITLE, 3),
      summaryTable(t, 'Level', [{ label: 'Agency', summary: model.agency }, ...model.goalLines]),
    ),
  ];
}
