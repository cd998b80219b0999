import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';

/** Held while this process owns a data directory: only one process may run the embedded servers on it. */
export interface DataDirectoryLock {
  release(): Promise<void>;
}

/**
 * Takes the data directory's lock, or answers `undefined` at once when another process (or this
 * one) holds it.
 *
 * The lock is the one LevelDB takes on `<dir>/lock/LOCK` (an fcntl lock on POSIX, LockFileEx on
 * Windows), through classic-level, the LevelDB binding dynalite already runs on. The operating
 * system holds it for the process and drops it when the process ends, however it ends (Ctrl-C,
 * SIGKILL, a crash): a lock left by a dead process cannot exist, so there is nothing to detect or
 * take over, no heartbeat a CPU-bound render could miss (proper-lockfile's mtime refresh) and no
 * pid that could be reused (a pid file's liveness check).
 */
export async function tryLockDataDirectory(directory: string): Promise<DataDirectoryLock | undefined> {
  const database = new ClassicLevel(join(directory, 'lock'));
  try {
    await database.open();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED') return undefined;
    throw error;
  }
  return { release: () => database.close() };
}
