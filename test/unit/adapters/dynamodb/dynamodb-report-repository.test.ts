import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbReportRepository } from '../../../../shared/adapters/dynamodb/dynamodb-report-repository';
import { parsePeriod } from '../../../../shared/domain/period';
import { REPORT_FILES } from '../../../../shared/domain/report/report-files';
import type { ObjectStore } from '../../../../shared/ports/object-store';
import { ReportChainBusyError, type ReportDraft } from '../../../../shared/ports/report-repository';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const now = new Date('2026-11-20T12:00:00Z');
const taken = () => new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });

function recordingStore() {
  const puts: string[] = [];
  const store = {
    bucket: 'reports',
    put: async (key: string) => {
      puts.push(key);
      return { etag: '"x"' };
    },
    head: async () => undefined,
  } as unknown as ObjectStore;
  return { store, puts };
}

const draft: ReportDraft = {
  period: parsePeriod('2026-10'),
  generatedAt: '2026-11-05T12:00:00.000Z',
  snapshot: {
    period: '2026-10',
    version: 1,
    inputHash: 'a'.repeat(64),
    sha256: 'b'.repeat(64),
    key: 'snapshots/x.json',
  },
  catalog: { id: 'c', version: '1' },
  softwareVersion: '0.1.0',
  renderOptions: { markingBanner: null },
  submissions: [],
  carriedForwardFrom: [],
  files: REPORT_FILES.map((file) => ({
    name: file.name,
    contentType: file.contentType,
    bytes: Buffer.from(file.name),
  })),
};

describe('DynamoDbReportRepository.publish', () => {
  beforeEach(() => mock.reset());

  it('takes the next free version number when another render claimed the one it wanted', async () => {
    const { store, puts } = recordingStore();
    mock.on(QueryCommand).resolves({ Items: [{ version: 4 }] });
    mock.on(PutCommand).resolves({});
    mock.on(PutCommand, { Item: { sk: 'CLAIM#0005' } }).rejects(taken());
    mock.on(GetCommand).resolves({});
    mock.on(UpdateCommand).resolves({});
    const record = await new DynamoDbReportRepository(documents, 't', store).publish(draft, now);
    expect(record).toMatchObject({ version: 6, sequence: 1, previousManifestSha256: null });
    expect(puts).toEqual([
      'reports/2026-10/v0006/brief.pdf',
      'reports/2026-10/v0006/workbook.xlsx',
      'reports/2026-10/v0006/brief.html',
      'reports/2026-10/v0006/report.stratml.xml',
      'reports/2026-10/v0006/manifest.json',
    ]);
    // The index item and the head move only after the manifest.
    const writes = mock.calls().map((call) => call.args[0].constructor.name);
    expect(writes.slice(-2)).toEqual(['PutCommand', 'UpdateCommand']);
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toBe(
      '#pending.#owner = :owner',
    );
  });

  it('gives up with ReportChainBusyError while another live render holds the chain, having written no manifest', async () => {
    const { store, puts } = recordingStore();
    mock.on(QueryCommand).resolves({ Items: [] });
    mock.on(PutCommand).resolves({});
    mock.on(GetCommand).resolves({
      Item: {
        sequence: 3,
        pending: {
          owner: 'other',
          period: '2026-09',
          version: 1,
          sequence: 4,
          manifestKey: 'reports/2026-09/v0001/manifest.json',
          leaseExpiresAt: '2026-11-20T12:10:00.000Z',
        },
      },
    });
    const repository = new DynamoDbReportRepository(documents, 't', store, {
      waitForChainMs: 30,
      pollMs: 10,
      sleep: async () => {},
    });
    await expect(repository.publish(draft, now)).rejects.toBeInstanceOf(ReportChainBusyError);
    expect(puts.some((key) => key.endsWith('manifest.json'))).toBe(false);
    expect(mock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
