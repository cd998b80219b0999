import type { Content } from 'pdfmake/interfaces';
import {
  BRIEF_TITLES,
  CARRIED_FORWARD_EXPLAINED,
  CARRIED_FORWARD_HEADERS,
  MISSING_TITLES,
  missingOfficesSummary,
  NOT_REPORTED_HEADERS,
  OVERDUE_HEADERS,
} from '../../../domain/report/brief-wording';
import { heading, type PdfBrief, paragraph, statusCell, summaryTable, table } from '../pdf-blocks';
import { keepTogether, leadIn } from './keep-together';

/** Who did not report, which entries are missing or carried forward, and which milestones are overdue. */
export function missingSubmissions({ model, t }: PdfBrief): Content[] {
  const missing = model.missing;
  return [
    keepTogether(
      heading(t, BRIEF_TITLES.missing, 1),
      paragraph(t, missingOfficesSummary(model)),
      heading(t, MISSING_TITLES.offices, 2),
      summaryTable(t, 'Office', model.officeLines),
    ),
    heading(t, MISSING_TITLES.notReported, 2),
    table(
      t,
      NOT_REPORTED_HEADERS,
      missing.notReported.map((entry) => [
        { text: t(entry.office) },
        { text: t(entry.activityId) },
        { text: t(entry.activityText) },
      ]),
      [40, 50, '*'],
    ),
    leadIn(heading(t, MISSING_TITLES.carriedForward, 2), paragraph(t, CARRIED_FORWARD_EXPLAINED, 'note')),
    table(
      t,
      CARRIED_FORWARD_HEADERS,
      missing.carriedForward.map((entry) => [
        { text: t(entry.office) },
        { text: t(entry.activityId) },
        { text: t(entry.fromPeriod) },
      ]),
      [40, 60, '*'],
    ),
    heading(t, MISSING_TITLES.overdue, 2),
    table(
      t,
      OVERDUE_HEADERS,
      missing.overdueMilestones.map((entry) => [
        { text: t(entry.office) },
        { text: t(entry.activityId) },
        { text: t(entry.nextMilestone ?? '') },
        { text: t(entry.milestoneDue) },
        statusCell(t, entry.status),
      ]),
      [40, 50, '*', 54, 54],
    ),
  ];
}
