import { hostname } from 'node:os';
import type { DataDirectoryOwner } from './data-directory-owner';

/**
 * Another live process holds the data directory and did not let go within the wait. Its message
 * is the whole story in one line: which directory, which process, what to do.
 */
export class DataDirectoryBusyError extends Error {
  override readonly name = 'DataDirectoryBusyError';

  constructor(
    readonly directory: string,
    /** The recorded owner when it is still running; undefined when the record is missing or stale. */
    readonly owner: DataDirectoryOwner | undefined,
    readonly waitedSeconds: number,
    /** The owner is a `serve` whose servers answer (what `serve` finds when one already runs). */
    readonly alreadyServed = false,
  ) {
    super(busyMessage(directory, owner, waitedSeconds, alreadyServed));
  }
}

function busyMessage(
  directory: string,
  owner: DataDirectoryOwner | undefined,
  waited: number,
  alreadyServed: boolean,
): string {
  const who = owner
    ? `process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''} (strategy-report ${owner.command}, since ${owner.since})`
    : 'another process';
  if (owner?.serving && alreadyServed)
    return `the data directory ${directory} is already served by ${who}, DynamoDB ${owner.serving.endpoints.dynamodb}, S3 ${owner.serving.endpoints.s3}: every command on it uses that one`;
  if (owner?.serving)
    return `the data directory ${directory} is served by ${who} but its servers do not answer; stop that process (Ctrl-C) or wait for it to finish starting or stopping`;
  return `the data directory ${directory} is in use by ${who}; waited ${waited} s. Run \`strategy-report serve --data-dir ${directory}\` so commands share it, wait for that process to finish, or use another --data-dir`;
}
