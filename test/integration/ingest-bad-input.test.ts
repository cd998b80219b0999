import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../shared/domain/errors';
import { parsePeriod } from '../../shared/domain/period';
import type { ObjectStore } from '../../shared/ports/object-store';
import { type IngestHarness, openIngestHarness } from '../support/ingest-harness';
import { filledTemplate } from '../support/templates';
import { editWorkbook, progressSheet, setProgressCell } from '../support/workbooks';
import { declareUncompressedSize, editPart, rewriteParts } from '../support/zip-surgery';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/workbooks/${name}`, import.meta.url));
const period = parsePeriod('2026-10');

/**
 * Every bad input of issue 3, each answered with an error naming its rule (and row and column
 * where there is one), and none of them changing the stored progress data.
 */
describe('bad input is answered and changes no progress data', () => {
  let harness: IngestHarness;
  let good: Buffer;
  beforeAll(async () => {
    harness = await openIngestHarness();
    good = await filledTemplate('OFO', '2026-10');
    const { outcome } = await harness.submit('OFO', '2026-10', 'good.xlsx', good);
    expect(outcome).toMatchObject({ kind: 'accepted', revision: 1 });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Submits, and checks both the answer and that nothing changed for OFO (or `office`). */
  async function rejected(
    bytes: Buffer,
    options: { office?: string; file?: string } = {},
  ): Promise<string[]> {
    const office = options.office ?? 'OFO';
    const file = options.file ?? 'bad.xlsx';
    const before = await harness.progressState(office, '2026-10');
    const beforeOfo = await harness.progressState('OFO', '2026-10');
    const attemptsBefore = (await harness.dependencies.history.attempts(office, period)).length;
    const { outcome, failures } = await harness.submit(office, '2026-10', file, bytes);
    expect(failures).toEqual([]);
    if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`);
    expect(await harness.progressState(office, '2026-10')).toEqual(before);
    expect(await harness.progressState('OFO', '2026-10')).toEqual(beforeOfo);
    const attempts = await harness.dependencies.history.attempts(office, period);
    expect(attempts).toHaveLength(attemptsBefore + 1);
    expect(attempts.at(-1)).toMatchObject({ outcome: 'rejected', problemCount: outcome.problems.length });
    // The original upload is kept.
    expect(await harness.dependencies.uploads.head(`uploads/${office}/2026-10/${file}`)).toBeDefined();
    return outcome.problems.map(formatProblem);
  }

  it('an empty file', async () => {
    expect(await rejected(Buffer.alloc(0))).toEqual([
      'bad.xlsx: the file is empty (0 bytes): upload the saved workbook [file.empty]',
    ]);
  });

  it('a CSV, a PDF and an .xls renamed to .xlsx', async () => {
    expect(await rejected(Buffer.from('Activity ID,Status,Percent Complete\n1.1.4,On Track,10\n'))).toEqual([
      'bad.xlsx: the file is text (for example CSV), not an Excel workbook: open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx) [file.not-xlsx]',
    ]);
    expect(await rejected(Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'))).toEqual([
      'bad.xlsx: the file is a PDF document, not an Excel workbook: upload the .xlsx template you filled in [file.not-xlsx]',
    ]);
    expect(await rejected(fixture('OFO-2026-10-excel97.xls'))).toEqual([
      'bad.xlsx: the file is an old-format Excel 97-2003 (.xls) or other Office file: open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx) [file.legacy-xls]',
    ]);
  });

  it('a password-protected workbook', async () => {
    expect(await rejected(fixture('password-protected.xlsx'))).toEqual([
      'bad.xlsx: the workbook is password-protected (encrypted), so it cannot be read: remove the password (File > Info > Protect Workbook) and upload it again [file.password-protected]',
    ]);
  });

  it('a truncated zip', async () => {
    expect(await rejected(good.subarray(0, good.length - 200))).toEqual([
      'bad.xlsx: the file is cut short (an incomplete upload or copy): save the workbook again and upload it again [file.truncated]',
    ]);
  });

  it('a zip bomb, by compression ratio and by declared uncompressed size, before parsing', async () => {
    const bomb = await rewriteParts(good, (parts) => {
      parts.set('xl/media/image1.png', Buffer.alloc(8 * 1024 * 1024));
    });
    expect(await rejected(bomb)).toEqual([
      expect.stringMatching(
        /^bad\.xlsx: the part xl\/media\/image1\.png expands \d+:1 when unpacked; at most 100:1 is accepted \(a "zip bomb"\) \[zip\.compression-ratio\]$/,
      ),
    ]);
    const declared = declareUncompressedSize(good, 'docProps/app.xml', 200 * 1024 * 1024);
    expect(await rejected(declared)).toEqual([
      expect.stringMatching(/\[zip\.(compression-ratio|uncompressed-size)\]$/),
    ]);
  });

  it('more rows, columns or sheets than the limits', async () => {
    const rows = await editWorkbook(good, (workbook) => {
      progressSheet(workbook).getCell('A10002').value = 'far down';
    });
    expect(await rejected(rows)).toEqual([
      'bad.xlsx, sheet Progress, row 10002: the sheet has more than 10001 rows [sheet.too-many-rows]',
    ]);
    const columns = await editWorkbook(good, (workbook) => {
      progressSheet(workbook).getCell('AZ9').value = 'far right';
    });
    expect(await rejected(columns)).toEqual([
      'bad.xlsx, sheet Progress, row 9: the row has a value in column 52; at most 50 columns are read [sheet.too-many-columns]',
    ]);
    const sheets = await editWorkbook(good, (workbook) => {
      for (let n = 1; n <= 17; n++) workbook.addWorksheet(`Extra ${n}`).getCell('A1').value = n;
    });
    expect(await rejected(sheets)).toEqual([
      'bad.xlsx: the workbook has 21 sheets; at most 20 are accepted [workbook.too-many-sheets]',
    ]);
  });

  it('a missing Progress sheet or header column', async () => {
    const noSheet = await editWorkbook(good, (workbook) => {
      progressSheet(workbook).name = 'Data';
    });
    expect(await rejected(noSheet)).toEqual([
      `bad.xlsx: the workbook has no sheet named "Progress": submit the template's Progress sheet [progress.missing-sheet]`,
    ]);
    const noColumn = await editWorkbook(good, (workbook) => {
      progressSheet(workbook).getCell('F1').value = 'Progress %';
    });
    expect(await rejected(noColumn)).toEqual([
      `bad.xlsx, sheet Progress, row 1, column Percent Complete: the Progress sheet has no "Percent Complete" column: put the template's header row back [header.missing-column]`,
    ]);
  });

  it('a DOCTYPE or ENTITY in any XML part', async () => {
    const doctype = await editPart(good, 'xl/styles.xml', (xml) =>
      xml.replace('?>', '?><!DOCTYPE styleSheet [<!ENTITY lol "lol">]>'),
    );
    expect(await rejected(doctype)).toEqual([
      'bad.xlsx: the part xl/styles.xml declares a DOCTYPE or ENTITY, which workbooks never need and which is refused for safety [xml.doctype]',
    ]);
    const entity = await editPart(good, 'docProps/core.xml', (xml) =>
      xml.replace('?>', '?><!ENTITY x SYSTEM "file:///etc/passwd">'),
    );
    expect(await rejected(entity)).toEqual([
      expect.stringMatching(/part docProps\/core\.xml declares a DOCTYPE or ENTITY.*\[xml\.doctype\]$/),
    ]);
  });

  it('__proto__ or constructor as a header or a sheet name, without polluting anything', async () => {
    const bytes = await editWorkbook(good, (workbook) => {
      progressSheet(workbook).getCell('P1').value = '__proto__';
      progressSheet(workbook).getCell('P2').value = 'x';
      workbook.addWorksheet('constructor');
    });
    expect(await rejected(bytes)).toEqual([
      'bad.xlsx: a sheet may not be named "constructor": rename or delete it [workbook.reserved-name]',
      'bad.xlsx, sheet Progress, row 1, column __proto__: "__proto__" cannot be a column header: rename or delete the column [header.reserved-name]',
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a workbook whose metadata names another office than its upload prefix', async () => {
    const problems = await rejected(good, { office: 'USBP' });
    expect(problems[0]).toBe(
      `bad.xlsx: the workbook is the template of office "OFO" but was uploaded under USBP's folder: upload each office's workbook to its own folder [metadata.office-mismatch]`,
    );
  });

  it('an unknown catalog version, and a template version that is not accepted', async () => {
    const setMetadata = (key: string, value: string) =>
      editWorkbook(good, (workbook) => {
        workbook.getWorksheet('Metadata')?.eachRow((row) => {
          if (row.getCell(1).value === key) row.getCell(2).value = value;
        });
      });
    expect(await rejected(await setMetadata('catalogVersion', '9.9.9'))).toEqual([
      'bad.xlsx: the workbook was made from catalog "cbp-strategy-2024-2028" version "9.9.9", which is not the catalog in force (cbp-strategy-2024-2028 1.0.0): download a new template [metadata.catalog-version]',
    ]);
    expect(await rejected(await setMetadata('templateVersion', '0'))).toEqual([
      'bad.xlsx: template version "0" is not accepted (accepted: 2): download a new template [metadata.template-version]',
    ]);
  });

  it('row problems, all of them, with row and column; formulas read as their saved value only', async () => {
    const bytes = await editWorkbook(good, (workbook) => {
      setProgressCell(workbook, 2, 'status', 'Complete');
      setProgressCell(workbook, 3, 'percentComplete', { formula: 'NOW()' } as never);
      setProgressCell(workbook, 4, 'milestoneDue', '2062-01-01');
      setProgressCell(workbook, 5, 'activityId', '2.1.1');
      setProgressCell(workbook, 6, 'actual', { formula: '2+2', result: 4 });
    });
    expect(await rejected(bytes)).toEqual([
      'bad.xlsx, sheet Progress, row 2, column Percent Complete: the status is Complete but the percent complete is 10: Complete means 100 [status.complete-means-100]',
      'bad.xlsx, sheet Progress, row 3, column Percent Complete: the cell holds a formula with no saved result (formulas are never calculated here): type the value instead [cell.formula-without-value]',
      'bad.xlsx, sheet Progress, row 4, column Milestone Due: 2062-01-01 is more than 10 years from the reporting period 2026-10: check the year [date.range]',
      'bad.xlsx, sheet Progress, row 5, column Activity ID: key activity 2.1.1 is not one that OFO reports on: delete the row [activity.not-owned]',
      'bad.xlsx, sheet Progress: key activity 2.3.2 is missing: OFO reports on it every month (put its row back, or download a fresh template) [activity.missing]',
    ]);
  });

  it('an object key with ../, an encoded slash or control characters: refused, nothing read or recorded', async () => {
    const { event } = await harness.submit('ES', '2026-10', 'es.xlsx', await filledTemplate('ES', '2026-10'));
    const attempts = await harness.dependencies.history.attemptsInPeriod(period);
    const state = await harness.progressState('ES', '2026-10');
    const withKey = (key: string) => {
      const copy = JSON.parse(JSON.stringify(event));
      copy.Records[0].s3.object.key = key;
      return copy;
    };
    const answers = [];
    for (const key of [
      'uploads/ES/2026-10/../../reports/x.xlsx',
      'uploads/ES%2F2026-10/x.xlsx',
      'uploads/ES/2026-10/a%0Ab.xlsx',
      'uploads/ES/2026-10/%2E%2E/x.xlsx',
    ]) {
      const { outcomes, failures } = await harness.deliver(withKey(key));
      expect(failures).toEqual([]);
      answers.push(
        outcomes.flatMap((outcome) =>
          outcome.kind === 'rejected' ? outcome.problems.map(formatProblem) : [outcome.kind],
        ),
      );
    }
    expect(answers).toEqual([
      [
        '"uploads/ES/2026-10/../../reports/x.xlsx": the object key contains a ../ or ./ path segment [upload.key]',
      ],
      ['"uploads/ES%2F2026-10/x.xlsx": the object key contains an encoded slash [upload.key]'],
      ['"uploads/ES/2026-10/a%0Ab.xlsx": the object key contains control characters [upload.key]'],
      ['"uploads/ES/2026-10/%2E%2E/x.xlsx": the object key contains a ../ or ./ path segment [upload.key]'],
    ]);
    expect(await harness.dependencies.history.attemptsInPeriod(period)).toEqual(attempts);
    expect(await harness.progressState('ES', '2026-10')).toEqual(state);
  });
});

