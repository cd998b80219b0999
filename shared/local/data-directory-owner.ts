import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Who holds a data directory, written by the holder into `<dir>/owner.json` right after it took
 * the lock: what the busy message names, and — for `strategy-report serve` — where its servers
 * listen, so other commands use them instead of starting their own. Informational: the lock
 * itself is what excludes; a record left by a process that died names a pid that is gone.
 */
const ownerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  command: z.string(),
  since: z.string(),
  serving: z
    .object({
      endpoints: z.object({ dynamodb: z.url(), s3: z.url() }),
      outboxDirectory: z.string(),
    })
    .optional(),
});
export type DataDirectoryOwner = z.infer<typeof ownerSchema>;

const OWNER_FILE = 'owner.json';

export function ownerFile(directory: string): string {
  return join(directory, OWNER_FILE);
}

/** The recorded owner, or undefined when there is none (or it cannot be read: it is only a hint). */
export function readOwner(directory: string): DataDirectoryOwner | undefined {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(readFileSync(ownerFile(directory), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** This process as the owner, written whole (a reader never sees half a record). */
export function writeOwner(
  directory: string,
  owner: Omit<DataDirectoryOwner, 'pid' | 'host'>,
): DataDirectoryOwner {
  const record = { pid: process.pid, host: hostname(), ...owner };
  const partial = join(directory, `.${OWNER_FILE}.${randomUUID()}`);
  writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(partial, ownerFile(directory));
  return record;
}

/** Removes the record if it is this process's (never another owner's). Synchronous: also runs at exit. */
export function removeOwnRecord(directory: string): void {
  if (readOwner(directory)?.pid === process.pid && readOwner(directory)?.host === hostname())
    rmSync(ownerFile(directory), { force: true });
}

/**
 * Whether the recorded process still runs. On another host (a shared folder) it cannot be told
 * from here, so it counts as running.
 */
export function ownerIsRunning(owner: DataDirectoryOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
