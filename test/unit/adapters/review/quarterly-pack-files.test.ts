import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMALLEST_FONT_SIZE } from '../../../../shared/adapters/pdf/brief-styles';
import {
  type QuarterlyPackFiles,
  renderQuarterlyPack,
} from '../../../../shared/adapters/review/quarterly-pack-files';
import { formatPercent } from '../../../../shared/domain/report/display-format';
import type { QuarterlyReviewInputs } from '../../../../shared/domain/review/quarterly-review-inputs';
import {
  type QuarterlyReviewModel,
  quarterlyReviewModel,
} from '../../../../shared/domain/review/quarterly-review-model';
import type { RollupSnapshot } from '../../../../shared/domain/rollup/rollup-snapshot';
import { elementText, readTaggedPdf, structureNodes, type TaggedPdf } from '../../../support/pdf-structure';
import { RISK_TEXT, scenarioInputs } from '../../../support/quarterly-review-scenario';
import { htmlText, normalize, pdfPageTexts, pdfTextItems } from '../../../support/report-text';

/**
 * One quarterly review pack rendered from six months submitted and rolled up through the in-memory
 * ports, read back as its readers get it: the PDF with pdf.js (text and structure tree), the
 * workbook with exceljs, the HTML as text. For every goal each file must give its quarter
 * progress, trend, likelihood, risk category, contributors, next steps, and for the goals most at
 * risk their improvement strategies. Expected figures come from the stored snapshots where they can.
 */
const OPTIONS = { generatedAt: '2027-01-20T12:00:00.000Z', rendererVersion: '0.1.0-test' };

let inputs: QuarterlyReviewInputs;
let model: QuarterlyReviewModel;
let files: QuarterlyPackFiles;
let pages: string[];
let tagged: TaggedPdf;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  ({ inputs } = await scenarioInputs());
  model = quarterlyReviewModel(inputs);
  files = await renderQuarterlyPack(inputs, OPTIONS);
  pages = await pdfPageTexts(files.pdf);
  tagged = await readTaggedPdf(files.pdf);
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(files.xlsx) as unknown as ArrayBuffer);
}, 120_000);

const month = (period: string) => inputs.months.find((m) => m.period === period)?.content as RollupSnapshot;
const goalFigure = (
  snapshot: { goals: readonly { id: string; percentComplete: number | null }[] },
  id: string,
) => snapshot.goals.find((goal) => goal.id === id)?.percentComplete ?? null;
const septemberGoal = (id: string) =>
  goalFigure(inputs.history.find((m) => m.period === '2026-09') as RollupSnapshot, id);

/** A goal's part of a text: from its heading to the next goal's (or the next section). */
function goalPart(text: string, goalIndex: number, sectionEnd: string, after = 0): string {
  const goals = month('2026-12').goals;
  const heading = (index: number) => `Goal ${goals[index]?.id}: ${goals[index]?.title}`;
  const from = text.indexOf(heading(goalIndex), after);
  const next =
    goalIndex + 1 < goals.length
      ? text.indexOf(heading(goalIndex + 1), from + 1)
      : text.indexOf(sectionEnd, from);
  expect(from).toBeGreaterThan(0);
  expect(next).toBeGreaterThan(from);
  return text.slice(from, next);
}

/** What each format must say of one goal, built from the snapshots and the model's named offices. */
/** `labelEnd`: how a fact's label ends (PDF "Label: value", HTML a <dt> then a <dd>). */
function expectedGoalTexts(goalIndex: number, labelEnd = ': '): string[] {
  const goal = model.goals[goalIndex];
  if (!goal) throw new Error('no goal');
  const start = septemberGoal(goal.id);
  const end = goalFigure(month('2026-12'), goal.id);
  return [
    // Quarter progress: start and end percent, entries completed.
    `${formatPercent(start)} to ${formatPercent(end)}`,
    // Trend: every quarter of the plan so far.
    `FY2026-Q4 ${formatPercent(start)}`,
    `FY2027-Q1 ${formatPercent(end)}`,
    // Likelihood and risk category.
    `Likelihood${labelEnd}${goal.likelihood.likelihood}`,
    `Risk category${labelEnd}${goal.risk.category}: ${goal.risk.reason}`,
    // Contributors: each office, its reporting record and entries on track.
    ...goal.contributors.map(
      (c) =>
        `${c.office} (${c.name}) ${c.onTime} on time, ${c.late} late, ${c.notReported} not reported ${c.onTrack} of ${c.entries}`,
    ),
    // Next steps: each milestone due next quarter.
    ...goal.nextSteps.map((step) => `${step.due} ${step.office} ${step.activityId}`),
    // Improvement strategies of the goals most at risk: the offices' mitigation, word for word.
    ...goal.improvementStrategies.map((strategy) => strategy.mitigation ?? ''),
  ];
}

