import {
  BRIEF_TITLES,
  NOTHING_AT_RISK,
  topRiskNarrative,
  topRiskStatus,
  topRisksHeading,
} from '../../../domain/report/brief-wording';
import type { AtRiskEntry } from '../../../domain/report/report-model';
import { type HtmlBrief, type HtmlSection, summaryTable } from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/** The thirty-second read: overall standing, headline changes, the top risks, agency and goals. */
export function executiveSummary({ model }: HtmlBrief): HtmlSection {
  const summary = model.executiveSummary;
  return {
    id: 'executive-summary',
    title: BRIEF_TITLES.executiveSummary,
    html: `<p>${e(summary.overall)}</p>
<h3>Headline changes</h3>
<ul>${summary.changes.map((change) => `<li>${e(change)}</li>`).join('')}</ul>
<h3>${e(topRisksHeading(model))}</h3>
${summary.topRisks.length === 0 ? `<p>${e(NOTHING_AT_RISK)}</p>` : `<ol>${summary.topRisks.map(topRiskItem).join('\n')}</ol>`}
<h3>Agency and goals</h3>
${summaryTable('Agency and goals', 'Level', [{ label: 'Agency', summary: model.agency }, ...model.goalLines])}`,
  };
}

/** A top risk, linked to its entry in the at-risk section. */
const topRiskItem = (entry: AtRiskEntry) =>
  `<li><a href="#risk-${entry.rank}">${e(`${entry.activityId} (${entry.office})`)}</a> ${e(topRiskStatus(entry))}: <span class="narrative">${e(topRiskNarrative(entry))}</span></li>`;
