import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  installS3rverDurableWrites,
  s3rverFilesystemStore,
} from '../../../shared/local/s3rver-durable-writes';

// s3rver's filesystem store, driven directly: the contract the patch relies on, and what it changes.
type Store = {
  putObject(object: object): Promise<{ size: number; md5: string }>;
  getResourcePath(bucket: string, key: string, resource: string): string;
};
const FilesystemStore = createRequire(import.meta.url)('s3rver/lib/stores/filesystem.js') as new (
  root: string,
) => Store;

describe('s3rver durable writes', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 's3rver-durable-'));
    installS3rverDurableWrites();
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('finds the store method it replaces in the installed s3rver (fails loudly on an upgrade that moves it)', () => {
    const require = createRequire(import.meta.url);
    expect((require('s3rver/package.json') as { version: string }).version).toBe('3.7.1');
    expect(typeof s3rverFilesystemStore().putObject).toBe('function');
  });

  it('keeps the previous object whole while a new one is being written, and answers only once it is stored', async () => {
    const store = new FilesystemStore(root);
    const object = (content: Buffer | NodeJS.ReadableStream) => ({
      bucket: 'b',
      key: 'reports/2026-10/v0001/brief.pdf',
      content,
      metadata: { 'content-type': 'application/pdf' },
    });
    const path = store.getResourcePath('b', 'reports/2026-10/v0001/brief.pdf', 'object');
    await store.putObject(object(Buffer.from('old bytes, complete')));
    expect(await readFile(path, 'utf8')).toBe('old bytes, complete');

    const slow = new PassThrough();
    let answered = false;
    const put = store.putObject(object(slow)).then((result) => {
      answered = true;
      return result;
    });
    slow.write('new bytes, first half; ');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Mid-write a reader still sees the old object, whole, and the PUT has not answered.
    expect(await readFile(path, 'utf8')).toBe('old bytes, complete');
    expect(answered).toBe(false);
    slow.end('second half');
    const result = await put;
    expect(await readFile(path, 'utf8')).toBe('new bytes, first half; second half');
    expect(result.size).toBe('new bytes, first half; second half'.length);
    expect(
      await readFile(store.getResourcePath('b', 'reports/2026-10/v0001/brief.pdf', 'object.md5'), 'utf8'),
    ).toBe(result.md5);
  });
});
