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
import { type DrawableText, labelled, type PdfBrief, paragraph, sectionHeading } from '../pdf-blocks';

/** Every flagged entry, most severe first, with the office's own words. */
export function atRiskDetail({ model, t }: PdfBrief): Content[] {
  return [
    sectionHeading(t, BRIEF_TITLES.atRisk),
    paragraph(t, atRiskIntro(model)),
    ...model.atRisk.map((entry) => atRiskEntry(t, entry)),
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
    margin: [0, 0, 0, 8],
  };
}
