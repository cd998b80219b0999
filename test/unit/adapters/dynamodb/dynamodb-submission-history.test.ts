import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbSubmissionHistory } from '../../../../shared/adapters/dynamodb/dynamodb-submission-history';
import { parsePeriod } from '../../../../shared/domain/period';
import type { SubmissionAttempt } from '../../../../shared/ports/submission-history';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(DynamoDBDocumentClient);
const history = new DynamoDbSubmissionHistory(documents, 'table');
const attempt: SubmissionAttempt = {
  submissionId: 's1',
  office: 'OT',
  period: parsePeriod('2026-10'),
  receivedAt: '2026-11-03T10:00:00.000Z',
  uploader: 'ot@example.gov',
  sha256: 'a'.repeat(64),
  size: 100,
  source: { bucket: 'uploads', key: 'uploads/OT/2026-10/ot.xlsx' },
  outcome: 'rejected',
  problems: [{ rule: 'status.allowed-values', message: 'bad', row: 2, column: 'Status' }],
};

describe('DynamoDbSubmissionHistory', () => {
  beforeEach(() => mock.reset());

  it('records an attempt once, in the office collection and the period index', async () => {
    mock.on(PutCommand).resolves({});
    await history.record(attempt);
    const input = mock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.Item).toMatchObject({
      pk: 'SUB#2026-10#OT',
      sk: 'ATTEMPT#2026-11-03T10:00:00.000Z#s1',
      gsi1pk: 'ATTEMPTS#2026-10',
      gsi1sk: '2026-11-03T10:00:00.000Z#OT#s1',
      attempt,
    });
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('treats a second record of the same attempt (a redelivered event) as done', async () => {
    mock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    await expect(history.record(attempt)).resolves.toBeUndefined();
  });

  it('passes throttling on, so the message is retried', async () => {
    mock.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException: slow down'));
    await expect(history.record(attempt)).rejects.toThrow('slow down');
  });

  it('reads an office period with a Query on its collection, and a period with a Query on the index', async () => {
    mock.on(QueryCommand).resolves({ Items: [{ attempt }] });
    expect(await history.attempts('OT', parsePeriod('2026-10'))).toEqual([attempt]);
    expect(await history.attemptsInPeriod(parsePeriod('2026-10'))).toEqual([attempt]);
    const [byOffice, byPeriod] = mock.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(byOffice?.ExpressionAttributeValues).toEqual({ ':pk': 'SUB#2026-10#OT', ':prefix': 'ATTEMPT#' });
    expect(byPeriod).toMatchObject({
      IndexName: 'gsi1',
      ExpressionAttributeValues: { ':pk': 'ATTEMPTS#2026-10' },
    });
  });
});