describe('the quarterly review pack: PDF', () => {
  it('shows every label of the Summary in full: its column is wide enough for the longest', () => {
    const sheet = workbook.getWorksheet('Summary');
    if (!sheet) throw new Error('no sheet Summary');
    const labels: string[] = [];
    for (let row = 1; sheet.getRow(row).getCell(1).text !== ''; row += 1)
      labels.push(sheet.getRow(row).getCell(1).text);
    expect(labels).toContain('Unchanged entries');
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(Math.max(...labels.map((label) => label.length)));
  });

  it('gives, for every goal, progress, trend, likelihood, risk, contributors, next steps and (most at risk) strategies', () => {
    const text = normalize(
      pages
        .slice(1)
        .join(' ')
        .replace(/Page \d+ of \d+/g, ' '),
    );
    model.goals.forEach((goal, index) => {
      const part = goalPart(text, index, 'Objectives');
      for (const expected of expectedGoalTexts(index)) expect(part, `goal ${goal.id}`).toContain(expected);
      expect(part.includes('Improvement strategies, goal'), `goal ${goal.id}`).toBe(goal.mostAtRisk);
    });
    expect(model.goals.some((goal) => goal.mostAtRisk && goal.improvementStrategies.length > 0)).toBe(true);
  });

  it('puts a one-page summary first: every goal with its risk, likelihood and progress; the detail starts on page 2', () => {
    const first = pages[0] ?? '';
    expect(first).toContain('Quarterly performance review, FY2027-Q1');
    expect(first).toContain('FY2027-Q1 (October 2026 – December 2026)');
    for (const goal of model.goals)
      expect(first).toContain(
        `Goal ${goal.id}: ${goal.title} ${goal.risk.category} ${goal.likelihood.likelihood} ${formatPercent(septemberGoal(goal.id))} to ${formatPercent(goalFigure(month('2026-12'), goal.id))}`,
      );
    expect(first).toContain(
      'Data as of: 31 December 2026, from the rollup snapshots of October 2026 (v1), November 2026 (v1), December 2026 (v1)',
    );
    expect(first).toContain('Data reliability: not sufficiently reliable');
    expect(first).toMatch(/Unchanged entries: \d+ of \d+ entries unchanged since last period/);
    expect(pages[1]).toMatch(/^Goals Goal 1:/);
  });

  it('is tagged as the brief is: headings for every goal, objective and mission area, tables with header cells, no text under 8 pt', async () => {
    const headings = tagged.pages.flatMap((page) =>
      [...structureNodes(page.tree)]
        .filter((node) => /^H[1-3]$/.test(node.role))
        .map((node) => normalize(elementText(page, node))),
    );
    for (const goal of model.goals) expect(headings).toContain(`Goal ${goal.id}: ${goal.title}`);
    for (const objective of model.objectives)
      expect(headings).toContain(`Objective ${objective.id}: ${objective.title}`);
    for (const area of model.missionAreas) expect(headings).toContain(`Mission area ${area.title}`);
    expect(headings).toContain('Data quality (31 U.S.C. §1115(b)(8))');
    const roles = tagged.pages.flatMap((page) => [...structureNodes(page.tree)].map((node) => node.role));
    expect(roles).toContain('Table');
    expect(roles).toContain('TH');
    expect(tagged.markInfo?.Marked).toBe(true);
    expect(tagged.pages.every((page) => page.unmarkedPainting === 0)).toBe(true);
    expect(String(tagged.xmp.get('pdfuaid:part'))).toBe('1');
    expect(String(tagged.xmp.get('pdfaid:part'))).toBe('2');
    const smallest = Math.min(...(await pdfTextItems(files.pdf)).map((item) => item.size));
    expect(smallest).toBeGreaterThanOrEqual(SMALLEST_FONT_SIZE - 0.01);
  });

  it('carries the data-quality appendix: attestation items, template version 1 months, rejected attempts, reliability', () => {
    const text = normalize(pages.join(' '));
    const appendix = text.slice(text.lastIndexOf('Data quality (31 U.S.C. §1115(b)(8))'));
    const ofo = model.dataQuality.offices.find((office) => office.office === 'OFO');
    expect(appendix).toContain(`Approved by: name: ${ofo?.attestation?.approvedBy.name}`);
    expect(appendix).toContain(
      `How the data are verified and validated: ${ofo?.attestation?.dataQuality.verification}`,
    );
    expect(appendix).toContain(
      'October 2026: accepted on template version 1 (grace period), with no attestation.',
    );
    expect(appendix).toContain(
      'Rejected attempts before acceptance: October 2026: 2 (attestation.missing-field, status.allowed-values)',
    );
    expect(appendix).toContain('OT (Office of Trade) not sufficiently reliable:');
  });
});

