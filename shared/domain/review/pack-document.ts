import { formatLongDate, formatPercent, formatPeriodLong } from '../report/display-format';
import { ATTESTATION_FIELDS, attestationAnswers } from '../submission/attestation';
import type { OfficeDataQuality } from './data-quality-appendix';
import { RELIABILITY_RULES } from './data-reliability';
import { NO_MITIGATION } from './improvement-strategies';
import type { LevelReview } from './level-review';
import type { GoalReview, QuarterlyReviewModel } from './quarterly-review-model';
import {
  HEADERS,
  levelLabel,
  likelihoodText,
  onTrackText,
  packTitle,
  progressText,
  quarterName,
  riskText,
  startNote,
  timelinessText,
  unchangedText,
} from './review-wording';
import { HIGH_RISK_ENTRY_SHARE } from './risk-category';
import { unchangedSentence } from './unchanged-count';

/**
 * The quarterly review pack as format-neutral blocks — headings, paragraphs, tables — that the
 * PDF and HTML renderers lay out each in their own way. One source of text, so both formats say
 * the same thing in the same order, and a test reads the same words from each.
 */
export type PackCell =
  | string
  | {
      readonly text: string;
      readonly status?: string;
      readonly number?: boolean;
      /** An identifier such as a SHA-256: set in a fixed-width font, broken anywhere to fit. */
      readonly hash?: boolean;
    };

export interface PackTable {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly PackCell[])[];
  /** Relative column widths for a paged layout ('*' shares what is left). */
  readonly widths: readonly (number | '*')[];
}

export type PackBlock =
  | { readonly kind: 'heading'; readonly level: 2; readonly text: string; readonly id: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly style?: 'note' | 'notice' | 'lead' }
  | { readonly kind: 'facts'; readonly items: readonly { readonly label: string; readonly value: string }[] }
  | { readonly kind: 'table'; readonly table: PackTable };

export interface PackSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly PackBlock[];
}

export interface PackDocument {
  readonly title: string;
  readonly subtitle: string;
  /** The running title of pages after the first. */
  readonly runningTitle: string;
  /** Page 1: what a leader reads in thirty seconds. */
  readonly summary: PackSection;
  readonly sections: readonly PackSection[];
}

const status = (text: string): PackCell => ({ text, status: text });
const number = (text: string): PackCell => ({ text, number: true });
const slug = (...parts: string[]) =>
  parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function packDocument(model: QuarterlyReviewModel): PackDocument {
  return {
    title: `${packTitle(model.quarter)}: ${model.plan.title}`,
    subtitle: quarterName(model.quarter),
    runningTitle: `${packTitle(model.quarter)} · ${model.plan.title}`,
    summary: summarySection(model),
    sections: [
      {
        id: 'goals',
        title: 'Goals',
        blocks: model.goals.flatMap((goal) => levelBlocks(model, goal, 2)),
      },
      {
        id: 'objectives',
        title: 'Objectives',
        blocks: model.objectives.flatMap((objective) => levelBlocks(model, objective, 2)),
      },
      {
        id: 'mission-areas',
        title: 'Mission areas',
        blocks:
          model.missionAreas.length === 0
            ? [{ kind: 'paragraph', text: 'The plan has no mission areas.' }]
            : model.missionAreas.flatMap((area) => levelBlocks(model, area, 2)),
      },
      dataQualitySection(model),
      sourcesSection(model),
    ],
  };
}

