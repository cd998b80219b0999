import type { SnapshotRow } from '../rollup/rollup-snapshot';
import { formatLongDate, formatPercent, formatRatio } from './display-format';
import {
  type ActivitySection,
  type AtRiskEntry,
  officeLabel,
  type ReportModel,
  TOP_RISKS,
} from './report-model';

/**
 * The sentences, titles and column headers the PDF and the HTML brief share, so the two versions
 * of the brief (one for print, one for screen readers) cannot drift apart in a word or a figure.
 * Plain text: each format escapes or draws it its own way.
 */
export const BRIEF_TITLES = {
  executiveSummary: 'Executive summary',
  charts: 'Charts',
  missionAreaView: 'Mission-area view',
  atRisk: 'At-risk detail',
  missing: 'Missing submissions',
  appendix: 'Appendix: data sources and rules',
} as const;

export const briefDocumentTitle = (model: ReportModel) => `${model.title}, ${model.periodLabel}`;
export const briefSubtitle = (model: ReportModel) =>
  `Status brief for ${model.periodLabel} (${model.period})`;
export const briefRunningTitle = (model: ReportModel) =>
  `${model.catalog.title} · Status brief · ${model.periodLabel} (${model.period})`;
export const briefDescription = (model: ReportModel) =>
  `Status of ${model.catalog.title} for ${model.period}: ${model.offices.text}, overall ${model.agency.status}`;
export const overallStatusLine = (model: ReportModel) =>
  `Overall status ${model.agency.status}, ${formatPercent(model.agency.percentComplete)} complete`;

/** The facts under the cover title; `date` is set where the value is a calendar date. */
export function coverFacts(model: ReportModel): { label: string; value: string; date?: string }[] {
  return [
    { label: 'Generated', value: formatLongDate(model.generatedOn), date: model.generatedOn },
    { label: 'Data as of', value: formatLongDate(model.asOf), date: model.asOf },
    { label: 'Catalog', value: `${model.catalog.id} version ${model.catalog.version}` },
    { label: 'Rollup snapshot', value: `version ${model.snapshot.version}` },
  ];
}

export const topRisksHeading = (model: ReportModel) =>
  `Top risks (${Math.min(TOP_RISKS, model.atRisk.length)} of ${model.atRisk.length})`;
export const NOTHING_AT_RISK = 'Nothing is at risk or off track.';
/** What the executive summary says of a top risk: the office's words, or why it was flagged. */
export const topRiskNarrative = (entry: AtRiskEntry) => entry.risksAndIssues ?? entry.reasons.join('; ');
export const topRiskStatus = (entry: AtRiskEntry) =>
  `${entry.status}, ${formatPercent(entry.percentComplete)} complete`;

/** One key activity's standing, under its heading in a goal section. */
export const activityProgress = ({ activity }: ActivitySection) =>
  `${activity.status}, ${formatPercent(activity.percentComplete)}; ${activity.reported} of ${activity.expected} reported`;

export const ENTRY_HEADERS = [
  'Office',
  'Source',
  'Status',
  '% complete',
  'Metric',
  'Next milestone',
] as const;
export const entrySource = (entry: SnapshotRow) =>
  entry.source === 'reported' ? 'reported' : `carried forward from ${entry.fromPeriod}`;
export const entryMetric = (entry: SnapshotRow) =>
  entry.metric !== undefined
    ? `${entry.metric}: ${entry.actual ?? '?'} of ${entry.target ?? '?'}${entry.attainment !== undefined ? ` (${formatRatio(entry.attainment)})` : ''}`
    : '';
