import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countingParsers,
  type ExceljsUse,
  generateWorkbook,
  HOSTILE_CASES,
  sheetData,
} from '../../bench/ingest-hostile-workbooks';
import { ExcelSubmissionWorkbooks } from '../../shared/adapters/excel/excel-submission-workbooks';
import { parsePeriod } from '../../shared/domain/period';
import { NO_COPY_REASONS } from '../../shared/domain/submission/workbook-limits';
import type { IngestOutcome } from '../../shared/use-cases/ingest-submission';
import { type IngestHarness, openIngestHarness } from '../support/ingest-harness';
import { filledTemplate } from '../support/templates';

const period = parsePeriod('2026-10');
/** The answer goes to the uploader when the file names no Point of Contact. */
const uploader = 'ofo.clerk@agency.example';

/**
 * Issue 18: every hostile workbook of the bench set (bench/ingest-hostile-workbooks.ts, at the
 * bench's sizes) is answered through the real ingest handler with the rule it breaks, recorded
 * as a rejection, without a marked-up copy, changing no progress data; and exceljs is never
 * asked to parse any of it. `countingParsers` counts every use of exceljs the adapter makes.
 */
describe('hostile workbooks are refused before exceljs sees them', () => {
  let harness: IngestHarness;
  const counting = countingParsers();
  beforeAll(async () => {
    harness = await openIngestHarness({
      wrap: (dependencies) => ({
        ...dependencies,
        workbooks: new ExcelSubmissionWorkbooks(counting.parsers),
      }),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Submits as OFO's October workbook; checks that nothing reached the progress data and the attempt is recorded. */
  async function submitted(
    name: string,
    bytes: Buffer,
  ): Promise<{ outcome: IngestOutcome; exceljs: ExceljsUse }> {
    const before = await harness.progressState('OFO', '2026-10');
    const attemptsBefore = (await harness.dependencies.history.attempts('OFO', period)).length;
    const used = { ...counting.use };
    const { outcome, failures } = await harness.submit('OFO', '2026-10', `${name}.xlsx`, bytes, { uploader });
    expect(failures).toEqual([]);
    expect(await harness.progressState('OFO', '2026-10')).toEqual(before);
    const attempts = await harness.dependencies.history.attempts('OFO', period);
    expect(attempts).toHaveLength(attemptsBefore + 1);
    expect(attempts.at(-1)).toMatchObject({ outcome: 'rejected', submissionId: outcome.submissionId });
    return {
      outcome,
      exceljs: {
        workbooksOpened: counting.use.workbooksOpened - used.workbooksOpened,
        sheetsRead: counting.use.sheetsRead - used.sheetsRead,
      },
    };
  }

  for (const hostile of HOSTILE_CASES)
    it(`${hostile.name}: ${hostile.description}`, async () => {
      const { outcome, exceljs } = await submitted(hostile.name, await hostile.bytes());
      if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`);
      expect(outcome.problems.map((problem) => problem.rule)).toEqual([hostile.rule]);
      expect(outcome.annotatedKey).toBeUndefined();
      expect(exceljs).toEqual({ workbooksOpened: 0, sheetsRead: 0 });
      const attempt = (await harness.dependencies.history.attempts('OFO', period)).at(-1);
      expect(attempt?.problems?.map((problem) => problem.rule)).toEqual([hostile.rule]);
      expect(attempt?.annotatedKey).toBeUndefined();
      const mail = (await harness.mail()).at(-1);
      expect(mail?.subject).toBe('Rejected: OFO progress for 2026-10 (1 problem)');
      expect(mail?.text).toContain(`No marked-up copy is attached: ${NO_COPY_REASONS.overLimits}.`);
      expect(mail?.text).toContain(`[${hostile.rule}]`);
      expect(mail?.attachments).toEqual([]);
    });

  it('a workbook within every limit that is not a template is answered from the structure scan alone', async () => {
    const bytes = await generateWorkbook({
      sheets: [
        { name: 'Budget', body: sheetData({ rows: 500, columns: 8 }) },
        { name: 'Notes', body: sheetData({ rows: 50 }) },
      ],
    });
    const { outcome, exceljs } = await submitted('budget', bytes);
    if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
    expect(outcome.problems.map((problem) => problem.rule)).toEqual([
      'metadata.missing',
      'progress.missing-sheet',
    ]);
    expect(outcome.annotatedKey).toBeUndefined();
    expect(exceljs).toEqual({ workbooksOpened: 0, sheetsRead: 0 });
    expect((await harness.mail()).at(-1)?.text).toContain(
      `No marked-up copy is attached: ${NO_COPY_REASONS.noProgressSheet}.`,
    );
  });

  it('a template with problems is streamed, twice, and marked up: never loaded whole', async () => {
    const bytes = await filledTemplate('OFO', '2026-10', (_id, index) => ({
      status: index === 0 ? 'Done' : 'On Track',
      percentComplete: 50,
    }));
    const { outcome, exceljs } = await submitted('template', bytes);
    if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
    expect(outcome.problems.map((problem) => problem.rule)).toEqual(['status.allowed-values']);
    expect(outcome.annotatedKey).toBeDefined();
    // Read: Metadata and Progress. Marked-up copy: each of the three sheets.
    expect(exceljs).toEqual({ workbooksOpened: 2, sheetsRead: 5 });
  });
});

describe('an upload that runs past the time budget', () => {
  it('is answered as rejected with file.too-complex and recorded, never left to time out', async () => {
    // Each reading of the clock moves it a second on: the 15 s budget runs out within the checks.
    let now = Date.parse('2026-11-03T12:00:00Z');
    const movingClock = {
      now: () => {
        now += 1_000;
        return new Date(now);
      },
    };
    const harness = await openIngestHarness({
      wrap: (dependencies) => ({ ...dependencies, clock: movingClock }),
    });
    try {
      const before = await harness.progressState('OFO', '2026-10');
      const { outcome, failures } = await harness.submit(
        'OFO',
        '2026-10',
        'slow.xlsx',
        await filledTemplate(),
        { uploader },
      );
      expect(failures).toEqual([]);
      if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
      expect(outcome.problems).toEqual([
        {
          rule: 'file.too-complex',
          file: 'slow.xlsx',
          message:
            "the workbook takes longer than 15 s to check, so it was not read to the end: save a copy holding only the template's sheets and upload that",
        },
      ]);
      expect(await harness.progressState('OFO', '2026-10')).toEqual(before);
      expect((await harness.dependencies.history.attempts('OFO', period)).at(-1)).toMatchObject({
        outcome: 'rejected',
        problemCount: 1,
        problems: [{ rule: 'file.too-complex' }],
      });
      expect((await harness.mail()).at(-1)?.text).toContain(
        `No marked-up copy is attached: ${NO_COPY_REASONS.tooComplex}.`,
      );
    } finally {
      await harness.close();
    }
  });
});
