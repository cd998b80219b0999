import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../shared/domain/errors';
import { parsePeriod } from '../../../../shared/domain/period';
import { validateSubmission } from '../../../../shared/domain/submission/validate-submission';
import {
  catalog,
  headerRow,
  metadataFor,
  num,
  submittedWorkbook,
  text,
} from '../../../support/submitted-workbooks';

const context = (office = 'OFO', period = '2026-10') => ({
  catalog,
  office,
  period: parsePeriod(period),
  file: 'ofo.xlsx',
  maxTextLength: 4000,
});
const lines = (result: ReturnType<typeof validateSubmission>) => result.problems.map(formatProblem);
const ofo = catalog.activitiesOf('OFO').map((activity) => activity.id);

describe('validateSubmission', () => {
  it('accepts a complete workbook and returns one row per owned activity', () => {
    const result = validateSubmission(submittedWorkbook(), context());
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => row.activityId)).toEqual(ofo);
    expect(result.rows[0]).toEqual({ activityId: ofo[0], status: 'On Track', percentComplete: 10 });
    expect(result.templateVersion).toBe('2');
    expect(result.warnings).toEqual([]);
    expect(result.rowNumbers.get(ofo[1] as string)).toBe(3);
    expect(result.attestation).toEqual({
      preparedBy: { name: 'Pat Analyst', title: 'Program analyst', email: 'pat.analyst@agency.example' },
      approvedBy: { name: 'Dana Director', title: 'Deputy director', email: 'dana.director@agency.example' },
      date: '2026-10-28',
      dataQuality: {
        verification: 'A second analyst checks every figure.',
        sources: 'The program management system.',
        accuracy: 'Within 5 points.',
        limitations: 'None known.',
        compensation: 'Not needed.',
      },
    });
  });

  it('checks the metadata against the upload key, the catalog and the template versions', () => {
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        metadata: metadataFor('USBP', '2026-09', { catalogVersion: '0.9.0', templateVersion: '7' }),
      }),
      context(),
    );
    expect(lines(result)).toEqual([
      `ofo.xlsx: the workbook is the template of office "USBP" but was uploaded under OFO's folder: upload each office's workbook to its own folder [metadata.office-mismatch]`,
      'ofo.xlsx: the workbook is the template for "2026-09" but was uploaded for 2026-10: download the 2026-10 template (it is pre-filled with your last answers) [metadata.period-mismatch]',
      `ofo.xlsx: the workbook was made from catalog "${catalog.id}" version "0.9.0", which is not the catalog in force (${catalog.id} ${catalog.version}): download a new template [metadata.catalog-version]`,
      'ofo.xlsx: template version "7" is not accepted (accepted: 2): download a new template [metadata.template-version]',
    ]);
    expect(result.rows).toEqual([]);
  });

  it('refuses a workbook without template metadata', () => {
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { metadata: undefined }),
      context(),
    );
    expect(result.problems.map((problem) => problem.rule)).toEqual(['metadata.missing']);
  });

  it('refuses an office the catalog does not know', () => {
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { metadata: metadataFor('XYZ', '2026-10') }),
      context('XYZ'),
    );
    expect(result.problems.map((problem) => problem.rule)).toContain('office.unknown');
    expect(lines(result).find((line) => line.includes('office.unknown'))).toBe(
      `ofo.xlsx: XYZ is not an office in catalog ${catalog.id} ${catalog.version}: upload under your office's folder [office.unknown]`,
    );
  });

  it('refuses a missing Progress sheet and missing header columns', () => {
    const noSheet = validateSubmission(
      { sheetNames: ['Sheet1'], metadata: metadataFor('OFO', '2026-10'), progressRows: undefined },
      context(),
    );
    expect(lines(noSheet)).toEqual([
      `ofo.xlsx: the workbook has no sheet named "Progress": submit the template's Progress sheet [progress.missing-sheet]`,
    ]);
    const header = headerRow();
    const cells = new Map(header.cells);
    cells.delete(5); // Status
    const noStatus = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { header: { rowNumber: 1, cells } }),
      context(),
    );
    expect(lines(noStatus)).toEqual([
      `ofo.xlsx, sheet Progress, row 1, column Status: the Progress sheet has no "Status" column: put the template's header row back [header.missing-column]`,
    ]);
  });

  it('refuses __proto__ and constructor as a header or a sheet name, and stays unpolluted', () => {
    const header = headerRow();
    const cells = new Map(header.cells);
    cells.set(20, text('__proto__'));
    cells.set(21, text('constructor'));
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        header: { rowNumber: 1, cells },
        sheetNames: ['Instructions', 'Progress', 'Metadata', '__proto__'],
        extraRows: [],
      }),
      context(),
    );
    expect(lines(result)).toEqual([
      'ofo.xlsx: a sheet may not be named "__proto__": rename or delete it [workbook.reserved-name]',
      'ofo.xlsx, sheet Progress, row 1, column __proto__: "__proto__" cannot be a column header: rename or delete the column [header.reserved-name]',
      'ofo.xlsx, sheet Progress, row 1, column constructor: "constructor" cannot be a column header: rename or delete the column [header.reserved-name]',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses a duplicate header column', () => {
    const header = headerRow();
    const cells = new Map(header.cells);
    cells.set(15, text(' STATUS '));
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', { header: { rowNumber: 1, cells } }),
      context(),
    );
    expect(lines(result)).toEqual([
      'ofo.xlsx, sheet Progress, row 1, column Status: there are two "Status" columns: delete one [header.duplicate-column]',
    ]);
  });

  it('finds duplicate, unknown, not-owned, id-less and missing activities, each with its row', () => {
    const [first, second] = ofo as [string, string];
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        edit: (id, cells) => (id === second ? undefined : cells),
        extraRows: [
          { activityId: text(first), status: text('On Track'), percentComplete: num(1) },
          { activityId: text('9.9.9'), status: text('On Track'), percentComplete: num(1) },
          { activityId: text('2.1.1'), status: text('On Track'), percentComplete: num(1) },
          { status: text('On Track'), percentComplete: num(1) },
          { activityId: text('__proto__'), status: text('On Track'), percentComplete: num(1) },
        ],
      }),
      context(),
    );
    const base = ofo.length; // rows 2..base hold the owned activities but one
    expect(lines(result)).toEqual([
      `ofo.xlsx, sheet Progress, row ${base + 1}, column Activity ID: activity ${first} appears twice (first in row 2): keep one row per activity [activity.duplicate]`,
      `ofo.xlsx, sheet Progress, row ${base + 2}, column Activity ID: "9.9.9" is not a key activity of the strategy catalog [activity.unknown]`,
      `ofo.xlsx, sheet Progress, row ${base + 3}, column Activity ID: key activity 2.1.1 is not one that OFO reports on: delete the row [activity.not-owned]`,
      `ofo.xlsx, sheet Progress, row ${base + 4}, column Activity ID: the row has answers but no Activity ID: put the id back [activity.missing-id]`,
      `ofo.xlsx, sheet Progress, row ${base + 5}, column Activity ID: "__proto__" is not a key activity of the strategy catalog [activity.unknown]`,
      `ofo.xlsx, sheet Progress: key activity ${second} is missing: OFO reports on it every month (put its row back, or download a fresh template) [activity.missing]`,
    ]);
  });

  it('applies the row rules and collects every problem, not just the first', () => {
    const [a, b, c] = ofo as [string, string, string];
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        edit: (id, cells) => {
          if (id === a) return { ...cells, status: text('complete'), percentComplete: num(90) };
          if (id === b) return { ...cells, status: text('Off Track'), mitigation: text('new vendor') };
          if (id === c)
            return {
              ...cells,
              status: text('Done'),
              percentComplete: text('lots'),
              actual: text('n/a'),
              milestoneDue: text('2026-13-01'),
              pointOfContact: text('nobody'),
            };
          return cells;
        },
      }),
      context(),
    );
    expect(lines(result)).toEqual([
      'ofo.xlsx, sheet Progress, row 2, column Percent Complete: the status is Complete but the percent complete is 90: Complete means 100 [status.complete-means-100]',
      'ofo.xlsx, sheet Progress, row 3, column Risks and Issues: the status is Off Track: say what the risks and issues are [risks.required]',
      'ofo.xlsx, sheet Progress, row 4, column Status: "Done" is not a status: choose one of Not Started, On Track, At Risk, Off Track, Complete [status.allowed-values]',
      'ofo.xlsx, sheet Progress, row 4, column Percent Complete: "lots" is not a percentage: type a number 0 to 100 [percent.not-a-number]',
      'ofo.xlsx, sheet Progress, row 4, column Actual: "n/a" is not a number [number.invalid]',
      'ofo.xlsx, sheet Progress, row 4, column Milestone Due: "2026-13-01" is not a real date: use YYYY-MM-DD, e.g. 2026-10-15 [date.invalid]',
      'ofo.xlsx, sheet Progress, row 4, column Point of Contact: "nobody" is not an e-mail address such as name@agency.gov [contact.invalid-email]',
    ]);
    expect(result.rows).toEqual([]);
  });

  it('keeps every field of a valid row, trimmed, and the first valid contact', () => {
    const [a] = ofo as [string];
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        edit: (id, cells) =>
          id === a
            ? {
                ...cells,
                status: text(' at risk '),
                percentComplete: num(0.455, true),
                metric: text('  ports  '),
                actual: num(3),
                target: text('12'),
                nextMilestone: text('pilot'),
                milestoneDue: text('2027-03-31'),
                accomplishments: text('kick-off'),
                risksAndIssues: text('staffing'),
                mitigation: text('  detail two analysts by March  '),
                pointOfContact: text('lead@agency.gov'),
              }
            : cells,
      }),
      context(),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toEqual({
      activityId: a,
      status: 'At Risk',
      percentComplete: 45.5,
      metric: 'ports',
      actual: 3,
      target: 12,
      nextMilestone: 'pilot',
      milestoneDue: '2027-03-31',
      accomplishments: 'kick-off',
      risksAndIssues: 'staffing',
      mitigation: 'detail two analysts by March',
      pointOfContact: 'lead@agency.gov',
    });
    expect(result.contacts).toEqual(['lead@agency.gov']);
  });

  it('ignores blank rows, rows with catalog text only, and columns it does not know', () => {
    const header = headerRow();
    const cells = new Map(header.cells);
    cells.set(16, text('My notes'));
    const result = validateSubmission(
      submittedWorkbook('OFO', '2026-10', {
        header: { rowNumber: 1, cells },
        extraRows: [{ keyActivity: text('a note row') }, {}],
      }),
      context(),
    );
    expect(result.problems).toEqual([]);
  });
});
