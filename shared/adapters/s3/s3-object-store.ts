import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NotFoundError } from '../../domain/errors';
import type { ListedObject, ObjectStore, PutOptions, StoredObject } from '../../ports/object-store';

const isMissing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  ['NoSuchKey', 'NotFound'].includes((error as { name?: string } | undefined)?.name ?? '') ||
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode === 404;

/** A bucket through the AWS SDK: S3 in AWS, the embedded S3-compatible server locally. */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, body: Uint8Array | Readable, options: PutOptions = {}) {
    const params = {
      Bucket: this.bucket,
      Key: key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
    };
    if (!(body instanceof Readable)) {
      // Bytes in hand go up in one request with Content-MD5: S3 checks it, and a bucket with
      // Object Lock default retention refuses writes that carry no integrity header at all.
      const result = await this.s3.send(
        new PutObjectCommand({
          ...params,
          Body: body,
          ContentLength: body.byteLength,
          ContentMD5: createHash('md5').update(body).digest('base64'),
        }),
      );
      return { etag: result.ETag ?? '', ...(result.VersionId ? { versionId: result.VersionId } : {}) };
    }
    // lib-storage streams bodies of unknown length (multipart above 5 MiB) without buffering it
    // all. Streams are for the uploads bucket; Object Lock buckets are written from bytes.
    const upload = new Upload({ client: this.s3, params: { ...params, Body: body } });
    const result = await upload.done();
    return {
      etag: result.ETag ?? '',
      ...(result.VersionId ? { versionId: result.VersionId } : {}),
    };
  }

  async getStream(key: string, versionId?: string): Promise<Readable> {
    try {
      const result = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
      if (!(result.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
      return result.Body;
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`no object s3://${this.bucket}/${key}`);
      throw error;
    }
  }

  async get(key: string, versionId?: string): Promise<Buffer> {
    const stream = await this.getStream(key, versionId);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }

  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    try {
      const result = await this.s3.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
      return {
        key,
        size: result.ContentLength ?? 0,
        etag: result.ETag ?? '',
        ...(result.LastModified ? { lastModified: result.LastModified } : {}),
        ...(result.VersionId ? { versionId: result.VersionId } : {}),
        ...(result.ContentType ? { contentType: result.ContentType } : {}),
        metadata: result.Metadata ?? {},
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    let continuationToken: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(continuationToken ? { ContinuationToken: continuationToken } : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          key: object.Key,
          size: object.Size ?? 0,
          ...(object.LastModified ? { lastModified: object.LastModified } : {}),
          ...(object.ETag ? { etag: object.ETag } : {}),
        };
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async presignGet(key: string, expiresInSeconds: number, options: { downloadName?: string } = {}) {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(options.downloadName
          ? {
              ResponseContentDisposition: `attachment; filename="${options.downloadName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
            }
          : {}),
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
