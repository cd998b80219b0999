import { createHash } from 'node:crypto';

/** Hex SHA-256 of bytes or UTF-8 text: the hash every record, manifest and check in the product uses. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
