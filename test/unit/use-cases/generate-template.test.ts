import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { generateTemplate } from '../../../shared/use-cases/generate-template';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { newRevision, progressRows } from '../../support/fixtures';

const P = parsePeriod;

describe('generateTemplate', () => {
  it("lays out one row per key activity the office owns, pre-filled from its previous period's answers", async () => {
    const deps = inMemoryDependencies({ now: '2026-11-01T12:00:00Z' });
    const ids = deps.catalog.activitiesOf('OFO').map((activity) => activity.id);
    await deps.progress.commitRevision(
      newRevision({ period: P('2026-09'), rowCount: 1 }),
      progressRows(ids.slice(0, 1), { percentComplete: 42 }),
      new Date('2026-10-02T12:00:00Z'),
    );

    const { bytes, content } = await generateTemplate({ office: 'OFO', period: P('2026-10') }, deps);
    expect(content).toMatchObject({
      period: '2026-10',
      office: { code: 'OFO' },
      deadline: '2026-11-10',
      generatedAt: new Date('2026-11-01T12:00:00Z'),
      prefilledFrom: { period: '2026-09', revision: 1 },
    });
    expect(content.rows.map((row) => row.activityId)).toEqual(ids);
    expect(deps.workbooks.templates).toEqual([content]);
    expect(JSON.parse(bytes.toString())).toEqual({ office: 'OFO', period: '2026-10', rows: ids.length });
  });

  it('starts empty for an office with no previous submission, and refuses an unknown office', async () => {
    const deps = inMemoryDependencies();
    const { content } = await generateTemplate({ office: 'USBP', period: P('2026-10') }, deps);
    expect(content.prefilledFrom).toBeUndefined();
    await expect(generateTemplate({ office: 'NOPE', period: P('2026-10') }, deps)).rejects.toThrow(/NOPE/);
  });
});
