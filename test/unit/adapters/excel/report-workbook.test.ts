import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportWorkbook, WORKBOOK_SHEETS } from '../../../../shared/adapters/excel/report-workbook';
import { buildReportModel, type RenderContext } from '../../../../shared/domain/report/report-model';
import { printableText } from '../../../../shared/domain/report/report-text';
import type { LevelSummary } from '../../../../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../../../../shared/domain/sha256';
import { NASTY_TEXT, populatedSnapshot } from '../../../support/populated-snapshot';

const context: RenderContext = {
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshotVersion: 3,
  snapshotSha256: 'c'.repeat(64),
};
const snapshot = populatedSnapshot();

/** A sheet's table as objects keyed by header, read from the header row down. */
function tableOf(sheet: ExcelJS.Worksheet, headerRow = 1): Record<string, ExcelJS.CellValue>[] {
  const header = sheet.getRow(headerRow);
  const headers: string[] = [];
  for (let column = 1; column <= header.cellCount; column++)
    headers.push(String(header.getCell(column).value ?? ''));
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let number = headerRow + 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    rows.push(Object.fromEntries(headers.map((name, index) => [name, row.getCell(index + 1).value ?? null])));
  }
  return rows;
}

/** What a text cell holds: printable, line breaks as line feeds (XML reads a raw CR as LF). */
const cellText = (text: string) => printableText(text).replace(/\r\n?/g, '\n');

/** A percentage as the workbook stores it: a fraction, rounded to what its 0.0% format shows. */
const fraction = (value: number | null) => (value === null ? null : Math.round(value * 10) / 1000);
const ratio = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
const points = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function expectSummary(row: Record<string, ExcelJS.CellValue> | undefined, summary: LevelSummary) {
  expect(row).toBeDefined();
  expect(row).toMatchObject({
    Status: summary.status,
    '% complete': fraction(summary.percentComplete),
    Reported: summary.reported,
    'Carried forward': summary.carriedForward,
    Missing: summary.missing,
    Expected: summary.expected,
    Complete: summary.statusCounts.Complete,
    'On Track': summary.statusCounts['On Track'],
    'At Risk': summary.statusCounts['At Risk'],
    'Off Track': summary.statusCounts['Off Track'],
    'Not Started': summary.statusCounts['Not Started'],
    'Not Reported': summary.statusCounts['Not Reported'],
    'Metric attainment': ratio(summary.metricAttainment),
    Likelihood: summary.likelihood,
  });
  expect(row?.['Change (pts)'] ?? null).toBe(points(summary.change.percentDelta));
}

