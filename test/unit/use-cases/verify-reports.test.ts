import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors';
import { parsePeriod } from '../../../shared/domain/period';
import { verifyReports } from '../../../shared/use-cases/verify-reports';
import { type InMemoryDependencies, inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

const P = parsePeriod;

/** Three reports on one chain: 2026-08 v1 (#1), 2026-09 v1 (#2), 2026-09 v2 (#3, forced). */
async function threeReports(): Promise<InMemoryDependencies> {
  const deps = inMemoryDependencies();
  await storedSnapshot(deps, '2026-08');
  await storedSnapshot(deps, '2026-09');
  await renderWith(deps, '2026-08');
  await renderWith(deps, '2026-09');
  await renderWith(deps, '2026-09', { force: true });
  return deps;
}

describe('verifyReports', () => {
  it('walks the whole chain and finds every file, manifest and snapshot as published', async () => {
    const deps = await threeReports();
    const result = await verifyReports(deps, { kind: 'all' });
    expect(result).toMatchObject({
      scope: 'all',
      ok: true,
      head: { sequence: 3, period: '2026-09', version: 2 },
      pending: null,
      counts: { reports: 3, manifests: 3, links: 3, files: 12, snapshots: 2, indexItems: 3, findings: 0 },
      firstFailure: null,
    });
    expect(deps.metrics.total('VerifyFailures')).toBe(0);
    expect(
      result.reports.map((report) => [report.sequence, report.period, report.version, report.ok]),
    ).toEqual([
      [1, '2026-08', 1, true],
      [2, '2026-09', 1, true],
      [3, '2026-09', 2, true],
    ]);
  });

  it('checks one period in depth and the link into it', async () => {
    const deps = await threeReports();
    const result = await verifyReports(deps, { kind: 'period', period: P('2026-09') });
    expect(result.counts).toMatchObject({ reports: 2, links: 3, indexItems: 2 });
    await expect(verifyReports(deps, { kind: 'period', period: P('2026-01') })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('names the oldest altered file, and the report it belongs to', async () => {
    const deps = await threeReports();
    const pdf = 'reports/2026-09/v0001/brief.pdf';
    await deps.reportObjects.put(pdf, Buffer.from('altered'));
    const result = await verifyReports(deps, { kind: 'all' });
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject({ sequence: 2, key: pdf });
    expect(result.reports.map((report) => report.ok)).toEqual([true, false, true]);
    // Each finding counts as a verify failure (none were counted by the clean walks before).
    expect(deps.metrics.total('VerifyFailures')).toBe(result.findings.length);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('names a broken link when a manifest was altered', async () => {
    const deps = await threeReports();
    const key = 'reports/2026-08/v0001/manifest.json';
    const bytes = await deps.reportObjects.get(key);
    await deps.reportObjects.put(key, Buffer.concat([bytes, Buffer.from(' ')]));
    const result = await verifyReports(deps, { kind: 'all' });
    expect(result.firstFailure).toMatchObject({ kind: 'link-broken', sequence: 1, key });
  });

  it('finds an index item the chain does not reach, but not the one being published right now', async () => {
    const deps = await threeReports();
    const latest = (await deps.reportIndex.latest(P('2026-09'))) ?? expect.unreachable();
    await deps.reportIndex.putRecord({ ...latest, version: 9, sequence: 4 });
    expect((await verifyReports(deps, { kind: 'all' })).firstFailure).toMatchObject({
      kind: 'index-orphan',
      sequence: 4,
    });

    // The same item, while its render holds the chain, is a publication in progress.
    await deps.reportIndex.holdChain(
      {
        owner: 'render',
        period: P('2026-09'),
        version: 9,
        sequence: 4,
        manifestKey: 'reports/2026-09/v0009/manifest.json',
        leaseExpiresAt: '2026-11-20T15:15:00.000Z',
      },
      3,
    );
    const result = await verifyReports(deps, { kind: 'all' });
    expect(result).toMatchObject({ ok: true, pending: { period: '2026-09', version: 9, sequence: 4 } });
  });

  it('says when reports are indexed but the chain head is missing, and when two claim one place', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-09');
    const { record } = await renderWith(deps, '2026-09');
    const headless = { ...deps, reportIndex: inMemoryDependencies().reportIndex };
    await headless.reportIndex.putRecord(record);
    expect((await verifyReports(headless, { kind: 'all' })).findings.map((finding) => finding.kind)).toEqual([
      'head-missing',
      'index-orphan',
    ]);

    await deps.reportIndex.putRecord({ ...record, version: 2 });
    expect((await verifyReports(deps, { kind: 'all' })).findings.map((finding) => finding.kind)).toContain(
      'index-duplicate',
    );
  });
});