function summarySection(model: QuarterlyReviewModel): PackSection {
  const { agency, riskCounts, dataQuality } = model;
  const atRisk = model.goals.filter((goal) => goal.mostAtRisk);
  const nextSteps = model.goals.reduce((sum, goal) => sum + goal.nextSteps.length, 0);
  const blocks: PackBlock[] = [
    {
      kind: 'paragraph',
      style: 'lead',
      text: `The plan stood at ${formatPercent(agency.endPercent)} complete at the end of the quarter (${formatPercent(agency.startPercent)} at its start); overall status ${agency.endStatus}.`,
    },
    {
      kind: 'facts',
      items: [
        {
          label: 'Data as of',
          value: `${formatLongDate(model.asOf)}, from the rollup snapshots of ${model.sources.map((source) => `${formatPeriodLong(source.period)} (v${source.version})`).join(', ')}`,
        },
        {
          label: 'Goals by risk',
          value: `${riskCounts.High} High, ${riskCounts.Medium} Medium, ${riskCounts.Low} Low`,
        },
        { label: 'Data reliability', value: `${dataQuality.overall} (see Data quality)` },
        { label: 'Unchanged entries', value: unchangedSentence(agency.unchanged) },
        {
          label: 'Next steps',
          value: `${nextSteps} milestones due in ${model.nextQuarter.label}`,
        },
      ],
    },
    ...(model.monthsWithoutData.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            style: 'notice' as const,
            text: `No rollup snapshot for ${model.monthsWithoutData.map(formatPeriodLong).join(', ')}: the quarter is shown from the months that have one.`,
          },
        ]
      : []),
    {
      kind: 'table',
      table: {
        caption: 'Goals this quarter',
        headers: HEADERS.goalsSummary,
        rows: model.goals.map((goal) => [
          levelLabel(goal),
          status(goal.risk.category),
          goal.likelihood.likelihood,
          progressText(goal),
          number(String(goal.progress.entriesCompleted)),
          number(String(goal.nextSteps.length)),
        ]),
        widths: ['*', 44, 54, 120, 52, 44],
      },
    },
    ...mostAtRiskBlocks(atRisk),
    {
      kind: 'table',
      table: {
        caption: 'Offices this quarter',
        headers: ['Office', 'Reporting (months)', 'Data reliability'],
        rows: dataQuality.offices.map((office) => [
          `${office.office} (${office.name})`,
          monthsCount(office),
          office.reliability.verdict,
        ]),
        widths: ['*', 160, 120],
      },
    },
  ];
  return { id: 'summary', title: 'Summary', blocks };
}

/** Page 1 shows at most this many improvement strategies; the rest are under their goals. */
export const SUMMARY_STRATEGIES = 5;

function mostAtRiskBlocks(atRisk: readonly GoalReview[]): PackBlock[] {
  if (atRisk.length === 0) return [{ kind: 'paragraph', text: 'No goal is at Medium or High risk.' }];
  const strategies = atRisk.flatMap((goal) =>
    goal.improvementStrategies.map((strategy) => ({ goal, strategy })),
  );
  const shown = strategies.slice(0, SUMMARY_STRATEGIES);
  return [
    {
      kind: 'paragraph',
      text: `Most at risk: ${atRisk.map((goal) => `Goal ${goal.id}, ${goal.risk.category} (${goal.risk.reason.replace(/\.$/, '')})`).join('; ')}.`,
    },
    {
      kind: 'table',
      table: {
        caption: `Improvement strategies (${shown.length} of ${strategies.length}; all under each goal)`,
        headers: ['Goal', 'Office', 'Key activity', 'Improvement strategy (mitigation)'],
        rows: shown.map(({ goal, strategy }) => [
          `Goal ${goal.id}`,
          strategy.office,
          `${strategy.activityId} ${strategy.status}`,
          strategy.mitigation ?? NO_MITIGATION,
        ]),
        widths: [40, 34, 90, '*'],
      },
    },
  ];
}

const monthsCount = (office: OfficeDataQuality) => {
  const count = (timeliness: string) =>
    office.months.filter((month) => month.timeliness === timeliness).length;
  return timelinessText({
    onTime: count('on time'),
    late: count('late'),
    notReported: count('not reported'),
  });
};

