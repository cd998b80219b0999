import type { AnswerOutbox, AnswerRecord, NewAnswer } from '../../../shared/ports/answer-outbox';

/**
 * The answer outbox in memory, like DynamoDbAnswerOutbox: recorded once, claimed only when
 * pending, failed and due, or held past its lease (or given up on, when asked).
 */
export class InMemoryAnswerOutbox implements AnswerOutbox {
  private readonly answers = new Map<string, AnswerRecord>();

  async record(answer: NewAnswer, now: Date): Promise<{ created: boolean; answer: AnswerRecord }> {
    const existing = this.answers.get(answer.id);
    if (existing) return { created: false, answer: existing };
    const record: AnswerRecord = { ...answer, createdAt: now.toISOString(), state: 'pending', attempts: 0 };
    this.answers.set(answer.id, record);
    return { created: true, answer: record };
  }

  async get(id: string): Promise<AnswerRecord | undefined> {
    return this.answers.get(id);
  }

  async claim(
    id: string,
    now: Date,
    leaseMs: number,
    options: { undeliverable?: boolean } = {},
  ): Promise<AnswerRecord | undefined> {
    const answer = this.answers.get(id);
    const at = now.toISOString();
    const claimable =
      answer !== undefined &&
      (answer.state === 'pending' ||
        (answer.state === 'failed' && (answer.nextAttemptAt === undefined || answer.nextAttemptAt <= at)) ||
        (answer.state === 'sending' && (answer.leaseExpiresAt ?? '') < at) ||
        (answer.state === 'undeliverable' && options.undeliverable === true));
    if (!claimable) return undefined;
    const claimed: AnswerRecord = {
      ...answer,
      state: 'sending',
      leaseExpiresAt: new Date(now.getTime() + leaseMs).toISOString(),
    };
    this.answers.set(id, claimed);
    return claimed;
  }

  async markSent(id: string, sent: { messageId: string }, now: Date): Promise<void> {
    const answer = this.required(id);
    const { leaseExpiresAt: _lease, nextAttemptAt: _next, ...rest } = answer;
    this.answers.set(id, {
      ...rest,
      state: 'sent',
      sentAt: now.toISOString(),
      lastAttemptAt: now.toISOString(),
      messageId: sent.messageId,
      attempts: answer.attempts + 1,
    });
  }

  async markFailed(
    id: string,
    failure: { error: string; nextAttemptAt?: string; undeliverable: boolean },
    now: Date,
  ): Promise<void> {
    const answer = this.required(id);
    if (answer.state !== 'sending') throw new Error(`answer ${id} is not held by a sender`);
    const { leaseExpiresAt: _lease, nextAttemptAt: _next, ...rest } = answer;
    this.answers.set(id, {
      ...rest,
      state: failure.undeliverable ? 'undeliverable' : 'failed',
      lastError: failure.error,
      lastAttemptAt: now.toISOString(),
      attempts: answer.attempts + 1,
      ...(failure.nextAttemptAt ? { nextAttemptAt: failure.nextAttemptAt } : {}),
    });
  }

  async unsent(): Promise<AnswerRecord[]> {
    return [...this.answers.values()]
      .filter((answer) => answer.state !== 'sent')
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  private required(id: string): AnswerRecord {
    const answer = this.answers.get(id);
    if (!answer) throw new Error(`no answer ${id}`);
    return answer;
  }
}
