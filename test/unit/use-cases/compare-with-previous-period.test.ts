import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { compareWithPreviousPeriod } from '../../../shared/use-cases/compare-with-previous-period';
import { InMemoryProgressRepository } from '../../support/fakes/in-memory-progress-repository';
import { newRevision, progressRows } from '../../support/fixtures';

const P = parsePeriod;
const at = new Date('2026-10-05T12:00:00Z');

describe('compareWithPreviousPeriod', () => {
  it("marks rows against the previous period's current revision, naming it", async () => {
    const progress = new InMemoryProgressRepository();
    const ids = ['1.1.4', '1.2.3', '2.3.1'];
    await progress.commitRevision(
      newRevision({ period: P('2026-09'), sha256: '1'.repeat(64), acceptedAt: '2026-09-20T12:00:00.000Z' }),
      progressRows(ids),
      at,
    );
    // A later revision of September is current: it, not revision 1, is what October is compared with.
    await progress.commitRevision(
      newRevision({ period: P('2026-09'), sha256: '2'.repeat(64), acceptedAt: '2026-09-25T12:00:00.000Z' }),
      progressRows(ids, { percentComplete: 50 }),
      at,
    );
    const october = [
      ...progressRows(ids.slice(0, 2), { percentComplete: 50 }),
      ...progressRows(ids.slice(2)),
    ];

    const compared = await compareWithPreviousPeriod(progress, 'OFO', P('2026-10'), october);
    expect(compared.comparedWith).toEqual({ period: '2026-09', revision: 2 });
    expect(compared.unchanged).toEqual(['1.1.4', '1.2.3']);
    expect(compared.rows.map((row) => row.unchanged)).toEqual([true, true, false]);
  });

  it('marks nothing unchanged when the office has no revision of the previous period', async () => {
    const progress = new InMemoryProgressRepository();
    const compared = await compareWithPreviousPeriod(progress, 'USBP', P('2026-10'), progressRows(['2.1.1']));
    expect(compared).toEqual({
      comparedWith: null,
      unchanged: [],
      rows: [{ activityId: '2.1.1', status: 'On Track', percentComplete: 10, unchanged: false }],
    });
  });
});
