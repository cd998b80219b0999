import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AnswerOutbox, AnswerRecord, NewAnswer } from '../../ports/answer-outbox';
import { GSI1 } from '../../storage/table-definition';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';

const attachmentSchema = z.object({ filename: z.string(), contentType: z.string(), key: z.string() });
const answerSchema = z.object({
  id: z.string(),
  about: z.string(),
  period: z.string().optional(),
  office: z.string().optional(),
  message: z.object({
    from: z.string(),
    to: z.array(z.string()),
    replyTo: z.string().optional(),
    subject: z.string(),
    text: z.string(),
    inReplyTo: z.string().optional(),
    references: z.array(z.string()).optional(),
    attachments: z.array(attachmentSchema),
  }),
  createdAt: z.string(),
  state: z.enum(['pending', 'sending', 'sent', 'failed', 'undeliverable']),
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  leaseExpiresAt: z.string().optional(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
});

/**
 * `ANSWER#<id>` / `ANSWER` items. While an answer is not sent it also carries GSI1 keys
 * (`ANSWERS#UNSENT` / `<createdAt>#<id>`), so the unsent ones are one Query of a sparse index;
 * marking it sent removes them. State changes are conditional writes, so two senders never both
 * hold one answer.
 */
export class DynamoDbAnswerOutbox implements AnswerOutbox {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(id: string) {
    return { pk: itemKeys.answer(id), sk: itemKeys.answerItem };
  }

  async record(answer: NewAnswer, now: Date): Promise<{ created: boolean; answer: AnswerRecord }> {
    const record: AnswerRecord = { ...answer, createdAt: now.toISOString(), state: 'pending', attempts: 0 };
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(answer.id),
            entity: 'Answer',
            ...record,
            [GSI1.partitionKey.name]: itemKeys.unsentAnswers,
            [GSI1.sortKey.name]: `${record.createdAt}#${answer.id}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, answer: record };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(answer.id);
    if (!existing) throw new Error(`answer ${answer.id} exists and cannot be read`);
    return { created: false, answer: existing };
  }

  async get(id: string): Promise<AnswerRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(id), ConsistentRead: true }),
    );
    return result.Item ? parseAnswer(result.Item) : undefined;
  }

  async claim(
    id: string,
    now: Date,
    leaseMs: number,
    options: { undeliverable?: boolean } = {},
  ): Promise<AnswerRecord | undefined> {
    const at = now.toISOString();
    try {
      const result = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(id),
          UpdateExpression: 'SET #state = :sending, leaseExpiresAt = :lease',
          ConditionExpression:
            'attribute_exists(pk) AND (#state = :pending OR (#state = :failed AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)) OR (#state = :sending AND leaseExpiresAt < :now) OR #state = :given)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':failed': 'failed',
            ':now': at,
            ':lease': new Date(now.getTime() + leaseMs).toISOString(),
            // Without the option this matches nothing: no answer is in that state.
            ':given': options.undeliverable ? 'undeliverable' : 'never',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? parseAnswer(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async markSent(id: string, sent: { messageId: string }, now: Date): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(id),
        UpdateExpression:
          'SET #state = :sent, sentAt = :now, messageId = :id, attempts = attempts + :one, lastAttemptAt = :now REMOVE leaseExpiresAt, nextAttemptAt, #gpk, #gsk',
        ExpressionAttributeNames: {
          '#state': 'state',
          '#gpk': GSI1.partitionKey.name,
          '#gsk': GSI1.sortKey.name,
        },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':now': now.toISOString(),
          ':id': sent.messageId,
          ':one': 1,
        },
      }),
    );
  }

  async markFailed(
    id: string,
    failure: { error: string; nextAttemptAt?: string; undeliverable: boolean },
    now: Date,
  ): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(id),
        UpdateExpression: `SET #state = :state, lastError = :error, attempts = attempts + :one, lastAttemptAt = :now${failure.nextAttemptAt ? ', nextAttemptAt = :next' : ''} REMOVE leaseExpiresAt${failure.nextAttemptAt ? '' : ', nextAttemptAt'}`,
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': failure.undeliverable ? 'undeliverable' : 'failed',
          ':sending': 'sending',
          ':error': failure.error.slice(0, 1000),
          ':now': now.toISOString(),
          ':one': 1,
          ...(failure.nextAttemptAt ? { ':next': failure.nextAttemptAt } : {}),
        },
      }),
    );
  }

  async unsent(): Promise<AnswerRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name },
      ExpressionAttributeValues: { ':pk': itemKeys.unsentAnswers },
    });
    return items.map(parseAnswer);
  }
}

function parseAnswer(item: Record<string, unknown>): AnswerRecord {
  return answerSchema.parse(item) as AnswerRecord;
}
