import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Chart } from '../../domain/report/charts/chart';
import type { ReportCharts } from '../../domain/report/charts/report-charts';
import { formatLongDate, formatPercent, formatRatio, NO_DATA } from '../../domain/report/display-format';
import { officeLabel, type ReportModel, TOP_RISKS } from '../../domain/report/report-model';
import { printableText } from '../../domain/report/report-text';
import { statusColours } from '../../domain/report/status-palette';
import { SUMMARY_HEADERS, summaryCells } from '../../domain/report/summary-columns';
import type { SnapshotRow } from '../../domain/rollup/rollup-snapshot';

/** US Letter with room for the running header and footer. */
const PAGE_MARGINS: [number, number, number, number] = [50, 62, 50, 58];
const CONTENT_WIDTH = 612 - PAGE_MARGINS[0] - PAGE_MARGINS[2];
/** Thin rules between rows, a stronger one under the header, narrow cell padding. */
const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (index, node) => (index === 0 || index === node.table.body.length ? 0 : index === 1 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (index) => (index === 1 ? '#5F6B7A' : '#BDBDBD'),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};
/** How much of a narrative the executive summary quotes (the at-risk section has it whole). */
const SUMMARY_NARRATIVE = 240;

export interface BriefDocumentOptions {
  /** Makes data text drawable by the embedded fonts (see pdf-fonts.ts). */
  readonly drawable: (text: string) => string;
}

/**
 * The PDF brief as a pdfmake document definition: cover, executive summary, charts, one section per
 * goal, the mission-area view, at-risk detail, missing submissions and an appendix on sources and
 * rules, with a running header, page numbers and the optional marking banner on every page.
 */
