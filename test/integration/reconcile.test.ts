import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECONCILE_PRINCIPAL } from '../../shared/adapters/events/replayed-upload-event';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { runCli } from '../../shared/cli/run-cli';
import { openLocalRuntime } from '../../shared/local/local-runtime';
import { temporaryDataDirectory } from '../support/local-runtime';
import { fillTemplate } from '../support/workbooks';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join('') };
}

/** Puts an object in the local uploads bucket and nothing else: no notification, no ingest. */
async function storeWithoutDelivery(dataDir: string, key: string, bytes: Buffer) {
  const runtime = await openLocalRuntime({ dataDirectory: dataDir });
  try {
    const uploads = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.uploads);
    await uploads.put(key, bytes);
    return await uploads.head(key);
  } finally {
    await runtime.close();
  }
}

describe('strategy-report reconcile', () => {
  const dataDir = temporaryDataDirectory('reconcile');
  const work = temporaryDataDirectory('reconcile-files');
  const global = ['--data-dir', dataDir];
  const lost = 'uploads/AMO/2026-10/AMO-october.xlsx';
  const filled = new Map<string, Buffer>();

  beforeAll(async () => {
    for (const office of ['OFO', 'AMO']) {
      const template = join(work, `${office}.xlsx`);
      expect(
        (await cli([...global, 'template', '--office', office, '--period', '2026-10', '--out', template]))
          .code,
      ).toBe(0);
      filled.set(office, await fillTemplate(readFileSync(template)));
    }
    // OFO submits through the ingest; AMO's upload was stored, then the process died.
    writeFileSync(join(work, 'OFO-filled.xlsx'), filled.get('OFO') as Buffer);
    expect((await cli([...global, 'submit', join(work, 'OFO-filled.xlsx')])).code).toBe(0);
    await storeWithoutDelivery(dataDir, lost, filled.get('AMO') as Buffer);
    await storeWithoutDelivery(dataDir, 'uploads/readme.txt', Buffer.from('where do I put the file?'));
  });

  it('lists the upload no ingest answered, and the object whose key names no office and period; status counts it', async () => {
    const result = await cli([...global, 'reconcile', '--json']);
    expect(result.code, result.err).toBe(0);
    const found = JSON.parse(result.out);
    expect(found.checked).toBe(2);
    expect(found.unanswered).toEqual([
      {
        key: lost,
        office: 'AMO',
        period: '2026-10',
        size: (filled.get('AMO') as Buffer).length,
        etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        lastModified: expect.any(String),
      },
    ]);
    expect(found.unaddressable).toEqual([
      expect.objectContaining({
        key: 'uploads/readme.txt',
        problem: expect.stringContaining('uploads/<OFFICE>'),
      }),
    ]);

    const text = await cli([...global, 'reconcile', '--period', '2026-10']);
    expect(text.out.split('\n')).toEqual([
      '1 upload under uploads/ for 2026-10 has no submission record (2 checked):',
      expect.stringMatching(new RegExp(`^  ${lost}  \\d+ bytes  stored \\d{4}-`)),
      'to have the ingest answer them: strategy-report reconcile --period 2026-10 --replay',
    ]);

    const status = await cli([...global, 'status', '--period', '2026-10', '--json']);
    expect(JSON.parse(status.out)).toMatchObject({ submitted: 1, unprocessedUploads: 1 });
    const table = await cli([...global, 'status', '--period', '2026-10']);
    expect(table.out.split('\n').filter((line) => line.startsWith('Unprocessed uploads:'))).toEqual([
      'Unprocessed uploads: 1 stored with no submission record; strategy-report reconcile --period 2026-10 lists them, --replay has them answered',
    ]);
  });

  it('--replay delivers it to the ingest as S3 would: accepted, received when it was stored; then nothing is left', async () => {
    const before = JSON.parse((await cli([...global, 'reconcile', '--json'])).out).unanswered[0];
    const replay = await cli([...global, 'reconcile', '--replay']);
    expect(replay.code, replay.err).toBe(0);
    expect(replay.out).toContain(`replayed 1 upload:\n  ${lost}: accepted: AMO 2026-10 revision 1, `);

    const after = await cli([...global, 'reconcile', '--json']);
    expect(JSON.parse(after.out).unanswered).toEqual([]);
    const status = await cli([...global, 'status', '--period', '2026-10', '--json']);
    expect(JSON.parse(status.out)).toMatchObject({ submitted: 2, unprocessedUploads: 0 });

    const history = JSON.parse(
      (await cli([...global, 'history', '--office', 'AMO', '--period', '2026-10', '--json'])).out,
    );
    expect(history.attempts).toEqual([
      expect.objectContaining({
        outcome: 'accepted',
        source: expect.objectContaining({ key: lost }),
        etag: before.etag,
        receivedAt: before.lastModified,
        uploader: RECONCILE_PRINCIPAL,
      }),
    ]);
    // The ingest records every upload with its ETag: OFO's, submitted normally, too.
    const ofo = JSON.parse(
      (await cli([...global, 'history', '--office', 'OFO', '--period', '2026-10', '--json'])).out,
    );
    expect(ofo.attempts[0].etag).toMatch(/^"[0-9a-f]{32}"$/);

    const again = await cli([...global, 'reconcile', '--replay']);
    expect(again.out).toMatch(
      /^every upload under uploads\/ in every period has a submission record \(2 uploads checked\)/,
    );
  });
});
