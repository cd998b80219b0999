import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { VERDICT_STATUSES } from '../../domain/mail/receipt-verdicts';
import type { InboundMessages, InboundRecord, RecordedWorkbookOutcome } from '../../ports/inbound-messages';
import { GSI1 } from '../../storage/table-definition';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';

const verdict = z.enum(VERDICT_STATUSES);
const recordSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  sender: z.string(),
  envelopeFrom: z.string(),
  offices: z.array(z.string()),
  subject: z.string(),
  rfcMessageId: z.string().optional(),
  references: z.array(z.string()),
  verdicts: z.object({
    spf: verdict,
    dkim: verdict,
    dmarc: verdict,
    spam: verdict,
    virus: verdict,
    dmarcPolicy: z.string().optional(),
  }),
  status: z.enum(['receiving', 'refused', 'ignored', 'duplicate', 'answered', 'submitted']),
  reason: z.string().optional(),
  detail: z.string().optional(),
  workbooks: z.array(
    z.object({
      slot: z.number().int(),
      displayName: z.string(),
      renamed: z.string().optional(),
      key: z.string().optional(),
      office: z.string().optional(),
      period: z.string().optional(),
    }),
  ),
  notes: z.array(z.string()),
});

/**
 * `INBOUND#<SES id>` / `MESSAGE`: the received message, indexed by month in GSI1
 * (`INBOUNDS#<YYYY-MM>` / `<receivedAt>#<id>`); `WORKBOOK#<nn>` items beside it: each workbook's
 * outcome, written once (conditional put), so the last one to arrive is known without a race.
 * `MSGID#<hash>` holds a sender's Message-ID for the first message that carried it.
 */
export class DynamoDbInboundMessages implements InboundMessages {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async begin(record: InboundRecord): Promise<{ created: boolean; record: InboundRecord }> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.inbound(record.id),
            sk: itemKeys.inboundMessage,
            entity: 'InboundMessage',
            ...record,
            [GSI1.partitionKey.name]: itemKeys.inboundOfMonth(record.receivedAt.slice(0, 7)),
            [GSI1.sortKey.name]: `${record.receivedAt}#${record.id}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, record };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(record.id);
    if (!existing) throw new Error(`message ${record.id} exists and cannot be read`);
    return { created: false, record: existing };
  }

  async finish(id: string, result: Parameters<InboundMessages['finish']>[1]): Promise<InboundRecord> {
    const entries = Object.entries(result).filter(([, value]) => value !== undefined);
    const updated = await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: itemKeys.inbound(id), sk: itemKeys.inboundMessage },
        UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          entries.map(([, value], index) => [`:v${index}`, value]),
        ),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return parseRecord(updated.Attributes ?? {});
  }

  async get(id: string): Promise<InboundRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: itemKeys.inbound(id), sk: itemKeys.inboundMessage },
        ConsistentRead: true,
      }),
    );
    return result.Item ? parseRecord(result.Item) : undefined;
  }

  async claimMessageId(sender: string, rfcMessageId: string, id: string): Promise<string> {
    const hash = createHash('sha256').update(`${sender.toLowerCase()}\n${rfcMessageId}`).digest('hex');
    const key = { pk: itemKeys.messageIdClaim(hash), sk: 'CLAIM' };
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, entity: 'MessageIdClaim', messageId: id },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return id;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return String(existing.Item?.messageId ?? id);
  }

  async recordOutcome(id: string, slot: number, outcome: RecordedWorkbookOutcome): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.inbound(id),
            sk: itemKeys.inboundOutcome(slot),
            entity: 'InboundWorkbookOutcome',
            slot,
            outcome,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async outcomes(id: string): Promise<ReadonlyMap<number, RecordedWorkbookOutcome>> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': itemKeys.inbound(id), ':prefix': itemKeys.inboundOutcomePrefix },
      ConsistentRead: true,
    });
    return new Map(items.map((item) => [Number(item.slot), item.outcome as RecordedWorkbookOutcome]));
  }

  async receivedIn(month: string): Promise<InboundRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name },
      ExpressionAttributeValues: { ':pk': itemKeys.inboundOfMonth(month) },
    });
    return items.map(parseRecord);
  }
}

function parseRecord(item: Record<string, unknown>): InboundRecord {
  return recordSchema.parse(item) as InboundRecord;
}
