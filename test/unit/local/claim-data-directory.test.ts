import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDataDirectory, type DataDirectoryClaim } from '../../../shared/local/claim-data-directory';
import { DataDirectoryBusyError } from '../../../shared/local/data-directory-busy-error';
import type { DataDirectoryOwner } from '../../../shared/local/data-directory-owner';

/** Waiting is shown by what the claim does (it is told it waits, it gets the directory once free), never by a clock. */
describe('claimDataDirectory on a directory another owner holds', () => {
  const directories: string[] = [];
  const claims: DataDirectoryClaim[] = [];
  const directory = () => {
    const made = mkdtempSync(join(tmpdir(), 'claim-'));
    directories.push(made);
    return made;
  };
  const claim = async (dir: string, options: Parameters<typeof claimDataDirectory>[1]) => {
    const made = await claimDataDirectory(dir, options);
    claims.push(made);
    return made;
  };
  afterEach(async () => {
    for (const made of claims.splice(0)) if (made.kind === 'owned') await made.release().catch(() => {});
    for (const made of directories.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  it('waits for it, saying who holds it once, and gives up naming that owner', async () => {
    const dir = directory();
    const holder = await claim(dir, { command: 'holder', waitSeconds: 0, acceptServed: true });
    expect(holder.kind).toBe('owned');
    const told: (DataDirectoryOwner | undefined)[] = [];

    const waiting = claimDataDirectory(dir, {
      command: 'waiter',
      waitSeconds: 0.5,
      acceptServed: true,
      onWait: (owner) => told.push(owner),
    });

    const error = await waiting.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DataDirectoryBusyError);
    expect((error as Error).message).toContain(
      `is in use by process ${process.pid} (strategy-report holder, since `,
    );
    expect(told.map((owner) => owner?.command)).toEqual(['holder']);
  });

  it('gets it as soon as the owner lets go while it waits', async () => {
    const dir = directory();
    const holder = await claim(dir, { command: 'holder', waitSeconds: 0, acceptServed: true });
    if (holder.kind !== 'owned') throw new Error('the first claim should own the directory');
    let released: Promise<void> | undefined;

    const waiter = await claim(dir, {
      command: 'waiter',
      waitSeconds: 30,
      acceptServed: true,
      // Told only after a try for the lock failed: the owner lets go while this claim waits.
      onWait: () => {
        released = holder.release();
      },
    });

    expect(released).toBeDefined();
    expect(waiter.kind).toBe('owned');
  });
});