function levelBlocks(
  model: QuarterlyReviewModel,
  level: LevelReview | GoalReview,
  headingLevel: 2,
): PackBlock[] {
  const id = slug(level.kind, level.id);
  const caption = (what: string) =>
    `${what}, ${level.kind === 'missionArea' ? level.title : `${level.kind} ${level.id}`}`;
  const blocks: PackBlock[] = [
    { kind: 'heading', level: headingLevel, text: levelLabel(level), id },
    {
      kind: 'facts',
      items: [
        { label: 'Risk category', value: riskText(level) },
        { label: 'Likelihood', value: likelihoodText(level) },
        { label: 'Quarter progress', value: `${progressText(level)}, start ${startNote(level)}` },
        { label: 'Entries completed', value: String(level.progress.entriesCompleted) },
        { label: 'Unchanged', value: unchangedSentence(level.unchanged) },
      ],
    },
    {
      kind: 'table',
      table: {
        caption: caption('Trend by quarter'),
        headers: ['Quarter', '% complete', 'Status', 'Month'],
        rows: level.trend.map((point) => [
          point.quarter,
          number(formatPercent(point.percentComplete)),
          status(point.status ?? 'No Data'),
          point.period ? formatPeriodLong(point.period) : 'no snapshot',
        ]),
        widths: [70, 60, 70, '*'],
      },
    },
    {
      kind: 'table',
      table: {
        caption: caption('Contributors'),
        headers: HEADERS.contributors,
        rows: level.contributors.map((contributor) => [
          `${contributor.office} (${contributor.name})`,
          timelinessText(contributor),
          onTrackText(contributor),
          number(unchangedText(contributor)),
        ]),
        widths: ['*', 150, 90, 90],
      },
    },
  ];
  if ('improvementStrategies' in level && level.mostAtRisk) blocks.push(strategiesBlock(level, caption));
  if (level.kind === 'goal') blocks.push(...goalPlanBlocks(model, level, caption));
  return blocks;
}

type Caption = (what: string) => string;

function strategiesBlock(goal: GoalReview, caption: Caption): PackBlock {
  return {
    kind: 'table',
    table: {
      caption: caption('Improvement strategies'),
      headers: HEADERS.strategies,
      rows: goal.improvementStrategies.map((strategy) => [
        strategy.office,
        `${strategy.activityId} ${strategy.activityText}`,
        status(strategy.status),
        strategy.risksAndIssues ?? '—',
        strategy.mitigation ?? NO_MITIGATION,
      ]),
      widths: [34, 120, 50, '*', '*'],
    },
  };
}

/** What a goal did this quarter and what it does next. */
function goalPlanBlocks(model: QuarterlyReviewModel, goal: LevelReview, caption: Caption): PackBlock[] {
  return [
    {
      kind: 'table',
      table: {
        caption: caption('Accomplishments'),
        headers: HEADERS.accomplishments,
        rows: goal.accomplishments.map((item) => [
          formatPeriodLong(item.period),
          item.office,
          `${item.activityId} ${item.activityText}`,
          item.accomplishments ?? '—',
        ]),
        widths: [70, 34, 150, '*'],
      },
    },
    {
      kind: 'table',
      table: {
        caption: caption(`Next steps (due in ${model.nextQuarter.label})`),
        headers: HEADERS.nextSteps,
        rows: goal.nextSteps.map((step) => [
          step.due,
          step.office,
          `${step.activityId} ${step.activityText}`,
          step.milestone,
          status(step.status),
        ]),
        widths: [56, 34, 150, '*', 50],
      },
    },
  ];
}

function dataQualitySection(model: QuarterlyReviewModel): PackSection {
  const { dataQuality } = model;
  return {
    id: 'data-quality',
    title: 'Data quality (31 U.S.C. §1115(b)(8))',
    blocks: [
      {
        kind: 'paragraph',
        text: `Overall: the quarter's data are ${dataQuality.overall}. Each office's verdict follows the rule in docs/quarterly-review.md (rules tried in order: ${RELIABILITY_RULES.join(', ')}).`,
      },
      {
        kind: 'table',
        table: {
          caption: 'Reliability by office',
          headers: HEADERS.dataQuality,
          rows: dataQuality.offices.map((office) => [
            `${office.office} (${office.name})`,
            `${office.reliability.verdict}: ${office.reliability.reason}`,
            monthsText(office),
            number(String(office.rejectedBeforeAcceptance)),
            number(unchangedText(office.unchanged)),
          ]),
          widths: [80, '*', 110, 60, 60],
        },
      },
      ...dataQuality.offices.flatMap((office) => officeBlocks(office)),
    ],
  };
}

