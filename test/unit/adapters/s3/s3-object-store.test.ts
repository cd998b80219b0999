import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../../shared/adapters/s3/s3-object-store';
import { NotFoundError } from '../../../../shared/domain/errors';

const s3 = new S3Client({
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
});
const mock = mockClient(S3Client);
const store = new S3ObjectStore(s3, 'bucket');

describe('S3ObjectStore', () => {
  beforeEach(() => mock.reset());

  it('puts bytes with content type and metadata', async () => {
    mock.on(PutObjectCommand).resolves({ ETag: '"abc"', VersionId: 'v1' });
    const result = await store.put('a/b.json', Buffer.from('{}'), {
      contentType: 'application/json',
      metadata: { sha256: 'ff' },
    });
    expect(result).toEqual({ etag: '"abc"', versionId: 'v1' });
    expect(mock.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'bucket',
      Key: 'a/b.json',
      ContentType: 'application/json',
      Metadata: { sha256: 'ff' },
      ChecksumAlgorithm: 'SHA256',
    });
  });

  it('reads an object whole', async () => {
    mock
      .on(GetObjectCommand)
      .resolves({ Body: sdkStreamMixin(Readable.from([Buffer.from('hello '), Buffer.from('world')])) });
    expect((await store.get('k')).toString()).toBe('hello world');
  });

  it('turns a missing object into NotFoundError on get and undefined on head', async () => {
    mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    await expect(store.get('k')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.get('k')).rejects.toThrow('no object s3://bucket/k');
    expect(await store.head('k')).toBeUndefined();
  });

  it('reports size, version and metadata from head', async () => {
    mock
      .on(HeadObjectCommand)
      .resolves({ ContentLength: 42, ETag: '"e"', VersionId: 'v9', Metadata: { uploader: 'me' } });
    expect(await store.head('k')).toMatchObject({
      key: 'k',
      size: 42,
      etag: '"e"',
      versionId: 'v9',
      metadata: { uploader: 'me' },
    });
  });

  it('pages through listings to the end', async () => {
    mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'p/1', Size: 1 }], IsTruncated: true, NextContinuationToken: 't1' })
      .resolvesOnce({ Contents: [{ Key: 'p/2', Size: 2 }], IsTruncated: false });
    const keys: string[] = [];
    for await (const object of store.list('p/')) keys.push(object.key);
    expect(keys).toEqual(['p/1', 'p/2']);
    expect(mock.commandCalls(ListObjectsV2Command)[1]?.args[0].input.ContinuationToken).toBe('t1');
  });

  it('passes on throttling and access errors', async () => {
    const slowDown = new S3ServiceException({
      name: 'SlowDown',
      $fault: 'server',
      message: 'Please reduce your request rate.',
      $metadata: { httpStatusCode: 503 },
    });
    mock.on(HeadObjectCommand).rejects(slowDown);
    await expect(store.head('k')).rejects.toThrow('Please reduce your request rate.');
    mock.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'Access Denied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(store.get('k')).rejects.toThrow('Access Denied');
  });

  it('presigns a GET with a safe download name', async () => {
    const url = await store.presignGet('reports/2026-10/brief.pdf', 3600, { downloadName: 'brief "x".pdf' });
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/bucket/reports/2026-10/brief.pdf');
    expect(parsed.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(parsed.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="brief__x_.pdf"',
    );
  });
});
