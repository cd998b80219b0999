import type { Content } from 'pdfmake/interfaces';
import { briefSubtitle, coverFacts, overallStatusLine } from '../../../domain/report/brief-wording';
import type { PdfBrief } from '../pdf-blocks';

/** The first page: title, period, how many offices reported, the overall status and the facts of this version. */
export function coverPage({ model, t }: PdfBrief): Content[] {
  return [
    { text: t(model.title), style: 'title', margin: [0, 120, 0, 12] },
    { text: t(briefSubtitle(model)), style: 'subtitle' },
    { text: t(model.offices.text), style: 'coverFigure', margin: [0, 36, 0, 4] },
    { text: t(overallStatusLine(model)), style: 'coverLine' },
    {
      margin: [0, 48, 0, 0],
      table: {
        widths: [120, '*'],
        body: coverFacts(model).map(({ label, value }) => [
          { text: t(label), style: 'coverLabel' },
          { text: t(value), style: 'coverValue' },
        ]),
      },
      layout: 'noBorders',
    },
  ];
}

/** The table of contents, on a page of its own: pdfmake lists every heading marked `tocItem`. */
export function contentsPage(): Content[] {
  return [{ text: 'Contents', style: 'h1', pageBreak: 'before' }, { toc: { title: { text: '' } } }];
}
