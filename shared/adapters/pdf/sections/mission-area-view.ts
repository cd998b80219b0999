import type { Content } from 'pdfmake/interfaces';
import { BRIEF_TITLES, missionAreaStanding } from '../../../domain/report/brief-wording';
import { heading, type PdfBrief, paragraph, sectionHeading, summaryTable } from '../pdf-blocks';

/**
 * The plan seen by mission area: every area's summary, then each area's standing and objectives.
 * None for a plan without mission areas (most StratML plans).
 */
export function missionAreaView({ model, t }: PdfBrief): Content[] {
  if (model.missionAreas.length === 0) return [];
  return [
    sectionHeading(t, BRIEF_TITLES.missionAreaView),
    summaryTable(t, 'Mission area', model.missionAreaLines),
    ...model.missionAreas.flatMap((missionArea) => [
      heading(t, missionArea.area.title, 2),
      paragraph(t, missionAreaStanding(missionArea)),
      summaryTable(t, 'Objective', missionArea.objectives),
    ]),
  ];
}
