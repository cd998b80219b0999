import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { NotFoundError } from '../../../shared/domain/errors';
import type { ListedObject, ObjectStore, PutOptions, StoredObject } from '../../../shared/ports/object-store';

interface Stored {
  readonly bytes: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * A bucket in memory, answering like S3ObjectStore on an unversioned bucket (the local server):
 * a missing object is NotFoundError on get and undefined on head, user metadata names are lower
 * case, list is in key order. `beforePut` lets a test fail or watch a write, as a dying process would.
 */
export class InMemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, Stored>();
  /** Every key written, in order. */
  readonly writes: string[] = [];
  beforePut: ((key: string) => void) | undefined;

  constructor(
    readonly bucket = 'strategy-report-reports',
    /** When a put happens, as S3 records it (Last-Modified). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(key: string, body: Uint8Array | Readable, options: PutOptions = {}) {
    this.beforePut?.(key);
    const bytes = body instanceof Readable ? await collect(body) : Buffer.from(body);
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
    const metadata = Object.fromEntries(
      Object.entries(options.metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    this.objects.set(key, {
      bytes,
      etag,
      lastModified: this.now(),
      ...(options.contentType ? { contentType: options.contentType } : {}),
      metadata,
    });
    this.writes.push(key);
    return { etag };
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.from(this.stored(key).bytes);
  }

  async getStream(key: string): Promise<Readable> {
    return Readable.from([Buffer.from(this.stored(key).bytes)]);
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const object = this.objects.get(key);
    if (!object) return undefined;
    return {
      key,
      size: object.bytes.length,
      etag: object.etag,
      ...(object.contentType ? { contentType: object.contentType } : {}),
      metadata: object.metadata,
    };
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    for (const key of [...this.objects.keys()].sort()) {
      if (!key.startsWith(prefix)) continue;
      const stored = this.objects.get(key) as Stored;
      yield { key, size: stored.bytes.length, etag: stored.etag, lastModified: stored.lastModified };
    }
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async presignGet(key: string, expiresInSeconds: number, options: { downloadName?: string } = {}) {
    const query = new URLSearchParams({ 'X-Amz-Expires': String(expiresInSeconds) });
    if (options.downloadName)
      query.set('response-content-disposition', `attachment; filename="${options.downloadName}"`);
    return `https://${this.bucket}.s3.example/${key}?${query}`;
  }

  /** Every stored key, in order. */
  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  private stored(key: string): Stored {
    const object = this.objects.get(key);
    if (!object) throw new NotFoundError(`no object s3://${this.bucket}/${key}`);
    return object;
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