export function briefDocument(
  model: ReportModel,
  charts: ReportCharts,
  options: BriefDocumentOptions,
): TDocumentDefinitions {
  const t = (value: string | undefined | null) => options.drawable(printableText(value ?? ''));
  const generated = new Date(model.generatedAt);

  const heading = (text: string, level: 1 | 2 | 3, extra: { pageBreak?: 'before' } = {}): Content => ({
    text: t(text),
    style: `h${level}`,
    ...(level < 3 ? { tocItem: true } : {}),
    ...(level === 2 ? { tocMargin: [12, 0, 0, 0] as [number, number, number, number] } : {}),
    ...extra,
  });
  const paragraph = (text: string, style = 'body'): Content => ({ text: t(text), style });
  const labelled = (label: string, text: string): Content => ({
    text: [{ text: `${label}: `, bold: true }, t(text)],
    style: 'bodySmall',
  });
  const statusCell = (status: string): TableCell => ({
    text: t(status),
    fillColor: statusColours(status).fill,
  });
  const headerCells = (labels: readonly string[]): TableCell[] =>
    labels.map((label) => ({ text: t(label), style: 'th' }));
  const table = (
    headers: readonly string[],
    rows: readonly TableCell[][],
    widths: (string | number)[],
    style = 'table',
  ): Content =>
    rows.length === 0
      ? paragraph('None.', 'note')
      : {
          style,
          table: { headerRows: 1, widths, body: [headerCells(headers), ...rows] },
          layout: TABLE_LAYOUT,
        };

  const summaryTable = (
    firstHeader: string,
    lines: readonly { label: string; summary: ReportModel['agency'] }[],
  ) =>
    table(
      [firstHeader, ...SUMMARY_HEADERS],
      lines.map((line) => {
        const cells = summaryCells(line.summary);
        return [
          { text: t(line.label) },
          statusCell(cells[0] ?? ''),
          ...cells.slice(1).map((cell) => ({ text: t(cell), style: 'cellNumber' })),
        ];
      }),
      ['*', 50, 36, 40, 34, 36, 32, 34, 40, 44],
      'table',
    );

  const chartBlock = (chart: Chart): Content => ({
    stack: [
      { text: t(chart.title), style: 'h3' },
      { svg: chart.svg, width: chart.width },
      {
        style: 'tableSmall',
        table: {
          headerRows: 1,
          // Many narrow period columns share the width evenly; a few count columns get a fixed width.
          widths:
            chart.table.columns.length > 9
              ? [64, ...chart.table.columns.slice(1).map(() => '*')]
              : ['*', ...chart.table.columns.slice(1).map(() => 40)],
          body: [
            headerCells(chart.table.columns),
            ...chart.table.rows.map((row) =>
              row.map((cell, index) =>
                index === 0 ? { text: t(cell) } : { text: t(cell), style: 'cellNumber' },
              ),
            ),
          ],
        },
        layout: TABLE_LAYOUT,
      },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 10],
  });

  const entryCells = (entry: SnapshotRow): TableCell[] => [
    { text: t(entry.office) },
    {
      text: t(entry.source === 'reported' ? 'reported' : `carried forward from ${entry.fromPeriod}`),
    },
    statusCell(entry.status),
    { text: formatPercent(entry.percentComplete), style: 'cellNumber' },
    {
      text: t(
        entry.metric !== undefined
          ? `${entry.metric}: ${entry.actual ?? '?'} of ${entry.target ?? '?'}${entry.attainment !== undefined ? ` (${formatRatio(entry.attainment)})` : ''}`
          : '',
      ),
    },
    {
      text: t(
        [
          entry.nextMilestone,
          entry.milestoneDue ? `due ${entry.milestoneDue}` : undefined,
          entry.milestoneOverdue ? 'OVERDUE' : undefined,
        ]
          .filter((part) => part !== undefined && part !== '')
          .join(', '),
      ),
    },
  ];

  const goalSections: Content[] = model.goals.flatMap((section) => {
    const parts: Content[] = [
      heading(section.label, 1, { pageBreak: 'before' }),
      summaryTable('Goal', [{ label: section.label, summary: section.goal }]),
    ];
    if (section.missionAreas.length > 0)
      parts.push(
        heading('Mission areas of this goal', 3),
        summaryTable(
          'Mission area',
          section.missionAreas.map((area) => ({ label: area.title, summary: area })),
        ),
      );
    parts.push(
      heading('Objectives', 3),
      summaryTable(
        'Objective',
        section.objectives.map((objective) => ({ label: objective.label, summary: objective.objective })),
      ),
    );
    for (const objective of section.objectives) {
      parts.push(heading(`Objective ${objective.label}`, 2));
      for (const activity of objective.activities) {
        parts.push({
          stack: [
            {
              text: [
                { text: t(`${activity.activity.id} `), bold: true },
                t(activity.activity.text),
                {
                  text: t(
                    `  (${activity.activity.status}, ${formatPercent(activity.activity.percentComplete)}; ${activity.activity.reported} of ${activity.activity.expected} reported)`,
                  ),
                  style: 'muted',
                },
              ],
              style: 'activity',
            },
            table(
              ['Office', 'Source', 'Status', '% complete', 'Metric', 'Next milestone'],
              [
                ...activity.entries.map(entryCells),
                ...activity.notReported.map((office): TableCell[] => [
                  { text: t(office) },
                  { text: 'not reported' },
                  statusCell('Not Reported'),
                  { text: NO_DATA, style: 'cellNumber' },
                  { text: '' },
                  { text: '' },
                ]),
              ],
              [34, 62, 48, 40, '*', '*'],
            ),
          ],
          unbreakable: activity.entries.length + activity.notReported.length <= 8,
        });
      }
    }
    return parts;
  });

  const missionAreaView: Content[] = [
    heading('Mission-area view', 1, { pageBreak: 'before' }),
    summaryTable('Mission area', model.missionAreaLines),
    ...model.missionAreas.flatMap(({ area, objectives }) => [
      heading(area.title, 2),
      paragraph(
        `${area.status}, ${formatPercent(area.percentComplete)} complete; ${area.reported} of ${area.expected} entries reported, ${area.carriedForward} carried forward, ${area.missing} missing. Likelihood of finishing on time: ${area.likelihood}.`,
      ),
      summaryTable('Objective', objectives),
    ]),
  ];

  const atRiskDetail: Content[] = [
    heading('At-risk detail', 1, { pageBreak: 'before' }),
    paragraph(
      `${model.atRisk.length} entries are at risk, off track or otherwise flagged, most severe first. The narrative is the submitting office's own words.`,
    ),
    ...model.atRisk.map(
      (entry): Content => ({
        stack: [
          {
            text: [
              { text: t(`${entry.rank}. ${entry.activityId} · ${entry.office} · `), bold: true },
              { text: t(entry.status), bold: true, background: statusColours(entry.status).fill },
              { text: t(` · ${formatPercent(entry.percentComplete)} complete`), bold: true },
              entry.source === 'carried-forward'
                ? { text: ' · carried forward (not reported this period)', italics: true }
                : '',
            ],
            style: 'riskTitle',
          },
          paragraph(entry.activityText, 'muted'),
          labelled('Why flagged', entry.reasons.join('; ')),
          labelled('Risks and issues', entry.risksAndIssues ?? 'none given'),
          labelled('Accomplishments', entry.accomplishments ?? 'none given'),
          labelled(
            'Next milestone',
            `${entry.nextMilestone ?? 'none given'}${entry.milestoneDue ? ` (due ${entry.milestoneDue})` : ''}`,
          ),
          labelled('Point of contact', entry.pointOfContact ?? 'none given'),
        ],
        margin: [0, 0, 0, 8],
      }),
    ),
  ];

  const missing = model.missing;
  const missingSubmissions: Content[] = [
    heading('Missing submissions', 1, { pageBreak: 'before' }),
    paragraph(
      `${model.offices.text}. ${missing.offices.length === 0 ? 'Every office submitted.' : `No accepted submission from: ${missing.offices.map(officeLabel).join('; ')}.`}`,
    ),
    heading('Offices', 2),
    summaryTable('Office', model.officeLines),
    heading('Entries not reported', 2),
    table(
      ['Office', 'Key activity', 'Activity'],
      missing.notReported.map((entry) => [
        { text: t(entry.office) },
        { text: t(entry.activityId) },
        { text: t(entry.activityText) },
      ]),
      [40, 50, '*'],
    ),
    heading('Entries carried forward from an earlier period', 2),
    paragraph('Shown with their earlier values and never counted as reported.', 'note'),
    table(
      ['Office', 'Key activity', 'From period'],
      missing.carriedForward.map((entry) => [
        { text: t(entry.office) },
        { text: t(entry.activityId) },
        { text: t(entry.fromPeriod) },
      ]),
      [40, 60, '*'],
    ),
    heading('Overdue milestones', 2),
    table(
      ['Office', 'Key activity', 'Milestone', 'Due', 'Status'],
      missing.overdueMilestones.map((entry) => [
        { text: t(entry.office) },
        { text: t(entry.activityId) },
        { text: t(entry.nextMilestone ?? '') },
        { text: t(entry.milestoneDue) },
        statusCell(entry.status),
      ]),
      [40, 50, '*', 54, 54],
    ),
  ];

  const appendix: Content[] = [
    heading('Appendix: data sources and rules', 1, { pageBreak: 'before' }),
    heading('Submissions used', 2),
    paragraph(
      `The figures come from rollup snapshot version ${model.snapshot.version} of ${model.period} (SHA-256 ${model.snapshot.sha256}), computed from the current accepted revision of each office below (input hash ${model.snapshot.inputHash})${model.snapshot.previous ? ` and the ${model.snapshot.previous.period} snapshot version ${model.snapshot.previous.version} for changes and carried-forward entries` : ''}.`,
      'bodySmall',
    ),
    table(
      ['Office', 'Revision', 'Submission', 'Accepted', 'Uploader', 'Rows', 'SHA-256'],
      model.inputs.map((input) => [
        { text: t(input.office) },
        { text: String(input.revision), style: 'cellNumber' },
        { text: t(input.submissionId) },
        { text: t(input.acceptedAt) },
        { text: t(input.uploader) },
        { text: String(input.rowCount), style: 'cellNumber' },
        { text: t(input.sha256), style: 'mono' },
      ]),
      [30, 34, 60, 62, '*', 24, 110],
    ),
    heading('How the figures are made', 2),
    {
      ul: [
        'Each office reports, once a month, on the key activities it owns in the catalog; an office × key activity pair is an entry.',
        'Reported: entries submitted for this period. Carried forward: entries an office did not report this period, shown with their last reported values and never counted as reported. Missing: neither.',
        'Percent complete and metric attainment are weighted as documented in docs/status-rules.md; metric attainment is actual ÷ target where both are given.',
        'Each level’s status is decided by the written rules in docs/status-rules.md; the rules that decided a status in this snapshot are listed below.',
        'Change compares with the previous period’s snapshot; the trend charts show up to the last 12 periods.',
        'Characters the embedded font cannot draw are printed as �; the HTML brief and the workbook carry the text exactly as submitted.',
      ].map((item) => ({ text: t(item), style: 'bodySmall' })),
    },
    table(
      ['Status rule', 'Levels it decided'],
      model.statusRules.map((rule) => [
        { text: t(rule.rule) },
        { text: String(rule.levels), style: 'cellNumber' },
      ]),
      ['*', 80],
    ),
    paragraph(
      `Catalog ${model.catalog.id} version ${model.catalog.version}. The report's files, their SHA-256 hashes and the chain of earlier reports are listed in its manifest.json. This brief has an accessible HTML version with the same content.`,
      'note',
    ),
  ];

  const summary = model.executiveSummary;
  const content: Content[] = [
    // Cover
    { text: t(model.title), style: 'title', margin: [0, 120, 0, 12] },
    { text: t(`Status brief for ${model.periodLabel} (${model.period})`), style: 'subtitle' },
    { text: t(model.offices.text), style: 'coverFigure', margin: [0, 36, 0, 4] },
    {
      text: t(
        `Overall status ${model.agency.status}, ${formatPercent(model.agency.percentComplete)} complete`,
      ),
      style: 'coverLine',
    },
    {
      margin: [0, 48, 0, 0],
      table: {
        widths: [120, '*'],
        body: [
          ['Generated', formatLongDate(model.generatedOn)],
          ['Data as of', formatLongDate(model.asOf)],
          ['Catalog', `${model.catalog.id} version ${model.catalog.version}`],
          ['Rollup snapshot', `version ${model.snapshot.version}`],
        ].map(([label, value]) => [
          { text: t(label), style: 'coverLabel' },
          { text: t(value), style: 'coverValue' },
        ]),
      },
      layout: 'noBorders',
    },
    { text: 'Contents', style: 'h1', pageBreak: 'before' },
    { toc: { title: { text: '' } } },
    // Executive summary
    heading('Executive summary', 1, { pageBreak: 'before' }),
    paragraph(summary.overall),
    heading('Headline changes', 3),
    { ul: summary.changes.map((change) => ({ text: t(change), style: 'body' })) },
    heading(`Top risks (${Math.min(TOP_RISKS, model.atRisk.length)} of ${model.atRisk.length})`, 3),
    summary.topRisks.length === 0
      ? paragraph('Nothing is at risk or off track.', 'note')
      : {
          ol: summary.topRisks.map((entry) => ({
            text: t(
              `${entry.activityId} (${entry.office}) ${entry.status}, ${formatPercent(entry.percentComplete)} complete: ${shorten(entry.risksAndIssues ?? entry.reasons.join('; '), SUMMARY_NARRATIVE)}`,
            ),
            style: 'body',
          })),
        },
    heading('Agency and goals', 3),
    summaryTable('Level', [{ label: 'Agency', summary: model.agency }, ...model.goalLines]),
    // Charts
    heading('Charts', 1, { pageBreak: 'before' }),
    chartBlock(charts.statusByGoal),
    // A plan without mission areas (most StratML plans) has no mission-area charts or view.
    ...(model.missionAreas.length > 0 ? [chartBlock(charts.statusByMissionArea)] : []),
    chartBlock(charts.trendByGoal),
    ...(model.missionAreas.length > 0 ? [chartBlock(charts.trendByMissionArea)] : []),
    ...goalSections,
    ...(model.missionAreas.length > 0 ? missionAreaView : []),
    ...atRiskDetail,
    ...missingSubmissions,
    ...appendix,
  ];

  const banner = model.markingBanner ? t(model.markingBanner) : undefined;
  const runningTitle = t(`${model.catalog.title} · Status brief · ${model.periodLabel} (${model.period})`);
  return {
    pageSize: 'LETTER',
    pageMargins: PAGE_MARGINS,
    version: '1.7',
    subset: 'PDF/A-2b',
    language: 'en-US',
    compress: true,
    info: {
      title: t(`${model.title}, ${model.periodLabel}`),
      subject: t(
        `Status of ${model.catalog.title} for ${model.period}: ${model.offices.text}, overall ${model.agency.status}`,
      ),
      author: 'strategy-report',
      creator: 'strategy-report',
      producer: 'strategy-report (pdfmake)',
      keywords: t(`strategy status report ${model.period} ${model.catalog.id} ${model.catalog.version}`),
      creationDate: generated,
      modDate: generated,
    },
    header: (currentPage) => ({
      margin: [PAGE_MARGINS[0], 18, PAGE_MARGINS[2], 0],
      stack: [
        ...(banner ? [{ text: banner, style: 'banner' }] : []),
        ...(currentPage === 1
          ? []
          : [
              {
                columns: [{ text: runningTitle, style: 'running' }],
              },
            ]),
      ],
    }),
    footer: (currentPage, pageCount) => ({
      margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
      stack: [
        {
          columns: [
            {
              text: t(`Generated ${model.generatedOn} from snapshot v${model.snapshot.version}`),
              style: 'running',
            },
            { text: `Page ${currentPage} of ${pageCount}`, style: 'running', alignment: 'right' },
          ],
        },
        ...(banner
          ? [{ text: banner, style: 'banner', margin: [0, 4, 0, 0] as [number, number, number, number] }]
          : []),
      ],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 24, bold: true, color: '#0B2545' },
      subtitle: { fontSize: 14, color: '#13315C' },
      coverFigure: { fontSize: 20, bold: true },
      coverLine: { fontSize: 13 },
      coverLabel: { fontSize: 10, bold: true, color: '#424242' },
      coverValue: { fontSize: 10 },
      h1: { fontSize: 16, bold: true, color: '#0B2545', margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, color: '#13315C', margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
      body: { fontSize: 9, margin: [0, 0, 0, 4] },
      bodySmall: { fontSize: 8, margin: [0, 0, 0, 3] },
      note: { fontSize: 8, italics: true, color: '#424242', margin: [0, 0, 0, 4] },
      muted: { fontSize: 8, color: '#424242', margin: [0, 0, 0, 2] },
      activity: { fontSize: 8.5, margin: [0, 6, 0, 2] },
      riskTitle: { fontSize: 9, margin: [0, 4, 0, 2] },
      table: { fontSize: 7.5, margin: [0, 2, 0, 8] },
      tableSmall: { fontSize: 6.5, margin: [0, 4, 0, 4] },
      th: { bold: true, fillColor: '#E7ECF2' },
      cellNumber: { alignment: 'right' },
      mono: { fontSize: 6 },
      running: { fontSize: 7.5, color: '#424242' },
      banner: { fontSize: 9, bold: true, alignment: 'center' },
    },
  };
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

export { CONTENT_WIDTH };
