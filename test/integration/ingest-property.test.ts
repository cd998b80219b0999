import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, parsePeriod } from '../../shared/domain/period';
import { type IngestHarness, openIngestHarness } from '../support/ingest-harness';
import { templateFor } from '../support/templates';
import { defaultAnswers, fillTemplate } from '../support/workbooks';

type Step = { office: 'OT' | 'AMO'; action: 'accept' | 'reject' | 'duplicate'; pick: number };

const steps = fc.array(
  fc.record({
    office: fc.constantFrom('OT' as const, 'AMO' as const),
    action: fc.constantFrom('accept' as const, 'reject' as const, 'duplicate' as const),
    pick: fc.nat(),
  }),
  { minLength: 1, maxLength: 8 },
);

describe('any sequence of accepted, rejected and duplicate submissions', () => {
  let harness: IngestHarness;
  let run = 0;
  beforeAll(async () => {
    harness = await openIngestHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('leaves exactly the last accepted revision current for each office and period, and loses none', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence: Step[]) => {
        // Each run gets its own period, so runs do not see each other's data.
        const period = addMonths(parsePeriod('2030-01'), run);
        run += 1;
        const accepted: Record<string, { bytes: Buffer; marker: number; revision: number }[]> = {
          OT: [],
          AMO: [],
        };
        const templates = { OT: await templateFor('OT', period), AMO: await templateFor('AMO', period) };
        let marker = 0;
        for (const step of sequence) {
          const history = accepted[step.office] ?? [];
          if (step.action === 'accept' || (step.action === 'duplicate' && history.length === 0)) {
            marker += 1;
            const value = marker;
            const bytes = await fillTemplate(templates[step.office], (id, index) => ({
              ...defaultAnswers(id, index),
              actual: value,
            }));
            const { outcome } = await harness.submit(
              step.office,
              period,
              `${step.office}-${value}.xlsx`,
              bytes,
            );
            expect(outcome).toMatchObject({ kind: 'accepted', revision: history.length + 1 });
            history.push({ bytes, marker: value, revision: history.length + 1 });
          } else if (step.action === 'duplicate') {
            const earlier = history[step.pick % history.length];
            if (!earlier) throw new Error('no earlier file');
            const { outcome } = await harness.submit(step.office, period, 'again.xlsx', earlier.bytes);
            expect(outcome).toMatchObject({ kind: 'duplicate', revision: earlier.revision });
          } else {
            const bad = await fillTemplate(templates[step.office], (id, index) => ({
              ...defaultAnswers(id, index),
              status: 'Finished',
            }));
            const { outcome } = await harness.submit(step.office, period, 'bad.xlsx', bad);
            expect(outcome.kind).toBe('rejected');
          }
        }
        for (const office of ['OT', 'AMO'] as const) {
          const history = accepted[office] ?? [];
          const current = await harness.dependencies.progress.currentRevision(office, period);
          expect(current?.revision).toBe(history.at(-1)?.revision);
          const revisions = await harness.dependencies.progress.revisions(office, period);
          expect(revisions.map((record) => record.revision)).toEqual(history.map((entry) => entry.revision));
          for (const entry of history) {
            const rows = await harness.dependencies.progress.rows(office, period, entry.revision);
            expect(new Set(rows.map((row) => row.actual))).toEqual(new Set([entry.marker]));
          }
        }
        const currents = await harness.dependencies.progress.currentRevisions(period);
        expect(currents.map((record) => record.office).sort()).toEqual(
          (['AMO', 'OT'] as const).filter((office) => (accepted[office] ?? []).length > 0),
        );
      }),
      { numRuns: 25 },
    );
  });
});
