import type { Chart } from '../../domain/report/charts/chart';
import { type ReportCharts, reportCharts } from '../../domain/report/charts/report-charts';
import { formatLongDate, formatPercent, formatRatio, NO_DATA } from '../../domain/report/display-format';
import { officeLabel, type ReportModel, TOP_RISKS } from '../../domain/report/report-model';
import { STATUS_COLOURS } from '../../domain/report/status-palette';
import { SUMMARY_HEADERS, summaryCells } from '../../domain/report/summary-columns';
import type { LevelSummary, SnapshotRow } from '../../domain/rollup/rollup-snapshot';
import { escapeHtml as e, htmlId } from './html-text';

type Cell = string | { readonly html: string; readonly className?: string };

const statusClass = (status: string) => `status-${htmlId(status)}`;

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: #111; background: #fff; margin: 0 auto; max-width: 72rem; padding: 0 1.25rem 3rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 3px solid #0B2545; }
.banner { text-align: center; font-weight: 700; padding: .25rem; border: 2px solid #111; margin: .5rem 0; }
h1 { color: #0B2545; font-size: 2rem; margin: 1.5rem 0 .5rem; }
h2 { color: #0B2545; font-size: 1.5rem; border-bottom: 2px solid #0B2545; padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { color: #13315C; font-size: 1.2rem; margin-top: 1.75rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.lead { font-size: 1.25rem; } .figure { font-size: 1.5rem; font-weight: 700; margin: .5rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .9rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border-bottom: 1px solid #BDBDBD; padding: .25rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #E7ECF2; border-bottom: 2px solid #5F6B7A; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.narrative { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #424242; }
.hash { font-family: ui-monospace, Consolas, monospace; font-size: .8rem; overflow-wrap: anywhere; }
figure { margin: 1rem 0 2rem; } figure svg { max-width: 100%; height: auto; } figcaption { font-weight: 700; }
ol.risks > li { margin-bottom: 1.25rem; }
${Object.entries(STATUS_COLOURS)
  .map(([status, colours]) => `.${statusClass(status)} { background: ${colours.fill}; }`)
  .join('\n')}
@media print { nav, .skip { display: none; } h2 { break-before: page; } table, figure { break-inside: avoid; } }
`;

/**
 * The accessible HTML brief: the same content as the PDF, as a single self-contained page (no
 * script, no external resource, a Content-Security-Policy that forbids loading any), with semantic
 * headings and landmarks, tables with captions and scoped header cells, and every chart given a
 * text alternative (title, description and its data as a table). pdfmake cannot tag PDF
 * structure, so this is the Section 508 version of the brief.
 */
export function renderBriefHtml(model: ReportModel, charts: ReportCharts = reportCharts(model)): string {
  const tableHtml = (
    caption: string,
    headers: readonly string[],
    rows: readonly (readonly Cell[])[],
    options: { rowHeaders?: boolean } = {},
  ): string => {
    if (rows.length === 0) return `<p class="muted">${e(caption)}: none.</p>`;
    const rowHeaders = options.rowHeaders ?? true;
    const body = rows
      .map((row) => {
        const cells = row.map((cell, index) => {
          const html = typeof cell === 'string' ? e(cell) : cell.html;
          const className = typeof cell === 'string' ? undefined : cell.className;
          const attribute = className ? ` class="${className}"` : '';
          return index === 0 && rowHeaders
            ? `<th scope="row"${attribute}>${html}</th>`
            : `<td${attribute}>${html}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      })
      .join('\n');
    return `<table>\n<caption>${e(caption)}</caption>\n<thead><tr>${headers
      .map((header) => `<th scope="col">${e(header)}</th>`)
      .join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  };
  const number = (text: string): Cell => ({ html: e(text), className: 'number' });
  const status = (text: string): Cell => ({ html: e(text), className: statusClass(text) });

  const summaryTable = (
    caption: string,
    firstHeader: string,
    lines: readonly { label: string; summary: LevelSummary }[],
  ) =>
    tableHtml(
      caption,
      [firstHeader, ...SUMMARY_HEADERS],
      lines.map((line) => {
        const cells = summaryCells(line.summary);
        return [line.label, status(cells[0] ?? ''), ...cells.slice(1, 8).map(number), cells[8] ?? ''];
      }),
    );

  const chartFigure = (chart: Chart) => {
    const titleId = `${chart.id}-title`;
    const descriptionId = `${chart.id}-desc`;
    const svg = chart.svg
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${titleId} ${descriptionId}" focusable="false" `)
      .replace(
        /^(<svg[^>]*>)/,
        `$1<title id="${titleId}">${e(chart.title)}</title><desc id="${descriptionId}">${e(chart.description)}</desc>`,
      );
    return `<figure aria-labelledby="${chart.id}-caption">
<figcaption id="${chart.id}-caption">${e(chart.title)}</figcaption>
${svg}
<p class="muted">${e(chart.description)}</p>
${tableHtml(
  chart.table.caption,
  chart.table.columns.map((column, index) => (index === 0 ? 'Level' : column)),
  chart.table.rows.map((row) => row.map((cell, index) => (index === 0 ? cell : number(cell)))),
)}
</figure>`;
  };

  const entryRow = (entry: SnapshotRow): Cell[] => [
    entry.office,
    entry.source === 'reported' ? 'reported' : `carried forward from ${entry.fromPeriod}`,
    status(entry.status),
    number(formatPercent(entry.percentComplete)),
    entry.metric !== undefined
      ? `${entry.metric}: ${entry.actual ?? '?'} of ${entry.target ?? '?'}${entry.attainment !== undefined ? ` (${formatRatio(entry.attainment)})` : ''}`
      : '',
    [
      entry.nextMilestone,
      entry.milestoneDue ? `due ${entry.milestoneDue}` : undefined,
      entry.milestoneOverdue ? 'OVERDUE' : undefined,
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(', '),
  ];

  const sections: { id: string; title: string; html: string }[] = [];
  const summary = model.executiveSummary;
  sections.push({
    id: 'executive-summary',
    title: 'Executive summary',
    html: `<p>${e(summary.overall)}</p>
<h3>Headline changes</h3>
<ul>${summary.changes.map((change) => `<li>${e(change)}</li>`).join('')}</ul>
<h3>Top risks (${Math.min(TOP_RISKS, model.atRisk.length)} of ${model.atRisk.length})</h3>
${
  summary.topRisks.length === 0
    ? '<p>Nothing is at risk or off track.</p>'
    : `<ol>${summary.topRisks
        .map(
          (entry) =>
            `<li><a href="#risk-${entry.rank}">${e(`${entry.activityId} (${entry.office})`)}</a> ${e(`${entry.status}, ${formatPercent(entry.percentComplete)} complete`)}: <span class="narrative">${e(entry.risksAndIssues ?? entry.reasons.join('; '))}</span></li>`,
        )
        .join('\n')}</ol>`
}
<h3>Agency and goals</h3>
${summaryTable('Agency and goals', 'Level', [{ label: 'Agency', summary: model.agency }, ...model.goalLines])}`,
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    html: [charts.statusByGoal, charts.statusByMissionArea, charts.trendByGoal, charts.trendByMissionArea]
      // A plan without mission areas (most StratML plans) has no mission-area charts or view.
      .filter((chart) => model.missionAreas.length > 0 || !chart.id.includes('mission-area'))
      .map(chartFigure)
      .join('\n'),
  });
  for (const section of model.goals) {
    const parts: string[] = [
      summaryTable(section.label, 'Goal', [{ label: section.label, summary: section.goal }]),
    ];
    if (section.missionAreas.length > 0)
      parts.push(
        summaryTable(
          `Mission areas of goal ${section.goal.id}`,
          'Mission area',
          section.missionAreas.map((area) => ({ label: area.title, summary: area })),
        ),
      );
    parts.push(
      summaryTable(
        `Objectives of goal ${section.goal.id}`,
        'Objective',
        section.objectives.map((objective) => ({ label: objective.label, summary: objective.objective })),
      ),
    );
    for (const objective of section.objectives) {
      parts.push(
        `<h3 id="${htmlId('objective', objective.objective.id)}">Objective ${e(objective.label)}</h3>`,
      );
      for (const activity of objective.activities) {
        parts.push(
          `<h4>${e(activity.activity.id)} ${e(activity.activity.text)}</h4>
<p class="muted">${e(`${activity.activity.status}, ${formatPercent(activity.activity.percentComplete)}; ${activity.activity.reported} of ${activity.activity.expected} reported`)}</p>
${tableHtml(
  `Entries for key activity ${activity.activity.id}`,
  ['Office', 'Source', 'Status', '% complete', 'Metric', 'Next milestone'],
  [
    ...activity.entries.map(entryRow),
    ...activity.notReported.map((office): Cell[] => [
      office,
      'not reported',
      status('Not Reported'),
      number(NO_DATA),
      '',
      '',
    ]),
  ],
)}`,
        );
      }
    }
    sections.push({ id: htmlId('goal', section.goal.id), title: section.label, html: parts.join('\n') });
  }
  sections.push({
    id: 'mission-areas',
    title: 'Mission-area view',
    html: [
      summaryTable('Mission areas', 'Mission area', model.missionAreaLines),
      ...model.missionAreas.map(
        ({ area, objectives }) => `<h3 id="${htmlId('mission-area', area.id)}">${e(area.title)}</h3>
<p>${e(`${area.status}, ${formatPercent(area.percentComplete)} complete; ${area.reported} of ${area.expected} entries reported, ${area.carriedForward} carried forward, ${area.missing} missing. Likelihood of finishing on time: ${area.likelihood}.`)}</p>
${summaryTable(`Objectives of ${area.title}`, 'Objective', objectives)}`,
      ),
    ].join('\n'),
  });
  // A plan without mission areas (most StratML plans) has no mission-area view.
  if (model.missionAreas.length === 0)
    sections.splice(
      sections.findIndex((entry) => entry.id === 'mission-areas'),
      1,
    );
  sections.push({
    id: 'at-risk',
    title: 'At-risk detail',
    html: `<p>${e(`${model.atRisk.length} entries are at risk, off track or otherwise flagged, most severe first. The narrative is the submitting office's own words.`)}</p>
<ol class="risks">
${model.atRisk
  .map(
    (
      entry,
    ) => `<li id="risk-${entry.rank}"><h3>${e(`${entry.rank}. ${entry.activityId} · ${entry.office} · `)}<span class="${statusClass(entry.status)}">${e(entry.status)}</span>${e(` · ${formatPercent(entry.percentComplete)} complete`)}${entry.source === 'carried-forward' ? ' <em>· carried forward (not reported this period)</em>' : ''}</h3>
<p class="muted">${e(entry.activityText)}</p>
<dl class="facts">
<dt>Why flagged</dt><dd>${e(entry.reasons.join('; '))}</dd>
<dt>Risks and issues</dt><dd class="narrative">${e(entry.risksAndIssues ?? 'none given')}</dd>
<dt>Accomplishments</dt><dd class="narrative">${e(entry.accomplishments ?? 'none given')}</dd>
<dt>Next milestone</dt><dd>${e(`${entry.nextMilestone ?? 'none given'}${entry.milestoneDue ? ` (due ${entry.milestoneDue})` : ''}`)}</dd>
<dt>Point of contact</dt><dd class="narrative">${e(entry.pointOfContact ?? 'none given')}</dd>
</dl></li>`,
  )
  .join('\n')}
</ol>`,
  });
  const missing = model.missing;
  sections.push({
    id: 'missing',
    title: 'Missing submissions',
    html: `<p>${e(`${model.offices.text}. ${missing.offices.length === 0 ? 'Every office submitted.' : `No accepted submission from: ${missing.offices.map(officeLabel).join('; ')}.`}`)}</p>
<h3>Offices</h3>
${summaryTable('Offices', 'Office', model.officeLines)}
<h3>Entries not reported</h3>
${tableHtml(
  'Entries not reported',
  ['Office', 'Key activity', 'Activity'],
  missing.notReported.map((entry) => [entry.office, entry.activityId, entry.activityText]),
)}
<h3>Entries carried forward from an earlier period</h3>
<p class="muted">Shown with their earlier values and never counted as reported.</p>
${tableHtml(
  'Entries carried forward',
  ['Office', 'Key activity', 'From period'],
  missing.carriedForward.map((entry) => [entry.office, entry.activityId, entry.fromPeriod]),
)}
<h3>Overdue milestones</h3>
${tableHtml(
  'Overdue milestones',
  ['Office', 'Key activity', 'Milestone', 'Due', 'Status'],
  missing.overdueMilestones.map((entry) => [
    entry.office,
    entry.activityId,
    entry.nextMilestone ?? '',
    entry.milestoneDue,
    status(entry.status),
  ]),
)}`,
  });
  sections.push({
    id: 'appendix',
    title: 'Appendix: data sources and rules',
    html: `<h3>Submissions used</h3>
<p>${e(`The figures come from rollup snapshot version ${model.snapshot.version} of ${model.period} (SHA-256 ${model.snapshot.sha256}), computed from the current accepted revision of each office below (input hash ${model.snapshot.inputHash})${model.snapshot.previous ? ` and the ${model.snapshot.previous.period} snapshot version ${model.snapshot.previous.version} for changes and carried-forward entries` : ''}.`)}</p>
${tableHtml(
  'Submissions used',
  ['Office', 'Revision', 'Submission', 'Accepted', 'Uploader', 'Rows', 'SHA-256'],
  model.inputs.map((input) => [
    input.office,
    number(String(input.revision)),
    input.submissionId,
    input.acceptedAt,
    input.uploader,
    number(String(input.rowCount)),
    { html: e(input.sha256), className: 'hash' },
  ]),
)}
<h3>How the figures are made</h3>
<ul>
<li>Each office reports, once a month, on the key activities it owns in the catalog; an office × key activity pair is an entry.</li>
<li>Reported: entries submitted for this period. Carried forward: entries an office did not report this period, shown with their last reported values and never counted as reported. Missing: neither.</li>
<li>Percent complete and metric attainment are weighted as documented in docs/status-rules.md; metric attainment is actual ÷ target where both are given.</li>
<li>Each level’s status is decided by the written rules in docs/status-rules.md; the rules that decided a status in this snapshot are listed below.</li>
<li>Change compares with the previous period’s snapshot; the trend charts show up to the last 12 periods.</li>
</ul>
${tableHtml(
  'Status rules used',
  ['Status rule', 'Levels it decided'],
  model.statusRules.map((rule) => [rule.rule, number(String(rule.levels))]),
)}
<p class="muted">${e(`Catalog ${model.catalog.id} version ${model.catalog.version}. The report's files, their SHA-256 hashes and the chain of earlier reports are listed in its manifest.json. The PDF brief has the same content.`)}</p>`,
  });

  const banner = model.markingBanner
    ? `<p class="banner" role="note" aria-label="Marking">${e(model.markingBanner)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="strategy-report">
<meta name="description" content="${e(`Status of ${model.catalog.title} for ${model.period}: ${model.offices.text}, overall ${model.agency.status}`)}">
<title>${e(`${model.title}, ${model.periodLabel}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the brief</a>
${banner}
<header>
<p class="muted">${e(`${model.catalog.title} · Status brief · ${model.periodLabel} (${model.period})`)}</p>
</header>
<main id="main">
<h1>${e(model.title)}</h1>
<p class="lead">${e(`Status brief for ${model.periodLabel} (${model.period})`)}</p>
<p class="figure">${e(model.offices.text)}</p>
<p>${e(`Overall status ${model.agency.status}, ${formatPercent(model.agency.percentComplete)} complete`)}</p>
<dl class="facts">
<dt>Generated</dt><dd><time datetime="${e(model.generatedOn)}">${e(formatLongDate(model.generatedOn))}</time></dd>
<dt>Data as of</dt><dd><time datetime="${e(model.asOf)}">${e(formatLongDate(model.asOf))}</time></dd>
<dt>Catalog</dt><dd>${e(`${model.catalog.id} version ${model.catalog.version}`)}</dd>
<dt>Rollup snapshot</dt><dd>${e(`version ${model.snapshot.version}`)}</dd>
</dl>
<nav aria-label="Contents">
<h2 id="contents">Contents</h2>
<ol>
${sections.map((section) => `<li><a href="#${section.id}">${e(section.title)}</a></li>`).join('\n')}
</ol>
</nav>
${sections
  .map(
    (section) => `<section aria-labelledby="${section.id}-heading" id="${section.id}">
<h2 id="${section.id}-heading">${e(section.title)}</h2>
${section.html}
</section>`,
  )
  .join('\n')}
</main>
<footer>
<p class="muted">${e(`Generated ${model.generatedOn} from rollup snapshot version ${model.snapshot.version}.`)}</p>
${banner}
</footer>
</body>
</html>
`;
}