describe('the report workbook', () => {
  let bytes: Buffer;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    bytes = await renderReportWorkbook(buildReportModel(snapshot, context));
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  });

  it('has the seven sheets, each with a frozen header row and an autofilter', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([...WORKBOOK_SHEETS]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
      expect(sheet.autoFilter).toBeTruthy();
    }
  });

  it('summarises the agency, every goal and every mission area with the snapshot numbers', () => {
    const sheet = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const headerRow = sheet.getColumn(1).values.indexOf('Level');
    const rows = tableOf(sheet, headerRow);
    expectSummary(
      rows.find((row) => row.Level === 'Agency'),
      snapshot.agency,
    );
    for (const goal of snapshot.goals)
      expectSummary(
        rows.find((row) => row.Level === 'Goal' && row.Id === goal.id),
        goal,
      );
    for (const area of snapshot.missionAreas)
      expectSummary(
        rows.find((row) => row.Level === 'Mission area' && row.Id === area.id),
        area,
      );
    const facts = sheet.getColumn(3).values.map(String);
    expect(facts).toContain('5 of 6 offices reported');
    expect(facts).toContain(`version 3, SHA-256 ${'c'.repeat(64)}`);
  });

  it('lists every objective with its numbers', () => {
    const rows = tableOf(workbook.getWorksheet('Objectives') as ExcelJS.Worksheet);
    expect(rows).toHaveLength(snapshot.objectives.length);
    for (const objective of snapshot.objectives)
      expectSummary(
        rows.find((row) => row.Objective === objective.id),
        objective,
      );
  });

  it('lists every office × key activity entry, reported, carried or missing, with status, percent, metric and narrative', () => {
    const rows = tableOf(workbook.getWorksheet('Key Activities') as ExcelJS.Worksheet);
    const expected = snapshot.keyActivities.reduce((total, activity) => total + activity.offices.length, 0);
    expect(rows).toHaveLength(expected);
    for (const entry of snapshot.rows) {
      const row = rows.find(
        (candidate) => candidate['Key activity'] === entry.activityId && candidate.Office === entry.office,
      );
      expect(row).toMatchObject({
        Source: entry.source === 'reported' ? 'reported' : 'carried forward',
        'From period': entry.fromPeriod,
        Status: entry.status,
        '% complete': fraction(entry.percentComplete),
        Revision: entry.revision,
      });
      expect(row?.Actual ?? undefined).toBe(entry.actual);
      expect(row?.Target ?? undefined).toBe(entry.target);
      expect(row?.Attainment ?? undefined).toBe(
        entry.attainment === undefined ? undefined : ratio(entry.attainment),
      );
      expect(row?.['Risks and issues'] ?? undefined).toBe(
        entry.risksAndIssues === undefined ? undefined : cellText(entry.risksAndIssues),
      );
    }
    for (const missing of snapshot.completeness.activitiesNotReported) {
      const row = rows.find(
        (candidate) =>
          candidate['Key activity'] === missing.activityId && candidate.Office === missing.office,
      );
      expect(row).toMatchObject({ Source: 'not reported', Status: 'Not Reported' });
    }
  });

  it('shows who submitted, with revision and time, and the offices that did not', () => {
    const rows = tableOf(workbook.getWorksheet('Offices') as ExcelJS.Worksheet);
    for (const office of snapshot.offices) {
      const row = rows.find((candidate) => candidate.Office === office.code);
      expect(row).toMatchObject({ Submitted: office.submitted ? 'Yes' : 'No' });
      expectSummary(row, office);
      if (office.submitted) {
        expect(row?.Revision).toBe(office.revision);
        expect(row?.['Accepted at']).toEqual(new Date(office.submittedAt as string));
      }
    }
  });

  it('ranks the at-risk entries with their narrative', () => {
    const rows = tableOf(workbook.getWorksheet('At Risk') as ExcelJS.Worksheet);
    expect(rows.map((row) => row.Rank)).toEqual(snapshot.atRisk.map((entry) => entry.rank));
    snapshot.atRisk.forEach((entry, index) => {
      expect(rows[index]).toMatchObject({
        Severity: entry.severity,
        Office: entry.office,
        'Key activity': entry.activityId,
        Status: entry.status,
        '% complete': fraction(entry.percentComplete),
      });
    });
  });

  it('charts nothing but tabulates the last 12 periods by goal and mission area', () => {
    const rows = tableOf(workbook.getWorksheet('Trend') as ExcelJS.Worksheet);
    const periods = snapshot.trend.map((point) => point.period);
    const valuesOf = (row: Record<string, ExcelJS.CellValue> | undefined) =>
      periods.map((period) => row?.[period] ?? null);
    expect(valuesOf(rows.find((row) => row.Level === 'Agency'))).toEqual(
      snapshot.trend.map((point) => fraction(point.agency.percentComplete)),
    );
    for (const goal of snapshot.goals)
      expect(valuesOf(rows.find((row) => row.Level === 'Goal' && row.Id === goal.id))).toEqual(
        snapshot.trend.map((point) =>
          fraction(point.goals.find((g) => g.id === goal.id)?.percentComplete ?? null),
        ),
      );
    for (const area of snapshot.missionAreas)
      expect(valuesOf(rows.find((row) => row.Level === 'Mission area' && row.Id === area.id))).toEqual(
        snapshot.trend.map((point) =>
          fraction(point.missionAreas.find((a) => a.id === area.id)?.percentComplete ?? null),
        ),
      );
  });

  it('holds every reported or carried row in one flat Data table, with real numbers and dates', () => {
    const rows = tableOf(workbook.getWorksheet('Data') as ExcelJS.Worksheet);
    expect(rows).toHaveLength(snapshot.rows.length);
    snapshot.rows.forEach((entry, index) => {
      expect(rows[index]).toMatchObject({
        period: snapshot.period,
        office: entry.office,
        activity_id: entry.activityId,
        status: entry.status,
        percent_complete: fraction(entry.percentComplete),
        source: entry.source,
        from_period: entry.fromPeriod,
        revision: entry.revision,
      });
      if (entry.milestoneDue)
        expect(rows[index]?.milestone_due).toEqual(new Date(`${entry.milestoneDue}T00:00:00Z`));
    });
  });

  it('prints every sheet one page wide (fitToPage really enabled), landscape, header row repeated, with period, snapshot version and marking', async () => {
    const marked = new ExcelJS.Workbook();
    const markedBytes = await renderReportWorkbook(
      buildReportModel(snapshot, { ...context, markingBanner: 'CUI & more' }),
    );
    await marked.xlsx.load(markedBytes as unknown as ArrayBuffer);
    const zip = await JSZip.loadAsync(markedBytes);
    for (const [index, sheet] of marked.worksheets.entries()) {
      const xml = (await zip.file(`xl/worksheets/sheet${index + 1}.xml`)?.async('string')) ?? '';
      expect(xml, sheet.name).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        orientation: 'landscape',
      });
      const headerRow = sheet.name === 'Summary' ? sheet.getColumn(1).values.indexOf('Level') : 1;
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toBe(`${headerRow}:${headerRow}`);
      expect(sheet.headerFooter.oddHeader, sheet.name).toContain('&C&"-,Bold"CUI && more');
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain(
        'October 2026 (2026-10) · snapshot v3 · generated 2026-11-05',
      );
    }
  });

  it('fits or wraps the longest mission-area name and shows a SHA-256 whole', () => {
    const offices = workbook.getWorksheet('Offices') as ExcelJS.Worksheet;
    const hashColumn = offices.getRow(1).values as unknown[];
    expect(offices.getColumn(hashColumn.indexOf('Submission SHA-256')).width).toBeGreaterThanOrEqual(64);
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const longest =
      [...snapshot.missionAreas].sort((a, b) => b.title.length - a.title.length)[0]?.title ?? '';
    let found = false;
    summary.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value !== longest) return;
        found = true;
        const width = summary.getColumn(cell.col).width ?? 0;
        expect(width >= longest.length || cell.alignment?.wrapText === true).toBe(true);
        expect(row.height ?? 0).toBeGreaterThanOrEqual(15 * Math.ceil(longest.length / width));
      }),
    );
    expect(found).toBe(true);
  });

  it('writes percentages one way on every sheet, the Data sheet included: a fraction formatted 0.0%, rounded as shown', () => {
    const data = workbook.getWorksheet('Data') as ExcelJS.Worksheet;
    const headers = data.getRow(1).values as unknown[];
    for (const name of ['percent_complete', 'attainment']) {
      const column = headers.indexOf(name);
      const cell = data.getRow(2).getCell(column);
      if (typeof cell.value === 'number') expect(cell.numFmt, name).toBe('0.0%');
    }
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const convention = summary
      .getColumn(3)
      .values.find((value) => String(value).startsWith('Every percentage is a fraction'));
    expect(convention).toBeDefined();
  });

  it('holds no formula anywhere, and formula-looking text is a string cell marked quotePrefix', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const sheets = Object.keys(zip.files).filter((name) => name.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(7);
    for (const name of sheets) {
      const xml = await (zip.file(name) as JSZip.JSZipObject).async('string');
      expect(xml).not.toMatch(/<f[\s>]/);
    }
    const styles = await (zip.file('xl/styles.xml') as JSZip.JSZipObject).async('string');
    const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    const xfs = [...cellXfs.matchAll(/<xf [^>]*?\/?>/g)].map((match) => match[0]);

    const dangerous = [
      NASTY_TEXT.formula,
      NASTY_TEXT.plus,
      NASTY_TEXT.minus,
      NASTY_TEXT.at,
      NASTY_TEXT.tab,
      NASTY_TEXT.carriageReturn,
    ].map(cellText);
    const sheet = workbook.getWorksheet('Data') as ExcelJS.Worksheet;
    const risksColumn = Array.from(sheet.getRow(1).values as ExcelJS.CellValue[]).indexOf('risks_and_issues');
    const seen = new Set<string>();
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cell = row.getCell(risksColumn);
      if (typeof cell.value !== 'string' || !dangerous.includes(cell.value)) return;
      seen.add(cell.value);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    });
    expect([...seen].sort()).toEqual([...dangerous].sort());
    const sheetXml = await (zip.file('xl/worksheets/sheet7.xml') as JSZip.JSZipObject).async('string');
    const strings = await (zip.file('xl/sharedStrings.xml') as JSZip.JSZipObject).async('string');
    const sharedIndex = [...strings.matchAll(/<si>([\s\S]*?)<\/si>/g)].findIndex((match) =>
      (match[1] ?? '').includes('=HYPERLINK('),
    );
    const cell = new RegExp(`<c r="[A-Z]+\\d+" s="(\\d+)" t="s"><v>${sharedIndex}</v></c>`).exec(sheetXml);
    expect(cell).not.toBeNull();
    expect(xfs[Number(cell?.[1])]).toContain('quotePrefix="1"');
    expect(xfs.filter((xf) => xf.includes('quotePrefix')).every((xf) => xf.includes('numFmtId="49"'))).toBe(
      true,
    );
  });

  it('renders the same snapshot to the same bytes, dated by the snapshot', async () => {
    const again = await renderReportWorkbook(buildReportModel(snapshot, context));
    expect(sha256Hex(again)).toBe(sha256Hex(bytes));
    const zip = await JSZip.loadAsync(bytes);
    for (const entry of Object.values(zip.files))
      expect(entry.date.toISOString()).toBe('2026-11-05T12:00:00.000Z');
    expect(workbook.created.toISOString()).toBe('2026-11-05T12:00:00.000Z');
  });
});
