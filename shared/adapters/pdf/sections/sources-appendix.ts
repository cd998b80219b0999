import type { Content } from 'pdfmake/interfaces';
import {
  ACCESSIBLE_VERSION_TITLE,
  accessibleVersionNote,
  BRIEF_TITLES,
  HOW_FIGURES_ARE_MADE,
  INPUT_HEADERS,
  manifestNote,
  SOURCES_TITLES,
  STATUS_RULE_HEADERS,
  sourcesSummary,
} from '../../../domain/report/brief-wording';
import { heading, type PdfBrief, paragraph, table } from '../pdf-blocks';
import { keepTogether, leadIn } from './keep-together';

/** Only the PDF needs saying: its font cannot draw every character the HTML and workbook carry. */
const PDF_FONT_NOTE =
  'Characters the embedded font cannot draw are printed as �; the HTML brief and the workbook carry the text exactly as submitted.';

/** Where the figures come from (snapshot, submissions and their hashes) and the rules that made them. */
export function sourcesAppendix({ model, t }: PdfBrief): Content[] {
  return [
    leadIn(
      heading(t, BRIEF_TITLES.appendix, 1),
      heading(t, SOURCES_TITLES.submissions, 2),
      paragraph(t, sourcesSummary(model), 'bodySmall'),
    ),
    table(
      t,
      INPUT_HEADERS,
      model.inputs.map((input) => [
        { text: t(input.office) },
        { text: String(input.revision), style: 'cellNumber' },
        { text: t(input.submissionId) },
        // A break between date and time rather than inside the time.
        { text: t(input.acceptedAt.replace('T', ' ')) },
        { text: t(input.uploader) },
        { text: String(input.rowCount), style: 'cellNumber' },
        { text: t(input.sha256), style: 'mono' },
      ]),
      [28, 34, 70, 70, '*', 24, 150],
    ),
    heading(t, SOURCES_TITLES.method, 2),
    { ul: [...HOW_FIGURES_ARE_MADE, PDF_FONT_NOTE].map((item) => ({ text: t(item), style: 'bodySmall' })) },
    table(
      t,
      STATUS_RULE_HEADERS,
      model.statusRules.map((rule) => [
        { text: t(rule.rule) },
        { text: String(rule.levels), style: 'cellNumber' },
      ]),
      ['*', 80],
    ),
    paragraph(t, manifestNote(model), 'note'),
    keepTogether(heading(t, ACCESSIBLE_VERSION_TITLE, 2), paragraph(t, accessibleVersionNote(model))),
  ];
}
