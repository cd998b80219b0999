import type { Content } from 'pdfmake/interfaces';
import {
  BRIEF_TITLES,
  NOTHING_AT_RISK,
  topRiskNarrative,
  topRiskStatus,
  topRisksHeading,
} from '../../../domain/report/brief-wording';
import { heading, type PdfBrief, paragraph, sectionHeading, summaryTable } from '../pdf-blocks';

/** How much of a narrative the executive summary quotes (the at-risk section has it whole). */
const SUMMARY_NARRATIVE = 240;

/** The thirty-second read: overall standing, headline changes, the top risks, agency and goals. */
export function executiveSummary({ model, t }: PdfBrief): Content[] {
  const summary = model.executiveSummary;
  return [
    sectionHeading(t, BRIEF_TITLES.executiveSummary),
    paragraph(t, summary.overall),
    heading(t, 'Headline changes', 3),
    { ul: summary.changes.map((change) => ({ text: t(change), style: 'body' })) },
    heading(t, topRisksHeading(model), 3),
    summary.topRisks.length === 0
      ? paragraph(t, NOTHING_AT_RISK, 'note')
      : {
          ol: summary.topRisks.map((entry) => ({
            text: t(
              `${entry.activityId} (${entry.office}) ${topRiskStatus(entry)}: ${shorten(topRiskNarrative(entry), SUMMARY_NARRATIVE)}`,
            ),
            style: 'body',
          })),
        },
    heading(t, 'Agency and goals', 3),
    summaryTable(t, 'Level', [{ label: 'Agency', summary: model.agency }, ...model.goalLines]),
  ];
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
