import { BRIEF_TITLES, missionAreaStanding } from '../../../domain/report/brief-wording';
import { type HtmlBrief, type HtmlSection, summaryTable } from '../html-blocks';
import { escapeHtml as e, htmlId } from '../html-text';

/**
 * The plan seen by mission area: every area's summary, then each area's standing and objectives.
 * A plan without mission areas has no such view.
 */
export function missionAreaView({ model }: HtmlBrief): HtmlSection[] {
  if (model.missionAreas.length === 0) return [];
  return [
    {
      id: 'mission-areas',
      title: BRIEF_TITLES.missionAreaView,
      html: [
        summaryTable('Mission areas', 'Mission area', model.missionAreaLines),
        ...model.missionAreas.map(
          (
            missionArea,
          ) => `<h3 id="${htmlId('mission-area', missionArea.area.id)}">${e(missionArea.area.title)}</h3>
<p>${e(missionAreaStanding(missionArea))}</p>
${summaryTable(`Objectives of ${missionArea.area.title}`, 'Objective', missionArea.objectives)}`,
        ),
      ].join('\n'),
    },
  ];
}
