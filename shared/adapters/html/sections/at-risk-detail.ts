import {
  atRiskIntro,
  BRIEF_TITLES,
  CARRIED_FORWARD_NOTE,
  riskFacts,
  riskTitleLead,
  riskTitleTail,
} from '../../../domain/report/brief-wording';
import type { AtRiskEntry } from '../../../domain/report/report-model';
import { statusClass } from '../brief-html-style';
import type { HtmlBrief, HtmlSection } from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/**
 * Every flagged entry, most severe first, with the office's own words; the glance links here. Each
 * entry's heading carries its rank, so the entries are not also a numbered list (one number each).
 */
export function atRiskDetail({ model }: HtmlBrief): HtmlSection {
  return {
    id: 'at-risk',
    title: BRIEF_TITLES.atRisk,
    html: `<p>${e(atRiskIntro(model))}</p>
${model.atRisk.map(atRiskItem).join('\n')}`,
  };
}

function atRiskItem(entry: AtRiskEntry): string {
  const carried = entry.source === 'carried-forward' ? ` <em>${e(CARRIED_FORWARD_NOTE)}</em>` : '';
  const facts = riskFacts(entry)
    .map(
      (fact) =>
        `<dt>${e(fact.label)}</dt><dd${fact.narrative ? ' class="narrative"' : ''}>${e(fact.value)}</dd>`,
    )
    .join('\n');
  return `<div class="risk" id="risk-${entry.rank}"><h3>${e(riskTitleLead(entry))}<span class="${statusClass(entry.status)}">${e(entry.status)}</span>${e(riskTitleTail(entry))}${carried}</h3>
<p class="muted">${e(entry.activityText)}</p>
<dl class="facts">
${facts}
</dl></div>`;
}
