import {
  BRIEF_TITLES,
  HEADLINE_CHANGES_TITLE,
  SUMMARY_TABLE_TITLE,
} from '../../../domain/report/brief-wording';
import { type HtmlBrief, type HtmlSection, summaryTable } from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/**
 * The first detail after the glance: the overall standing in a sentence, every headline change
 * since the previous period, and the agency and goals with all their figures.
 */
export function executiveSummary({ model }: HtmlBrief): HtmlSection {
  const summary = model.executiveSummary;
  return {
    id: 'executive-summary',
    title: BRIEF_TITLES.executiveSummary,
    html: `<p>${e(summary.overall)}</p>
<h3>${e(HEADLINE_CHANGES_TITLE)}</h3>
<ul>${summary.changes.map((change) => `<li>${e(change)}</li>`).join('')}</ul>
<h3>${e(SUMMARY_TABLE_TITLE)}</h3>
${summaryTable(SUMMARY_TABLE_TITLE, 'Level', [{ label: 'Agency', summary: model.agency }, ...model.goalLines])}`,
  };
}
