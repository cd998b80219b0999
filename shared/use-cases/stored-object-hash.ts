import { createHash } from 'node:crypto';
import type { ObservedObject } from '../domain/audit/chain-checks';
import { NotFoundError } from '../domain/errors';
import type { ObjectStore } from '../ports/object-store';

/** The SHA-256 and size of a stored object, read as a stream (never whole in memory); undefined when it is not stored. */
export async function hashStoredObject(
  objects: ObjectStore,
  key: string,
): Promise<ObservedObject | undefined> {
  let stream: AsyncIterable<Buffer | Uint8Array>;
  try {
    stream = await objects.getStream(key);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