export const entryMilestone = (entry: SnapshotRow) =>
  [
    entry.nextMilestone,
    entry.milestoneDue ? `due ${entry.milestoneDue}` : undefined,
    entry.milestoneOverdue ? 'OVERDUE' : undefined,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');

export const missionAreaStanding = ({ area }: ReportModel['missionAreas'][number]) =>
  `${area.status}, ${formatPercent(area.percentComplete)} complete; ${area.reported} of ${area.expected} entries reported, ${area.carriedForward} carried forward, ${area.missing} missing. Likelihood of finishing on time: ${area.likelihood}.`;

export const atRiskIntro = (model: ReportModel) =>
  `${model.atRisk.length} entries are at risk, off track or otherwise flagged, most severe first. The narrative is the submitting office's own words.`;
/** An at-risk entry's title is `lead`, the status (highlighted), `tail`, then the note if carried. */
export const riskTitleLead = (entry: AtRiskEntry) =>
  `${entry.rank}. ${entry.activityId} · ${entry.office} · `;
export const riskTitleTail = (entry: AtRiskEntry) => ` · ${formatPercent(entry.percentComplete)} complete`;
export const CARRIED_FORWARD_NOTE = '· carried forward (not reported this period)';
/** The labelled facts of an at-risk entry; `narrative` marks the office's own free text. */
export function riskFacts(entry: AtRiskEntry): { label: string; value: string; narrative: boolean }[] {
  return [
    { label: 'Why flagged', value: entry.reasons.join('; '), narrative: false },
    { label: 'Risks and issues', value: entry.risksAndIssues ?? 'none given', narrative: true },
    { label: 'Accomplishments', value: entry.accomplishments ?? 'none given', narrative: true },
    {
      label: 'Next milestone',
      value: `${entry.nextMilestone ?? 'none given'}${entry.milestoneDue ? ` (due ${entry.milestoneDue})` : ''}`,
      narrative: false,
    },
    { label: 'Point of contact', value: entry.pointOfContact ?? 'none given', narrative: true },
  ];
}

export const missingOfficesSummary = (model: ReportModel) =>
  `${model.offices.text}. ${model.missing.offices.length === 0 ? 'Every office submitted.' : `No accepted submission from: ${model.missing.offices.map(officeLabel).join('; ')}.`}`;
export const MISSING_TITLES = {
  offices: 'Offices',
  notReported: 'Entries not reported',
  carriedForward: 'Entries carried forward from an earlier period',
  overdue: 'Overdue milestones',
} as const;
export const CARRIED_FORWARD_EXPLAINED = 'Shown with their earlier values and never counted as reported.';
export const NOT_REPORTED_HEADERS = ['Office', 'Key activity', 'Activity'] as const;
export const CARRIED_FORWARD_HEADERS = ['Office', 'Key activity', 'From period'] as const;
export const OVERDUE_HEADERS = ['Office', 'Key activity', 'Milestone', 'Due', 'Status'] as const;

export const SOURCES_TITLES = {
  submissions: 'Submissions used',
  method: 'How the figures are made',
} as const;
export const sourcesSummary = (model: ReportModel) =>
  `The figures come from rollup snapshot version ${model.snapshot.version} of ${model.period} (SHA-256 ${model.snapshot.sha256}), computed from the current accepted revision of each office below (input hash ${model.snapshot.inputHash})${model.snapshot.previous ? ` and the ${model.snapshot.previous.period} snapshot version ${model.snapshot.previous.version} for changes and carried-forward entries` : ''}.`;
export const INPUT_HEADERS = [
  'Office',
  'Revision',
  'Submission',
  'Accepted',
  'Uploader',
  'Rows',
  'SHA-256',
] as const;
export const HOW_FIGURES_ARE_MADE = [
  'Each office reports, once a month, on the key activities it owns in the catalog; an office × key activity pair is an entry.',
  'Reported: entries submitted for this period. Carried forward: entries an office did not report this period, shown with their last reported values and never counted as reported. Missing: neither.',
  'Percent complete and metric attainment are weighted as documented in docs/status-rules.md; metric attainment is actual ÷ target where both are given.',
  'Each level’s status is decided by the written rules in docs/status-rules.md; the rules that decided a status in this snapshot are listed below.',
  'Change compares with the previous period’s snapshot; the trend charts show up to the last 12 periods.',
] as const;
export const STATUS_RULE_HEADERS = ['Status rule', 'Levels it decided'] as const;
/** The appendix's last note; each format adds where its other version is. */
export const manifestNote = (model: ReportModel) =>
  `Catalog ${model.catalog.id} version ${model.catalog.version}. The report's files, their SHA-256 hashes and the chain of earlier reports are listed in its manifest.json.`;
