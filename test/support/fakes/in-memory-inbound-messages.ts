import type {
  InboundMessages,
  InboundRecord,
  RecordedWorkbookOutcome,
} from '../../../shared/ports/inbound-messages';

/** Received messages in memory, like DynamoDbInboundMessages: each message and outcome written once. */
export class InMemoryInboundMessages implements InboundMessages {
  private readonly records = new Map<string, InboundRecord>();
  private readonly slots = new Map<string, Map<number, RecordedWorkbookOutcome>>();
  private readonly messageIds = new Map<string, string>();

  async begin(record: InboundRecord): Promise<{ created: boolean; record: InboundRecord }> {
    const existing = this.records.get(record.id);
    if (existing) return { created: false, record: existing };
    this.records.set(record.id, record);
    return { created: true, record };
  }

  async finish(id: string, result: Parameters<InboundMessages['finish']>[1]): Promise<InboundRecord> {
    const existing = this.records.get(id);
    if (!existing) throw new Error(`no message ${id}`);
    const defined = Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined));
    const updated = { ...existing, ...defined } as InboundRecord;
    this.records.set(id, updated);
    return updated;
  }

  async get(id: string): Promise<InboundRecord | undefined> {
    return this.records.get(id);
  }

  async claimMessageId(sender: string, rfcMessageId: string, id: string): Promise<string> {
    const key = `${sender.toLowerCase()}\n${rfcMessageId}`;
    const holder = this.messageIds.get(key);
    if (holder) return holder;
    this.messageIds.set(key, id);
    return id;
  }

  async recordOutcome(id: string, slot: number, outcome: RecordedWorkbookOutcome): Promise<boolean> {
    const outcomes = this.slots.get(id) ?? new Map<number, RecordedWorkbookOutcome>();
    if (outcomes.has(slot)) return false;
    outcomes.set(slot, outcome);
    this.slots.set(id, outcomes);
    return true;
  }

  async outcomes(id: string): Promise<ReadonlyMap<number, RecordedWorkbookOutcome>> {
    return new Map(this.slots.get(id) ?? []);
  }

  async receivedIn(month: string): Promise<InboundRecord[]> {
    return [...this.records.values()]
      .filter((record) => record.receivedAt.startsWith(month))
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }
}