describe('a file over the size limit', () => {
  it('is refused from HeadObject, before a byte is downloaded', async () => {
    let downloads = 0;
    const harness = await openIngestHarness({
      config: { limits: { maxUploadBytes: 20_000 } },
      wrap: (dependencies) => ({
        ...dependencies,
        uploads: new Proxy(dependencies.uploads, {
          get(target: ObjectStore, property, receiver) {
            if (property === 'get' || property === 'getStream') {
              const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
              return (...args: unknown[]) => {
                downloads += 1;
                return original.apply(target, args);
              };
            }
            return Reflect.get(target, property, receiver);
          },
        }),
      }),
    });
    try {
      const big = Buffer.concat([await filledTemplate('OT', '2026-10'), Buffer.alloc(30_000)]);
      const before = await harness.progressState('OT', '2026-10');
      const { outcome } = await harness.submit('OT', '2026-10', 'big.xlsx', big);
      if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
      expect(outcome.problems.map(formatProblem)).toEqual([
        `big.xlsx: the file is ${big.length} bytes; at most 20000 bytes (0 MB) are accepted [file.too-large]`,
      ]);
      expect(downloads).toBe(0);
      expect(await harness.progressState('OT', '2026-10')).toEqual(before);
      expect((await harness.dependencies.history.attempts('OT', period)).at(-1)).toMatchObject({
        outcome: 'rejected',
        sha256: '',
        size: big.length,
      });
    } finally {
      await harness.close();
    }
  });
});
