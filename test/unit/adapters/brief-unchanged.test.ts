import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFileRenderer } from '../../../shared/adapters/report/report-file-renderer';
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import { type Period, parsePeriod } from '../../../shared/domain/period';
import type { ProgressRow } from '../../../shared/domain/progress';
import { computeRollup } from '../../../shared/domain/rollup/compute-rollup';
import type { SubmissionInput } from '../../../shared/domain/rollup/rollup-inputs';
import type { RollupSnapshot } from '../../../shared/domain/rollup/rollup-snapshot';
import { sha256Hex } from '../../../shared/domain/sha256';
import { populatedSnapshot } from '../../support/populated-snapshot';
import { htmlText, pdfPageTexts } from '../../support/report-text';

/*
 * "N of M entries unchanged since last period": the rollup's count, as the PDF and HTML briefs
 * and the workbook state it (beside the completeness figures, and per office), from a snapshot
 * computed by the rollup itself; a snapshot of schema version 1 says nothing of it.
 */
const catalog = defaultCatalog();
const context = {
  generatedAt: '2026-11-12T12:00:00.000Z',
  snapshotVersion: 1,
  snapshotSha256: 'b'.repeat(64),
};

function submission(
  office: string,
  period: Period,
  unchangedShare: (index: number) => boolean,
): SubmissionInput {
  const rows: ProgressRow[] = catalog.activitiesOf(office).map((activity, index) => ({
    activityId: activity.id,
    status: 'On Track',
    percentComplete: 40 + index,
    unchanged: unchangedShare(index),
  }));
  return {
    revision: {
      office,
      period,
      revision: 1,
      submissionId: `${office}-${period}`,
      sha256: sha256Hex(`${office} ${period}`),
      acceptedAt: `${period}-28T12:00:00.000Z`,
      uploader: 'someone@agency.example',
      rowCount: rows.length,
      comparedWith: null,
    },
    rows,
  };
}

async function render(snapshot: RollupSnapshot) {
  const files = await reportFileRenderer.render(snapshot, context);
  const bytes = (name: string) => files.find((file) => file.name === name)?.bytes ?? Buffer.alloc(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes('workbook.xlsx') as unknown as ArrayBuffer);
  const pages = await pdfPageTexts(bytes('brief.pdf'));
  return {
    firstPage: pages[0] ?? '',
    pdf: pages.join(' '),
    html: htmlText(bytes('brief.html').toString('utf8')),
    workbook,
  };
}

describe('unchanged entries in the brief and the workbook', () => {
  const september = parsePeriod('2026-09');
  const october = parsePeriod('2026-10');
  let snapshot: RollupSnapshot;
  let rendered: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    const previous = computeRollup({
      catalog,
      period: september,
      submissions: catalog.offices.map((office) => submission(office.code, september, () => false)),
      previous: null,
      history: [],
    });
    // USBP sends every row again unchanged, OFO every third; the others bring every row up to date.
    snapshot = computeRollup({
      catalog,
      period: october,
      submissions: catalog.offices.map((office) =>
        submission(office.code, october, (index) =>
          office.code === 'USBP' ? true : office.code === 'OFO' ? index % 3 === 0 : false,
        ),
      ),
      previous: { snapshot: previous, ref: { period: september, version: 1, sha256: 'a'.repeat(64) } },
      history: [],
    });
    rendered = await render(snapshot);
  });

  it('is counted by the rollup', () => {
    const usbp = catalog.activitiesOf('USBP').length;
    const ofo = Math.ceil(catalog.activitiesOf('OFO').length / 3);
    expect(snapshot.agency).toMatchObject({ unchanged: usbp + ofo, reported: 106 });
    expect(snapshot.offices.map((office) => [office.code, office.unchanged])).toEqual([
      ['OFO', ofo],
      ['USBP', usbp],
      ['AMO', 0],
      ['OT', 0],
      ['OS', 0],
      ['ES', 0],
    ]);
  });

  it('is stated beside the completeness figures of the PDF and the HTML brief', () => {
    const line = `${snapshot.agency.unchanged} of 106 entries unchanged since last period (September 2026): the same answers as the office's previous report.`;
    expect(rendered.pdf).toContain('106 of 106 entries reported');
    expect(rendered.pdf).toContain(line);
    expect(rendered.html).toContain(line);
    // Page 1 (and the HTML's glance) says it in its completeness line.
    const count = `106 of 106 entries reported, 0 carried forward, 0 missing. ${snapshot.agency.unchanged} of 106 entries unchanged since last period.`;
    expect(rendered.firstPage).toContain(count);
    expect(rendered.html).toContain(count);
  });

  it('is given per office in the office table of the briefs and the workbook', () => {
    const usbp = catalog.activitiesOf('USBP').length;
    const ofo = Math.ceil(catalog.activitiesOf('OFO').length / 3);
    // The last cell of each office's row, after its likelihood.
    const officeTable = new RegExp(
      `Likelihood Unchanged Office of Field Operations \\(OFO\\) .*? Unlikely ${ofo} United States Border Patrol \\(USBP\\) .*? Unlikely ${usbp} Air and Marine Operations \\(AMO\\) .*? Unlikely 0 `,
    );
    expect(rendered.html).toMatch(officeTable);
    expect(rendered.pdf).toMatch(officeTable);
    const offices = rendered.workbook.getWorksheet('Offices') as ExcelJS.Worksheet;
    const header = (offices.getRow(1).values as unknown[]).slice(1);
    const column = header.indexOf('Unchanged entries') + 1;
    expect(column).toBeGreaterThan(0);
    const usbpRow = offices.getRow(3);
    expect(usbpRow.getCell(1).value).toBe('USBP');
    expect(usbpRow.getCell(column).value).toBe(usbp);
    const summary = rendered.workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const facts = [1, 2, 3, 4, 5, 6, 7].map((row) => String(summary.getRow(row).getCell(3).value));
    expect(facts).toContain(
      `${snapshot.agency.unchanged} of 106 entries unchanged since last period (September 2026): the same answers as the office's previous report.`,
    );
  });

  it('is not counted when a submission was accepted before rows were compared', () => {
    const [first, ...others] = catalog.offices.map((office) =>
      submission(office.code, october, (index) => index === 0),
    );
    const { comparedWith: _unknown, ...uncompared } = (first as SubmissionInput).revision;
    const mixed = computeRollup({
      catalog,
      period: october,
      submissions: [{ ...(first as SubmissionInput), revision: uncompared }, ...others],
      previous: null,
      history: [],
    });
    expect(mixed.agency.unchanged).toBeUndefined();
    expect(mixed.offices.every((office) => office.unchanged === undefined)).toBe(true);
    expect(mixed.inputs[1]?.comparedWith).toBeNull();
  });

  it('is not mentioned for a snapshot that does not count it (schema version 1)', async () => {
    const old = await render({ ...populatedSnapshot(), schemaVersion: 1 });
    expect(old.pdf).not.toContain('unchanged since last period');
    expect(old.html).not.toContain('unchanged since last period');
    expect(old.html).not.toContain('Likelihood Unchanged');
  });
});
