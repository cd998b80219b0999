import {
  BRIEF_TITLES,
  HOW_FIGURES_ARE_MADE,
  INPUT_HEADERS,
  manifestNote,
  SOURCES_TITLES,
  STATUS_RULE_HEADERS,
  sourcesSummary,
} from '../../../domain/report/brief-wording';
import { type HtmlBrief, type HtmlSection, numberCell, tableHtml } from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/** Where the figures come from (snapshot, submissions and their hashes) and the rules that made them. */
export function sourcesAppendix({ model }: HtmlBrief): HtmlSection {
  return {
    id: 'appendix',
    title: BRIEF_TITLES.appendix,
    html: `<h3>${e(SOURCES_TITLES.submissions)}</h3>
<p>${e(sourcesSummary(model))}</p>
${tableHtml(
  'Submissions used',
  INPUT_HEADERS,
  model.inputs.map((input) => [
    input.office,
    numberCell(String(input.revision)),
    input.submissionId,
    input.acceptedAt,
    input.uploader,
    numberCell(String(input.rowCount)),
    { html: e(input.sha256), className: 'hash' },
  ]),
)}
<h3>${e(SOURCES_TITLES.method)}</h3>
<ul>
${HOW_FIGURES_ARE_MADE.map((item) => `<li>${e(item)}</li>`).join('\n')}
</ul>
${tableHtml(
  'Status rules used',
  STATUS_RULE_HEADERS,
  model.statusRules.map((rule) => [rule.rule, numberCell(String(rule.levels))]),
)}
<p class="muted">${e(`${manifestNote(model)} The PDF brief has the same content.`)}</p>`,
  };
}
