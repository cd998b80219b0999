import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataDirectoryBusyError } from './data-directory-busy-error';
import { tryLockDataDirectory } from './data-directory-lock';
import {
  type DataDirectoryOwner,
  ownerIsRunning,
  readOwner,
  removeOwnRecord,
  writeOwner,
} from './data-directory-owner';

export type ServingOwner = DataDirectoryOwner & {
  readonly serving: NonNullable<DataDirectoryOwner['serving']>;
};

/** How this process may use a data directory: through a running `serve`, or as its only owner. */
export type DataDirectoryClaim =
  | { readonly kind: 'served'; readonly owner: ServingOwner }
  | {
      readonly kind: 'owned';
      /** Records where this process's servers listen, for other commands to use (`serve`). */
      publish(serving: ServingOwner['serving']): void;
      /** Removes the owner record first, so no command starts using servers about to stop. */
      withdraw(): void;
      /** Removes the owner record, then lets go of the lock. */
      release(): Promise<void>;
    };

export interface ClaimOptions {
  /** What this process is, for the record and for the busy message of whoever waits on it. */
  readonly command: string;
  readonly waitSeconds: number;
  /** Whether a running `serve` will do (every command but `serve` itself). */
  readonly acceptServed: boolean;
  /** Told once, when this process starts waiting, who it waits for. */
  readonly onWait?: (owner: DataDirectoryOwner | undefined) => void;
}

const POLL_MS = 200;

/**
 * Finds how to use the data directory, waiting at most `waitSeconds` for it:
 * 1. a `serve` process that runs and answers → use its servers (many commands at once);
 * 2. else take the lock → this process owns the directory alone until `release()`;
 * 3. else another process owns it: look again shortly, until the wait is over, then
 *    `DataDirectoryBusyError` naming that process.
 */
export async function claimDataDirectory(
  directory: string,
  options: ClaimOptions,
): Promise<DataDirectoryClaim> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  let waiting = false;
  for (;;) {
    const owner = readOwner(directory);
    const running = owner && ownerIsRunning(owner) ? owner : undefined;
    if (running?.serving && (await answers(running.serving.endpoints.dynamodb))) {
      if (options.acceptServed) return { kind: 'served', owner: running as ServingOwner };
      throw new DataDirectoryBusyError(directory, running, 0, true);
    }
    const lock = await tryLockDataDirectory(directory);
    if (lock) return owned(directory, options.command, lock.release);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new DataDirectoryBusyError(directory, running, options.waitSeconds);
    if (!waiting) {
      waiting = true;
      options.onWait?.(running);
    }
    await sleep(Math.min(POLL_MS, remaining));
  }
}

function owned(directory: string, command: string, unlock: () => Promise<void>): DataDirectoryClaim {
  const since = new Date().toISOString();
  writeOwner(directory, { command, since });
  // Whatever ends this process, its record goes (a record left behind only names a dead pid).
  const removeAtExit = () => removeOwnRecord(directory);
  process.once('exit', removeAtExit);
  return {
    kind: 'owned',
    publish: (serving) => {
      writeOwner(directory, { command, since, serving });
    },
    withdraw: () => removeOwnRecord(directory),
    release: async () => {
      removeOwnRecord(directory);
      process.off('exit', removeAtExit);
      await unlock();
    },
  };
}

/** Whether something accepts connections at the endpoint (a stopped `serve` leaves its record behind). */
function answers(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