const monthsText = (office: OfficeDataQuality) =>
  office.months
    .map(
      (month) =>
        `${formatPeriodLong(month.period)}: ${month.timeliness}${month.firstAcceptedAt ? ` (${month.firstAcceptedAt.slice(0, 10)}, due ${month.deadline})` : ''}`,
    )
    .join('; ');

function officeBlocks(office: OfficeDataQuality): PackBlock[] {
  const heading: PackBlock = {
    kind: 'heading',
    level: 2,
    text: `Attestation: ${office.office} (${office.name})`,
    id: slug('attestation', office.office),
  };
  const v1 =
    office.templateVersion1Months.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            style: 'note' as const,
            text: `${office.templateVersion1Months.map(formatPeriodLong).join(', ')}: accepted on template version 1 (grace period), with no attestation.`,
          },
        ]
      : [];
  const rejected = office.months
    .filter((month) => month.rejectedBefore > 0)
    .map(
      (month) =>
        `${formatPeriodLong(month.period)}: ${month.rejectedBefore} (${month.rejectedRules.join(', ')})`,
    );
  const attempts: PackBlock = {
    kind: 'paragraph',
    text: `Rejected attempts before acceptance: ${rejected.length === 0 ? 'none' : rejected.join('; ')}. On-time record: ${monthsText(office)}.`,
  };
  if (office.attestation === null)
    return [
      heading,
      {
        kind: 'paragraph',
        style: 'notice',
        text:
          office.attestationPeriod === null
            ? 'No submission accepted this quarter: no attestation.'
            : `No attestation: its ${formatPeriodLong(office.attestationPeriod)} workbook was on template version 1, which had none.`,
      },
      ...v1,
      attempts,
    ];
  const answers = attestationAnswers(office.attestation);
  return [
    heading,
    {
      kind: 'paragraph',
      text: `From its ${formatPeriodLong(office.attestationPeriod ?? '')} submission, the last month of the quarter it reported.`,
    },
    {
      kind: 'facts',
      items: ATTESTATION_FIELDS.map((field) => ({ label: field.label, value: answers.get(field.key) ?? '' })),
    },
    ...v1,
    attempts,
  ];
}

function sourcesSection(model: QuarterlyReviewModel): PackSection {
  return {
    id: 'sources',
    title: 'Sources and rules',
    blocks: [
      {
        kind: 'table',
        table: {
          caption: 'Monthly rollup snapshots',
          headers: ['Month', 'Snapshot version', 'SHA-256'],
          rows: model.sources.map((source) => [
            formatPeriodLong(source.period),
            number(`v${source.version}`),
            { text: source.sha256, hash: true },
          ]),
          widths: [80, 60, '*'],
        },
      },
      {
        kind: 'paragraph',
        text: `Plan: ${model.plan.title} (${model.plan.id} version ${model.plan.version})${model.plan.endDate ? `, ending ${model.plan.endDate}` : ''}.`,
      },
      {
        kind: 'paragraph',
        text: `Risk category: High when unlikely to finish by the plan's end, Off Track, or a third (${formatPercent(HIGH_RISK_ENTRY_SHARE * 100)}) or more of its entries At Risk or Off Track; Medium when no entry has data, finishing on time is uncertain or not yet shown, any entry is At Risk or Off Track, or a milestone is overdue; otherwise Low (docs/quarterly-review.md).`,
      },
      {
        kind: 'paragraph',
        text: 'Likelihood: the rollup’s rule (docs/status-rules.md), the pace fitted over every month of the plan so far. Next steps: milestones due in the coming quarter. Improvement strategies: the offices’ mitigation text for the goals most at risk (High, else Medium).',
      },
    ],
  };
}