describe('the quarterly review pack: workbook', () => {
  const rowsOf = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((key, index) => [key, values[index] ?? null])));
    });
    return rows;
  };

  it('gives, for every goal, progress, trend, likelihood, risk, contributors, next steps and (most at risk) strategies', () => {
    const levels = rowsOf('Levels');
    const trend = rowsOf('Trend');
    const contributors = rowsOf('Contributors');
    const strategies = rowsOf('Improvement strategies');
    const nextSteps = rowsOf('Next steps');
    for (const goal of model.goals) {
      const level = levels.find((row) => row.Level === 'Goal' && row.Id === goal.id);
      expect(level).toMatchObject({
        Risk: goal.risk.category,
        Likelihood: goal.likelihood.likelihood,
        '% at start': Math.round(((septemberGoal(goal.id) as number) / 100) * 1000) / 1000,
        '% at end': Math.round(((goalFigure(month('2026-12'), goal.id) as number) / 100) * 1000) / 1000,
        'Entries completed': goal.progress.entriesCompleted,
      });
      const points = trend.find((row) => row.Level === 'Goal' && row.Id === goal.id);
      expect(points?.['FY2026-Q4']).toBe(
        Math.round(((septemberGoal(goal.id) as number) / 100) * 1000) / 1000,
      );
      expect(
        contributors.filter((row) => row.Level === 'Goal' && row.Id === goal.id).map((row) => row.Office),
      ).toEqual(goal.contributors.map((c) => c.office));
      expect(
        nextSteps.filter((row) => row.Goal === goal.id).map((row) => `${row.Office}/${row['Key activity']}`),
      ).toEqual(goal.nextSteps.map((step) => `${step.office}/${step.activityId}`));
      expect(
        strategies
          .filter((row) => row.Goal === goal.id)
          .map((row) => row['Improvement strategy (mitigation)']),
      ).toEqual(goal.mostAtRisk ? goal.improvementStrategies.map((s) => s.mitigation) : []);
    }
  });

  it('never writes a formula: text that starts like one is kept as text', async () => {
    const strategies = rowsOf('Improvement strategies');
    const formulaLike = strategies.find((row) => String(row['Risks and issues']).startsWith('='));
    expect(formulaLike?.['Risks and issues']).toBe(RISK_TEXT('USBP', String(formulaLike?.['Key activity'])));
    const zip = await JSZip.loadAsync(files.xlsx);
    const sheets = Object.keys(zip.files).filter((name) => name.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(8);
    for (const name of sheets) expect(await zip.file(name)?.async('string')).not.toMatch(/<f[ >]/);
    expect(await zip.file('xl/styles.xml')?.async('string')).toMatch(/quotePrefix="1"/);
  });

  it('prints every sheet one page wide on US Letter with its header row repeated', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup.fitToWidth, sheet.name).toBe(1);
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toMatch(/^\d+:\d+$/);
    }
  });
});

describe('the quarterly review pack: HTML', () => {
  it('gives, for every goal, progress, trend, likelihood, risk, contributors, next steps and (most at risk) strategies', () => {
    const text = htmlText(files.html);
    // After the summary's table of goals and the contents, at the Goals section.
    const goalsSection = text.indexOf('Sources and rules Goals') + 1;
    expect(goalsSection).toBeGreaterThan(0);
    model.goals.forEach((goal, index) => {
      const part = goalPart(text, index, 'Objectives', goalsSection);
      for (const expected of expectedGoalTexts(index, ' '))
        expect(part, `goal ${goal.id}`).toContain(expected);
      expect(part.includes('Improvement strategies, goal'), `goal ${goal.id}`).toBe(goal.mostAtRisk);
    });
  });

  it('loads nothing, has one h1, headings that do not skip levels, and captioned tables', () => {
    const { html } = files;
    expect(html).not.toMatch(/<(script|img|link|iframe)\b/i);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, index) => {
      if (index > 0) expect(level - (levels[index - 1] ?? 1)).toBeLessThanOrEqual(1);
    });
    for (const [, table] of html.matchAll(/<table>([\s\S]*?)<\/table>/g))
      expect(table).toMatch(/^\n<caption>[^<]+<\/caption>/);
  });
});

describe('the quarterly review pack is reproducible', () => {
  it('renders the same bytes from the same inputs, and from their JSON', async () => {
    const again = await renderQuarterlyPack(JSON.parse(JSON.stringify(inputs)), OPTIONS);
    expect(Buffer.from(again.pdf).equals(Buffer.from(files.pdf))).toBe(true);
    expect(Buffer.from(again.xlsx).equals(Buffer.from(files.xlsx))).toBe(true);
    expect(again.html).toBe(files.html);
  });

  it('refuses inputs that are not of the stored shape', async () => {
    await expect(renderQuarterlyPack({ ...inputs, months: 'none' } as never, OPTIONS)).rejects.toThrow();
  });
});
