import type { SnapshotRow } from '../rollup/rollup-snapshot';
import type { ChangeItem } from './dashboard';
import {
  formatLongDate,
  formatPercent,
  formatPeriodLong,
  formatPointChange,
  formatRatio,
  oneLine,
} from './display-format';
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
  dashboard: 'At a glance',
  executiveSummary: 'Summary and changes',
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

export const HEADLINE_CHANGES_TITLE = 'Headline changes';
export const SUMMARY_TABLE_TITLE = 'Agency and goals';
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

/* ---- Page 1: the dashboard ("placemat") ---- */

export const dashboardHeading = (model: ReportModel) => `${model.periodLabel} at a glance`;
export const DASHBOARD_TILES = {
  status: 'Overall status',
  percent: 'Percent complete',
  offices: 'Offices reported',
} as const;

/** Under the percent: the change since the previous period, or that there is none to compare with. */
export function percentChangeLine(model: ReportModel): string {
  const previous = model.dashboard.previousPeriod;
  const delta = model.agency.change.percentDelta;
  return previous && delta !== null
    ? `${formatPointChange(delta)} since ${formatPeriodLong(previous)}`
    : 'no earlier period to compare with';
}

export const officesFigure = (model: ReportModel) => `${model.offices.reported} of ${model.offices.expected}`;

/** Under the offices figure: who is missing, in a few words. */
export const officesMissingLine = (model: ReportModel) =>
  model.missing.offices.length === 0
    ? 'every office reported'
    : `missing: ${model.missing.offices.map((office) => office.code).join(', ')}`;

/** Completeness in one sentence: entries reported, carried forward (by whom, from when) and missing, and who did not report. */
export function completenessLine(model: ReportModel): string {
  const { agency } = model;
  const carried = model.dashboard.carriedForward
    .map((office) => `${office.office} ${office.entries} from ${office.fromPeriods.join(', ')}`)
    .join('; ');
  const missing =
    model.missing.offices.length === 0
      ? ''
      : ` Not reported this period: ${model.missing.offices.map(officeLabel).join('; ')}.`;
  return `${model.offices.text}: ${agency.reported} of ${agency.expected} entries reported, ${agency.carriedForward} carried forward${carried ? ` (${carried})` : ''}, ${agency.missing} missing.${missing}`;
}

/** Over the goal and mission-area rows; a plan without mission areas has goals only. */
export const dashboardLevelsTitle = (model: ReportModel) =>
  model.dashboard.missionAreas.length > 0 ? 'Goals and mission areas' : 'Goals';
export const DASHBOARD_GOALS_TITLE = 'Goals';
export const dashboardLevelHeaders = (model: ReportModel) =>
  ['Goal', 'Status', '% complete', 'Change', `Trend, ${model.trend.periods.length} periods`] as const;
export const DASHBOARD_MISSION_AREA_HEADER = 'Mission area';

export const TOP_RISKS_CAPTION = 'Top risks, most severe first';
export const DASHBOARD_RISK_HEADERS = [
  '#',
  'Office',
  'Key activity',
  'Status',
  '% complete',
  'Risk or issue (the office’s words)',
] as const;
/** A top risk's activity on page 1: its id and the start of its text, one line (the detail has it whole). */
export const riskActivityLine = (entry: AtRiskEntry) =>
  `${entry.activityId} ${oneLine(entry.activityText, 24)}`;
/** A top risk's narrative on page 1: one line (the at-risk detail has it whole). */
export const riskNarrativeLine = (entry: AtRiskEntry) => oneLine(topRiskNarrative(entry), 54);

export const changesHeading = (model: ReportModel) =>
  model.dashboard.previousPeriod
    ? `What changed most since ${formatPeriodLong(model.dashboard.previousPeriod)}`
    : 'What changed';
export const CHANGE_SIDES = { improved: 'Improved', worsened: 'Worsened' } as const;
export const changeLine = (item: ChangeItem) => `${item.label}: ${item.detail}`;
export const moreChangesLine = (count: number) => `and ${count} more (see ${BRIEF_TITLES.executiveSummary})`;
export const NO_EARLIER_PERIOD = 'No earlier period to compare with.';
export const NOTHING_IMPROVED = 'Nothing improved.';
export const nothingWorsened = (model: ReportModel) =>
  `Nothing worsened since ${formatPeriodLong(model.dashboard.previousPeriod ?? model.period)}.`;
export const leastProgressLine = (item: ChangeItem) => `Least progress: ${changeLine(item)}`;

/** The cover facts as the one line at the foot of page 1. */
export const coverFactsLine = (model: ReportModel) =>
  `Generated ${formatLongDate(model.generatedOn)} · data as of ${formatLongDate(model.asOf)} · catalog ${model.catalog.id} v${model.catalog.version} · rollup snapshot v${model.snapshot.version}`;

/* ---- A version that replaces another ---- */

/** Why a new version: each office whose submission changed, in words. */
function supersedingReasons(model: ReportModel): string {
  const changes = model.supersedes?.changes ?? [];
  if (changes.length === 0) return 'no submission changed; the same data was rendered again';
  const name = (office: string) => {
    const full = model.officeName.get(office);
    return full ? `${full} (${office})` : office;
  };
  return changes
    .map((change) =>
      change.from === null
        ? `${name(change.office)} submitted its workbook (revision ${change.to})`
        : change.to === null
          ? `${name(change.office)}’s submission is no longer included`
          : `${name(change.office)} sent revision ${change.to} (replacing revision ${change.from})`,
    )
    .join('; ');
}

/** The first lines of a brief or e-mail that replaces an earlier version; null for a first version. */
export function supersedesNotice(model: ReportModel): string | null {
  const replaced = model.supersedes;
  if (!replaced) return null;
  return `This replaces version ${replaced.version} of the ${model.periodLabel} brief, issued on ${formatLongDate(replaced.issuedAt)}. Since then: ${supersedingReasons(model)}.`;
}

/* ---- Where the accessible version is ---- */

export const ACCESSIBLE_VERSION_TITLE = 'Accessible version';
export const accessibleVersionNote = (model: ReportModel) =>
  `This brief is also one HTML page with the same content, for screen readers and small screens: it is attached to the leadership e-mail that carried this PDF, and stored with this report (strategy-report reports get ${model.period} --format html --out DIR, with --version N for an earlier version).`;
