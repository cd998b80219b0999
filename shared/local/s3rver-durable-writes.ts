import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The part of s3rver's filesystem store this patch replaces (s3rver 3.7.1, lib/stores/filesystem.js). */
interface FilesystemStorePrototype {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
}
interface S3rverObject {
  readonly bucket: string;
  readonly key: string;
  readonly content: Buffer | NodeJS.ReadableStream;
  readonly metadata: unknown;
}

let installed = false;

/** The method this patch replaces, loaded from s3rver itself; throws naming the file if it moved. */
export function s3rverFilesystemStore(): FilesystemStorePrototype {
  const require = createRequire(import.meta.url);
  const module = require('s3rver/lib/stores/filesystem.js') as { prototype?: FilesystemStorePrototype };
  const prototype = module.prototype;
  if (
    typeof prototype?.putObject !== 'function' ||
    typeof prototype.getResourcePath !== 'function' ||
    typeof prototype.putMetadata !== 'function'
  )
    throw new Error(
      's3rver/lib/stores/filesystem.js no longer has putObject/getResourcePath/putMetadata: ' +
        'shared/local/s3rver-durable-writes.ts must be revisited for this s3rver version',
    );
  return prototype;
}

/**
 * s3rver 3.7.1 answers a PutObject before the object's bytes are on disk: its filesystem store
 * calls `writeStream.end(content)` and resolves at once, and it writes over the existing file in
 * place. A GET that follows at once — the report chain's verification right after a publish,
 * a test that restores a file and re-verifies — can then read the old or a half-written object,
 * and more often the busier the machine is. This replaces that one method: the bytes go to a
 * temporary file, which is renamed over the object only once it is complete, and only then does
 * the PUT answer. In the embedded server's process only; real S3 is unaffected.
 */
export function installS3rverDurableWrites(): void {
  if (installed) return;
  installed = true;
  const store = s3rverFilesystemStore();
  store.putObject = async function putObject(this: FilesystemStorePrototype, object: S3rverObject) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const temporary = `${objectPath}.${randomUUID()}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    const source = Buffer.isBuffer(object.content)
      ? Readable.from([object.content])
      : (object.content as NodeJS.ReadableStream);
    try {
      await pipeline(
        source,
        async function* measure(chunks: AsyncIterable<Buffer | string>) {
          for await (const chunk of chunks) {
            const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
            md5.update(bytes);
            size += bytes.length;
            yield bytes;
          }
        },
        createWriteStream(temporary),
      );
      await rename(temporary, objectPath);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const digest = md5.digest('hex');
    await this.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
}
