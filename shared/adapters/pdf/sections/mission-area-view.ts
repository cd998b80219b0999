import type { Content } from 'pdfmake/interfaces';
import { BRIEF_TITLES, missionAreaStanding } from '../../../domain/report/brief-wording';
import { heading, type PdfBrief, paragraph, summaryTable } from '../pdf-blocks';
import { keepTogether } from './keep-together';

/**
 * The plan seen by mission area: every area's summary, then each area's standing and objectives.
 * A plan without mission areas has no such view.
 */
export function missionAreaView({ model, t }: PdfBrief): Content[] {
  if (model.missionAreas.length === 0) return [];
  return [
    keepTogether(
      heading(t, BRIEF_TITLES.missionAreaView, 1),
      summaryTable(t, 'Mission area', model.missionAreaLines),
    ),
    ...model.missionAreas.map((missionArea) =>
      keepTogether(
        heading(t, missionArea.area.title, 2),
        paragraph(t, missionAreaStanding(missionArea)),
        summaryTable(t, 'Objective', missionArea.objectives),
      ),
    ),
  ];
}
