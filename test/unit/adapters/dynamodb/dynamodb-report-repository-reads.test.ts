import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbReportRepository } from '../../../../shared/adapters/dynamodb/dynamodb-report-repository';
import { IntegrityError } from '../../../../shared/domain/errors';
import { parsePeriod } from '../../../../shared/domain/period';
import type { ObjectStore } from '../../../../shared/ports/object-store';
import type { ReportRecord } from '../../../../shared/ports/report-repository';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);

const record: ReportRecord = {
  period: parsePeriod('2026-10'),
  version: 2,
  sequence: 5,
  manifestKey: 'reports/2026-10/v0002/manifest.json',
  manifestSha256: 'a'.repeat(64),
  previousManifestSha256: null,
  generatedAt: '2026-11-05T12:00:00.000Z',
  publishedAt: '2026-11-05T12:00:01.000Z',
  snapshot: { period: '2026-10', version: 1, inputHash: 'b'.repeat(64), sha256: 'c'.repeat(64), key: 'k' },
  catalog: { id: 'c', version: '1' },
  softwareVersion: '0.1.0',
  files: [
    {
      name: 'brief.pdf',
      key: 'reports/2026-10/v0002/brief.pdf',
      contentType: 'x',
      size: 3,
      sha256: 'd'.repeat(64),
    },
  ],
};

function store(bytes: Buffer) {
  const presigned: string[] = [];
  const objects = {
    bucket: 'reports',
    get: async () => bytes,
    presignGet: async (key: string, seconds: number, options?: { downloadName?: string }) => {
      presigned.push(`${key} ${seconds} ${options?.downloadName}`);
      return `https://example/${key}`;
    },
  } as unknown as ObjectStore;
  return { objects, presigned };
}

describe('DynamoDbReportRepository reads', () => {
  beforeEach(() => mock.reset());

  it('tells the publication holding the chain, if any', async () => {
    const repository = new DynamoDbReportRepository(documents, 't', store(Buffer.from('')).objects);
    mock.on(GetCommand).resolves({ Item: { sequence: 4 } });
    expect(await repository.pendingPublication()).toBeUndefined();
    mock.on(GetCommand).resolves({
      Item: {
        sequence: 4,
        pending: {
          owner: 'o',
          period: '2026-10',
          version: 2,
          sequence: 5,
          manifestKey: record.manifestKey,
          leaseExpiresAt: '2026-11-05T12:15:00.000Z',
        },
      },
    });
    expect(await repository.pendingPublication()).toEqual({
      period: '2026-10',
      version: 2,
      sequence: 5,
      leaseExpiresAt: '2026-11-05T12:15:00.000Z',
    });
    expect(mock.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      TableName: 't',
      Key: { pk: 'CHAIN', sk: 'HEAD' },
    });
  });

  it('throws IntegrityError for an altered manifest or file', async () => {
    const repository = new DynamoDbReportRepository(documents, 't', store(Buffer.from('altered')).objects);
    await expect(repository.readManifest(record)).rejects.toBeInstanceOf(IntegrityError);
    await expect(repository.readFile(record, 'brief.pdf')).rejects.toThrow(
      /^reports\/2026-10\/v0002\/brief\.pdf has SHA-256 [0-9a-f]{64}, but report 2026-10 v2 recorded d{64}: it was altered$/,
    );
  });

  it('presigns a file or the manifest under a download name', async () => {
    const { objects, presigned } = store(Buffer.from(''));
    const repository = new DynamoDbReportRepository(documents, 't', objects);
    await repository.fileUrl(record, 'brief.pdf', 60);
    await repository.fileUrl(record, 'manifest.json', 604800);
    expect(presigned).toEqual([
      'reports/2026-10/v0002/brief.pdf 60 strategy-brief-2026-10-v0002.pdf',
      'reports/2026-10/v0002/manifest.json 604800 strategy-manifest-2026-10-v0002.json',
    ]);
    await expect(repository.fileUrl(record, 'brief.html', 60)).rejects.toThrow(
      'report 2026-10 v2 has no brief.html',
    );
  });
});
