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

/** Every flagged entry, most severe first, with the office's own words; the summary links here. */
export function atRiskDetail({ model }: HtmlBrief): HtmlSection {
  return {
    id: 'at-risk',
    title: BRIEF_TITLES.atRisk,
    html: `<p>${e(atRiskIntro(model))}</p>
<ol class="risks">
${model.atRisk.map(atRiskItem).join('\n')}
</ol>`,
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
  return `<li id="risk-${entry.rank}"><h3>${e(riskTitleLead(entry))}<span class="${statusClass(entry.status)}">${e(entry.status)}</span>${e(riskTitleTail(entry))}${carried}</h3>
<p class="muted">${e(entry.activityText)}</p>
<dl class="facts">
${facts}
</dl></li>`;
}
