import type { Content } from 'pdfmake/interfaces';
import {
  atRiskIntro,
  BRIEF_TITLES,
  CARRIED_FORWARD_NOTE,
  riskFacts,
  riskTitleLead,
  riskTitleTail,
} from '../../../domain/report/brief-wording';
import type { AtRiskEntry } from '../../../domain/report/report-model';
import { statusColours } from '../../../domain/report/status-palette';
import { type DrawableText, heading, labelled, type PdfBrief, paragraph } from '../pdf-blocks';
import { keepTogether } from './keep-together';

/** Every flagged entry, most severe first, with the office's own words. */
export function atRiskDetail({ model, t }: PdfBrief): Content[] {
  const [first, ...rest] = model.atRisk.map((entry) => atRiskEntry(t, entry));
  return [
    keepTogether(
      heading(t, BRIEF_TITLES.atRisk, 1),
      paragraph(t, atRiskIntro(model)),
      ...(first ? [first] : []),
    ),
    ...rest,
  ];
}

function atRiskEntry(t: DrawableText, entry: AtRiskEntry): Content {
  return {
    stack: [
      {
        text: [
          { text: t(riskTitleLead(entry)), bold: true },
          { text: t(entry.status), bold: true, background: statusColours(entry.status).fill },
          { text: t(riskTitleTail(entry)), bold: true },
          entry.source === 'carried-forward' ? { text: ` ${CARRIED_FORWARD_NOTE}`, italics: true } : '',
        ],
        style: 'riskTitle',
      },
      paragraph(t, entry.activityText, 'muted'),
      ...riskFacts(entry).map((fact) => labelled(t, fact.label, fact.value)),
    ],
    // An entry is never split across pages.
    unbreakable: true,
    margin: [0, 0, 0, 8],
  };
}
