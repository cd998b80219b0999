import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbProgressRepository } from '../../../../shared/adapters/dynamodb/dynamodb-progress-repository';
import { parsePeriod } from '../../../../shared/domain/period';
import { uploadOrderKey } from '../../../../shared/domain/submission/upload-order';
import { CommitInProgressError } from '../../../../shared/ports/progress-repository';
import { newRevision, progressRows } from '../../../support/fixtures';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const repository = new DynamoDbProgressRepository(documents, {
  tableName: 'table',
  newToken: () => 'token-1',
});
const now = new Date('2026-11-02T15:00:00Z');
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const SHA_KEY = { pk: 'SUB#2026-10#OFO', sk: `SHA#${'a'.repeat(64)}` };

describe('DynamoDbProgressRepository.commitRevision', () => {
  beforeEach(() => mock.reset());

  it('claims the bytes, numbers the revision, writes rows, then header, then moves the pointer', async () => {
    mock
      .on(UpdateCommand, { Key: SHA_KEY })
      .resolves({ Attributes: { state: 'pending', claimToken: 'token-1' } });
    mock
      .on(UpdateCommand, { Key: { pk: 'SUB#2026-10#OFO', sk: 'COUNTER' } })
      .resolves({ Attributes: { lastRevision: 3 } });
    mock.on(BatchWriteCommand).resolves({});
    mock.on(PutCommand).resolves({});

    const outcome = await repository.commitRevision(newRevision(), progressRows(['2.7.1', '2.7.2']), now);

    expect(outcome.kind).toBe('committed');
    expect(outcome.revision.revision).toBe(3);
    const order = mock.calls().map((call) => {
      const input = call.args[0].input as {
        Key?: { sk: string };
        Item?: { sk: string };
        RequestItems?: unknown;
      };
      return `${call.args[0].constructor.name}:${input.Key?.sk ?? input.Item?.sk ?? 'rows'}`;
    });
    expect(order).toEqual([
      `UpdateCommand:${SHA_KEY.sk}`,
      'UpdateCommand:COUNTER',
      `UpdateCommand:${SHA_KEY.sk}`,
      'BatchWriteCommand:rows',
      'PutCommand:REV#000003',
      'PutCommand:CURRENT#OFO',
      `UpdateCommand:${SHA_KEY.sk}`,
    ]);
    const rows = mock.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.table ?? [];
    expect(rows.map((request) => request.PutRequest?.Item?.pk)).toEqual([
      'REV#2026-10#OFO#000003',
      'REV#2026-10#OFO#000003',
    ]);
    const pointer = mock.commandCalls(PutCommand)[1]?.args[0].input;
    // The pointer moves only to a later upload: its order key, compared in the condition.
    const uploadOrder = uploadOrderKey('uploads/OFO/2026-10/ofo.xlsx', newRevision().uploaded);
    expect(pointer?.ConditionExpression).toBe(
      'attribute_not_exists(pk) OR attribute_not_exists(uploadOrder) OR uploadOrder < :uploadOrder',
    );
    expect(pointer?.ExpressionAttributeValues).toEqual({ ':uploadOrder': uploadOrder });
    expect(pointer?.Item).toMatchObject({ pk: 'PERIOD#2026-10', revision: 3, uploadOrder });
  });

  it('keeps a revision in history when a later upload is already current', async () => {
    mock.on(UpdateCommand, { Key: SHA_KEY }).resolves({ Attributes: {} });
    mock
      .on(UpdateCommand, { Key: { pk: 'SUB#2026-10#OFO', sk: 'COUNTER' } })
      .resolves({ Attributes: { lastRevision: 1 } });
    mock.on(BatchWriteCommand).resolves({});
    mock.on(PutCommand).resolves({});
    mock.on(PutCommand, { Item: { sk: 'CURRENT#OFO' } }).rejects(conditionFailed());

    const outcome = await repository.commitRevision(newRevision(), progressRows(['2.7.1']), now);

    expect(outcome).toMatchObject({ kind: 'committed', revision: { revision: 1 } });
    expect(
      mock.commandCalls(UpdateCommand).at(-1)?.args[0].input.ExpressionAttributeValues?.[':committed'],
    ).toBe('committed');
  });

  it('answers a second delivery of committed bytes as a duplicate without writing', async () => {
    mock.on(UpdateCommand, { Key: SHA_KEY }).rejects(conditionFailed());
    mock.on(GetCommand, { Key: SHA_KEY }).resolves({ Item: { state: 'committed', revision: 2 } });
    mock
      .on(GetCommand, { Key: { pk: 'SUB#2026-10#OFO', sk: 'REV#000002' } })
      .resolves({ Item: { record: { ...newRevision(), revision: 2 } } });

    const outcome = await repository.commitRevision(newRevision(), progressRows(['2.7.1']), now);

    expect(outcome).toMatchObject({ kind: 'duplicate', revision: { revision: 2 } });
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(0);
    expect(mock.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('asks for a retry while another delivery of the same bytes holds a live claim', async () => {
    mock.on(UpdateCommand, { Key: SHA_KEY }).rejects(conditionFailed());
    mock
      .on(GetCommand, { Key: SHA_KEY })
      .resolves({ Item: { state: 'pending', leaseUntil: now.getTime() + 1000 } });

    await expect(
      repository.commitRevision(newRevision(), progressRows(['2.7.1']), now),
    ).rejects.toBeInstanceOf(CommitInProgressError);
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('finishes a crashed delivery under the revision number it had already taken', async () => {
    mock.on(UpdateCommand, { Key: SHA_KEY }).resolves({ Attributes: { state: 'pending', revision: 4 } });
    mock.on(BatchWriteCommand).resolves({});
    mock.on(PutCommand).resolves({});

    const outcome = await repository.commitRevision(newRevision(), progressRows(['2.7.1']), now);

    expect(outcome.revision.revision).toBe(4);
    expect(mock.commandCalls(UpdateCommand, { Key: { pk: 'SUB#2026-10#OFO', sk: 'COUNTER' } })).toHaveLength(
      0,
    );
  });

  it('lets a throttling error stop the commit before anything is visible', async () => {
    mock.on(UpdateCommand, { Key: SHA_KEY }).resolves({ Attributes: {} });
    mock
      .on(UpdateCommand, { Key: { pk: 'SUB#2026-10#OFO', sk: 'COUNTER' } })
      .resolves({ Attributes: { lastRevision: 1 } });
    mock.on(BatchWriteCommand).rejects(new Error('ThrottlingException'));

    await expect(repository.commitRevision(newRevision(), progressRows(['2.7.1']), now)).rejects.toThrow(
      'ThrottlingException',
    );
    expect(mock.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('DynamoDbProgressRepository reads', () => {
  beforeEach(() => mock.reset());

  it('reads the current revisions of a period with one Query on the period partition', async () => {
    mock.on(QueryCommand).resolves({ Items: [{ record: { ...newRevision(), revision: 2 } }] });
    const current = await repository.currentRevisions(parsePeriod('2026-10'));
    expect(current.map((record) => record.revision)).toEqual([2]);
    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'PERIOD#2026-10',
      ':prefix': 'CURRENT#',
    });
  });

  it('returns rows in activity order, 2.9 before 2.10', async () => {
    mock.on(QueryCommand).resolves({
      Items: [{ row: progressRows(['2.10.1'])[0] }, { row: progressRows(['2.9.1'])[0] }],
    });
    const rows = await repository.rows('OFO', parsePeriod('2026-10'), 1);
    expect(rows.map((row) => row.activityId)).toEqual(['2.9.1', '2.10.1']);
  });
});
