import {
  BRIEF_TITLES,
  CARRIED_FORWARD_EXPLAINED,
  CARRIED_FORWARD_HEADERS,
  MISSING_TITLES,
  missingOfficesSummary,
  NOT_REPORTED_HEADERS,
  OVERDUE_HEADERS,
} from '../../../domain/report/brief-wording';
import { type HtmlBrief, type HtmlSection, statusCell, summaryTable, tableHtml } from '../html-blocks';
import { escapeHtml as e } from '../html-text';

/** Who did not report, which entries are missing or carried forward, and which milestones are overdue. */
export function missingSubmissions({ model }: HtmlBrief): HtmlSection {
  const missing = model.missing;
  return {
    id: 'missing',
    title: BRIEF_TITLES.missing,
    html: `<p>${e(missingOfficesSummary(model))}</p>
<h3>${e(MISSING_TITLES.offices)}</h3>
${summaryTable('Offices', 'Office', model.officeLines)}
<h3>${e(MISSING_TITLES.notReported)}</h3>
${tableHtml(
  'Entries not reported',
  NOT_REPORTED_HEADERS,
  missing.notReported.map((entry) => [entry.office, entry.activityId, entry.activityText]),
)}
<h3>${e(MISSING_TITLES.carriedForward)}</h3>
<p class="muted">${e(CARRIED_FORWARD_EXPLAINED)}</p>
${tableHtml(
  'Entries carried forward',
  CARRIED_FORWARD_HEADERS,
  missing.carriedForward.map((entry) => [entry.office, entry.activityId, entry.fromPeriod]),
)}
<h3>${e(MISSING_TITLES.overdue)}</h3>
${tableHtml(
  'Overdue milestones',
  OVERDUE_HEADERS,
  missing.overdueMilestones.map((entry) => [
    entry.office,
    entry.activityId,
    entry.nextMilestone ?? '',
    entry.milestoneDue,
    statusCell(entry.status),
  ]),
)}`,
  };
}
