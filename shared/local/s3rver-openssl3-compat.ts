import crypto from 'node:crypto';

let installed = false;

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node 17+)
 * no longer provides: every truncated listing then fails with a 500. The token only has to be
 * opaque to the client and reversible by the server, so where DES is unavailable we let 'des'
 * mean "pass the bytes through". Only the 'des' algorithm is touched, nothing in this product
 * uses it, and only in the process that runs the embedded server. Real S3 is unaffected.
 */
export function installS3rverOpenSsl3Compat(): void {
  if (installed) return;
  installed = true;
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return; // DES still works here (legacy provider loaded): nothing to do.
  } catch {
    // fall through: install the pass-through
  }
  const passThrough = () => ({
    update: (data: string | Buffer, encoding?: BufferEncoding) =>
      typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data),
    final: () => Buffer.alloc(0),
  });
  const originalCipher = crypto.createCipheriv;
  const originalDecipher = crypto.createDecipheriv;
  const patchedCipher = (algorithm: string, ...rest: unknown[]) =>
    algorithm === 'des'
      ? passThrough()
      : (originalCipher as (...args: unknown[]) => unknown)(algorithm, ...rest);
  const patchedDecipher = (algorithm: string, ...rest: unknown[]) =>
    algorithm === 'des'
      ? passThrough()
      : (originalDecipher as (...args: unknown[]) => unknown)(algorithm, ...rest);
  Object.assign(crypto, { createCipheriv: patchedCipher, createDecipheriv: patchedDecipher });
}
