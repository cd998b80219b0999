import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import { periodStatus } from '../../../shared/use-cases/period-status';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { newRevision, progressRows } from '../../support/fixtures';

const P = parsePeriod;

describe('periodStatus', () => {
  it("gives every catalog office's state: submitted with its revision, or not, with its rejected uploads", async () => {
    const deps = inMemoryDependencies();
    await deps.progress.commitRevision(newRevision({ rowCount: 1 }), progressRows(['1.1.1']), new Date());
    for (const [id, outcome] of [
      ['x', 'rejected'],
      ['y', 'rejected'],
    ] as const)
      await deps.history.record({
        submissionId: id,
        office: 'USBP',
        period: P('2026-10'),
        receivedAt: `2026-11-0${id === 'x' ? 1 : 2}T10:00:00.000Z`,
        uploader: 'usbp@example.gov',
        sha256: 'b'.repeat(64),
        size: 1,
        source: { bucket: 'uploads', key: `uploads/USBP/2026-10/${id}.xlsx` },
        outcome,
      });

    const status = await periodStatus(deps, P('2026-10'));
    expect(status.offices.map((office) => office.office)).toEqual(
      deps.catalog.offices.map((office) => office.code),
    );
    expect(status.submitted).toBe(1);
    expect(status.expected).toBe(
      deps.catalog.offices.filter((office) => deps.catalog.activitiesOf(office.code).length > 0).length,
    );
    expect(status.offices.find((office) => office.office === 'OFO')).toMatchObject({
      submitted: true,
      revision: 1,
      submissionId: 'sub-1',
      uploader: 'ofo.submitter@example.gov',
      rows: 1,
      rejectedAttempts: 0,
      attempts: 0,
    });
    expect(status.offices.find((office) => office.office === 'USBP')).toEqual({
      office: 'USBP',
      name: deps.catalog.office('USBP')?.name,
      expectedRows: deps.catalog.activitiesOf('USBP').length,
      submitted: false,
      rejectedAttempts: 2,
      attempts: 2,
    });
  });
});
