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
import { DynamoDbReportIndex } from '../../../../shared/adapters/dynamodb/dynamodb-report-index';
import { parsePeriod } from '../../../../shared/domain/period';
import type { ChainHold, ReportRecord } from '../../../../shared/ports/report-index';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const index = new DynamoDbReportIndex(documents, 't');
const taken = () => new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });
const period = parsePeriod('2026-10');

const hold: ChainHold = {
  owner: 'render-a',
  period,
  version: 2,
  manifestKey: 'reports/2026-10/v0002/manifest.json',
  sequence: 5,
  leaseExpiresAt: '2026-11-05T12:15:00.000Z',
};

const record: ReportRecord = {
  period,
  version: 2,
  sequence: 5,
  manifestKey: 'reports/2026-10/v0002/manifest.json',
  manifestSha256: 'a'.repeat(64),
  previousManifestSha256: 'f'.repeat(64),
  generatedAt: '2026-11-05T12:00:00.000Z',
  publishedAt: '2026-11-05T12:00:01.000Z',
  snapshot: { period: '2026-10', version: 1, inputHash: 'b'.repeat(64), sha256: 'c'.repeat(64), key: 'k' },
  catalog: { id: 'c', version: '1' },
  softwareVersion: '0.1.0',
  files: [],
};

describe('DynamoDbReportIndex', () => {
  beforeEach(() => mock.reset());

  it('reads the last claimed version number of a period with one consistent, descending Query', async () => {
    mock.on(QueryCommand).resolves({ Items: [{ version: 4 }] });
    expect(await index.lastClaimedVersion(period)).toBe(4);
    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'REPORT#2026-10', ':prefix': 'CLAIM#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    mock.on(QueryCommand).resolves({ Items: [] });
    expect(await index.lastClaimedVersion(period)).toBe(0);
  });

  it('claims a version number with a conditional put, and says false when it is taken', async () => {
    mock.on(PutCommand).resolves({});
    expect(await index.claimVersion(period, 5, new Date('2026-11-20T12:00:00Z'))).toBe(true);
    expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Item: {
        pk: 'REPORT#2026-10',
        sk: 'CLAIM#0005',
        entity: 'ReportVersionClaim',
        version: 5,
        claimedAt: '2026-11-20T12:00:00.000Z',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    mock.on(PutCommand).rejects(taken());
    expect(await index.claimVersion(period, 5, new Date())).toBe(false);
  });

  it('holds the chain: creates the head item the first time, then only at the expected sequence with no hold', async () => {
    mock.on(PutCommand).resolves({});
    mock.on(UpdateCommand).resolves({});
    expect(await index.holdChain(hold, undefined)).toBe(true);
    expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Item: { pk: 'CHAIN', sk: 'HEAD', entity: 'ReportChainHead', sequence: 0, pending: hold },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(await index.holdChain(hold, 4)).toBe(true);
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'CHAIN', sk: 'HEAD' },
      UpdateExpression: 'SET #pending = :pending',
      ConditionExpression: 'attribute_not_exists(#pending) AND #sequence = :sequence',
      ExpressionAttributeValues: { ':pending': hold, ':sequence': 4 },
    });
    mock.on(UpdateCommand).rejects(taken());
    expect(await index.holdChain(hold, 4)).toBe(false);
  });

  it('moves the head and ends the hold only for its owner', async () => {
    mock.on(UpdateCommand).resolves({});
    expect(await index.advanceChain(record, 'render-a')).toBe(true);
    expect(mock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      UpdateExpression:
        'SET #sequence = :sequence, #period = :period, #version = :version, manifestKey = :key, manifestSha256 = :sha REMOVE #pending',
      ConditionExpression: '#pending.#owner = :owner',
      ExpressionAttributeValues: {
        ':sequence': 5,
        ':period': '2026-10',
        ':version': 2,
        ':key': record.manifestKey,
        ':sha': record.manifestSha256,
        ':owner': 'render-a',
      },
    });
    expect(await index.releaseChain('render-a')).toBe(true);
    expect(mock.commandCalls(UpdateCommand)[1]?.args[0].input).toMatchObject({
      UpdateExpression: 'REMOVE #pending',
      ConditionExpression: '#pending.#owner = :owner',
      ExpressionAttributeValues: { ':owner': 'render-a' },
    });
    mock.on(UpdateCommand).rejects(taken());
    expect(await index.advanceChain(record, 'render-b')).toBe(false);
    expect(await index.releaseChain('render-b')).toBe(false);
  });

  it('indexes a version once, in GSI1 under REPORTS', async () => {
    mock.on(PutCommand).resolves({});
    expect(await index.putRecord(record)).toBe(true);
    expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Item: {
        pk: 'REPORT#2026-10',
        sk: 'V#0002',
        gsi1pk: 'REPORTS',
        gsi1sk: '2026-10#0002',
        entity: 'Report',
        record,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    mock.on(PutCommand).rejects(taken());
    expect(await index.putRecord(record)).toBe(false);
  });

  it('passes on any failure other than a refused condition', async () => {
    mock.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(index.claimVersion(period, 1, new Date())).rejects.toThrow(
      'ProvisionedThroughputExceededException',
    );
    await expect(index.putRecord(record)).rejects.toThrow('ProvisionedThroughputExceededException');
  });

  it('tells the chain head and the publication holding the chain, if any', async () => {
    mock.on(GetCommand).resolves({ Item: { sequence: 0, pending: hold } });
    expect(await index.chainHead()).toBeUndefined();
    expect(await index.pendingPublication()).toEqual({
      period: '2026-10',
      version: 2,
      sequence: 5,
      leaseExpiresAt: '2026-11-05T12:15:00.000Z',
    });
    mock.on(GetCommand).resolves({
      Item: { sequence: 4, period: '2026-09', version: 1, manifestKey: 'm', manifestSha256: 'e'.repeat(64) },
    });
    expect(await index.chainHead()).toEqual({
      sequence: 4,
      period: '2026-09',
      version: 1,
      manifestKey: 'm',
      manifestSha256: 'e'.repeat(64),
    });
    expect(await index.pendingPublication()).toBeUndefined();
    expect(mock.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 't',
      Key: { pk: 'CHAIN', sk: 'HEAD' },
      ConsistentRead: true,
    });
  });
});
