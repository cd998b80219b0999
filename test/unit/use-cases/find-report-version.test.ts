import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { findReportVersion } from '../../../shared/use-cases/find-report-version';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

const P = parsePeriod;

describe('findReportVersion', () => {
  it('finds the latest version, or the one asked for, and says what exists when it is not there', async () => {
    const deps = inMemoryDependencies();
    await expect(findReportVersion(deps.reportIndex, P('2026-10'))).rejects.toThrow(
      'no report has been rendered for 2026-10',
    );
    await expect(findReportVersion(deps.reportIndex, P('2026-10'), 1)).rejects.toBeInstanceOf(NotFoundError);
    await storedSnapshot(deps, '2026-10');
    await renderWith(deps, '2026-10');
    await renderWith(deps, '2026-10', { force: true });
    expect((await findReportVersion(deps.reportIndex, P('2026-10'))).version).toBe(2);
    expect((await findReportVersion(deps.reportIndex, P('2026-10'), 1)).version).toBe(1);
    await expect(findReportVersion(deps.reportIndex, P('2026-10'), 7)).rejects.toThrow(
      'there is no report 2026-10 v0007: 2026-10 has v0001, v0002',
    );
  });
});
