import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Period } from '../../domain/period';
import type { SubmissionAttempt, SubmissionHistory } from '../../ports/submission-history';
import { GSI1 } from '../../storage/table-definition';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';

/** Attempts live in the office's submission collection and are indexed by period in GSI1. */
export class DynamoDbSubmissionHistory implements SubmissionHistory {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(attempt: SubmissionAttempt): Promise<void> {
    await this.documents
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.submissions(attempt.period, attempt.office),
            sk: itemKeys.attempt(attempt.receivedAt, attempt.submissionId),
            [GSI1.partitionKey.name]: itemKeys.attemptsOfPeriod(attempt.period),
            [GSI1.sortKey.name]: `${attempt.receivedAt}#${attempt.office}#${attempt.submissionId}`,
            entity: 'SubmissionAttempt',
            attempt,
          },
          // An attempt is recorded once; a redelivered event must not rewrite history.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async attempts(office: string, period: Period): Promise<SubmissionAttempt[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': itemKeys.submissions(period, office),
        ':prefix': itemKeys.attemptPrefix,
      },
      ConsistentRead: true,
    });
    return items.map((item) => item.attempt as SubmissionAttempt);
  }

  async attemptsInPeriod(period: Period): Promise<SubmissionAttempt[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name },
      ExpressionAttributeValues: { ':pk': itemKeys.attemptsOfPeriod(period) },
    });
    return items.map((item) => item.attempt as SubmissionAttempt);
  }
}
