import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/domain/period';
import type { ChainHold } from '../../../shared/ports/report-index';
import {
  holdReportChain,
  ReportChainBusyError,
  settleChainHold,
} from '../../../shared/use-cases/report-chain-hold';
import { inMemoryDependencies } from '../../support/fakes/in-memory-dependencies';
import { renderWith, storedSnapshot } from '../../support/fakes/report-scenarios';

const P = parsePeriod;
const now = new Date('2026-11-20T15:00:00Z');

const holdOf = (overrides: Partial<ChainHold> = {}): ChainHold => ({
  owner: 'dead-render',
  period: P('2026-10'),
  version: 1,
  manifestKey: 'reports/2026-10/v0001/manifest.json',
  sequence: 1,
  leaseExpiresAt: '2026-11-20T15:15:00.000Z',
  ...overrides,
});

describe('holdReportChain', () => {
  it('takes the first place on an empty chain, naming no previous manifest, with a lease', async () => {
    const deps = inMemoryDependencies();
    const { hold, previous } = await holdReportChain(deps, { period: P('2026-10'), version: 3 }, now);
    expect(previous).toBeNull();
    expect(hold).toMatchObject({
      period: '2026-10',
      version: 3,
      sequence: 1,
      manifestKey: 'reports/2026-10/v0003/manifest.json',
      leaseExpiresAt: '2026-11-20T15:15:00.000Z',
    });
    expect(await deps.reportIndex.chainState()).toEqual({ sequence: 0, pending: hold });
  });

  it('takes the place after the head and links to its manifest', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-09');
    const { record } = await renderWith(deps, '2026-09');
    const { hold, previous } = await holdReportChain(deps, { period: P('2026-10'), version: 1 }, now);
    expect(hold.sequence).toBe(2);
    expect(previous).toEqual({
      period: '2026-09',
      version: 1,
      key: record.manifestKey,
      sha256: record.manifestSha256,
    });
  });

  it('waits while a live render holds the chain, then gives up with ReportChainBusyError', async () => {
    const deps = inMemoryDependencies();
    await deps.reportIndex.holdChain(holdOf(), undefined);
    const sleeps: number[] = [];
    const attempt = holdReportChain(deps, { period: P('2026-11'), version: 1 }, now, {
      waitForChainMs: 30,
      pollMs: 10,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(ReportChainBusyError);
    await expect(attempt).rejects.toThrow('another render (2026-10 v1) is publishing; try again shortly');
    expect(sleeps).toEqual([10, 10, 10]);
    expect((await deps.reportIndex.chainState())?.pending?.owner).toBe('dead-render');
  });

  it('settles a hold whose lease has expired before taking the chain', async () => {
    const deps = inMemoryDependencies();
    await deps.reportIndex.holdChain(holdOf({ leaseExpiresAt: '2026-11-20T14:59:59.000Z' }), undefined);
    const { hold } = await holdReportChain(deps, { period: P('2026-11'), version: 1 }, now);
    expect(hold.sequence).toBe(1);
    expect((await deps.reportIndex.chainState())?.pending?.period).toBe('2026-11');
  });
});

describe('settleChainHold', () => {
  it('completes a publication whose manifest was stored and links to the head', async () => {
    const deps = inMemoryDependencies();
    await storedSnapshot(deps, '2026-10');
    deps.reportObjects.beforePut = (key) => {
      if (key.endsWith('manifest.json')) queueMicrotask(() => (deps.reportIndex.down = true));
    };
    await expect(renderWith(deps, '2026-10')).rejects.toThrow('the table is unreachable');
    deps.reportIndex.down = false;
    const hold = (await deps.reportIndex.chainState())?.pending as ChainHold;

    const settled = await settleChainHold(deps, hold, now);
    expect(settled).toMatchObject({
      kind: 'completed',
      record: { period: '2026-10', version: 1, sequence: 1 },
    });
    expect(await deps.reportIndex.chainHead()).toMatchObject({ sequence: 1, period: '2026-10' });
    // Settled by someone else already: it says what they did.
    expect(await settleChainHold(deps, hold, now)).toEqual(settled);
  });

  it('abandons a hold with no manifest, or one that does not link to the head, and gives the chain back', async () => {
    const deps = inMemoryDependencies();
    await deps.reportIndex.holdChain(holdOf(), undefined);
    expect(await settleChainHold(deps, holdOf(), now)).toEqual({ kind: 'abandoned' });
    expect(await deps.reportIndex.chainState()).toEqual({ sequence: 0 });
    expect(await settleChainHold(deps, holdOf(), now)).toEqual({ kind: 'abandoned' });

    // A manifest stored under the hold's key that claims another place in the chain.
    await storedSnapshot(deps, '2026-09');
    await renderWith(deps, '2026-09');
    const misplaced = holdOf({
      owner: 'other',
      version: 7,
      manifestKey: 'reports/2026-09/v0001/manifest.json',
    });
    await deps.reportIndex.holdChain(misplaced, 1);
    expect(await settleChainHold(deps, misplaced, now)).toEqual({ kind: 'abandoned' });
    expect(await deps.reportIndex.chainHead()).toMatchObject({ sequence: 1, period: '2026-09' });
  });

  it('says the chain is busy when another render settled the same hold at the same moment', async () => {
    const deps = inMemoryDependencies();
    await deps.reportIndex.holdChain(holdOf(), undefined);
    const release = deps.reportIndex.releaseChain.bind(deps.reportIndex);
    // The other render releases it between this one's read and its own release.
    deps.reportIndex.releaseChain = async (owner) => {
      await release(owner);
      return release(owner);
    };
    await expect(settleChainHold(deps, holdOf(), now)).rejects.toBeInstanceOf(ReportChainBusyError);
  });
});
