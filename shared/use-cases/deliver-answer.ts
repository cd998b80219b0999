import { ANSWER_LEASE_MS, nextAnswerAttempt } from '../domain/mail/answer-retry';
import type { AnswerOutbox, AnswerRecord } from '../ports/answer-outbox';
import type { Clock } from '../ports/clock';
import { type Log, silentLog } from '../ports/log';
import type { MailSender } from '../ports/mail-sender';
import type { ObjectStore } from '../ports/object-store';

export interface DeliverAnswerPorts {
  readonly answers: AnswerOutbox;
  readonly mail: MailSender;
  /** Where the files an answer carries are read from (the uploads bucket). */
  readonly uploads: Pick<ObjectStore, 'get'>;
  readonly clock: Clock;
  readonly log?: Log;
}

export type DeliveryResult =
  | 'sent'
  /** The send failed; it is tried again later, on its own. */
  | 'failed'
  /** The send failed for the last time. */
  | 'undeliverable'
  /** Not to be sent now: sent already, held by another sender, or not due. */
  | 'skipped';

/**
 * Sends a recorded answer, exactly as recorded:
 * 1. claim it (only one sender holds it, and a sent one is never claimed);
 * 2. read its attachments and send it;
 * 3. mark it sent, or failed with the time of the next try (a mail failure is not the caller's
 *    failure: nothing that produced the answer is run again for it).
 */
export async function deliverAnswer(
  id: string,
  ports: DeliverAnswerPorts,
  options: { readonly undeliverable?: boolean } = {},
): Promise<DeliveryResult> {
  const log = ports.log ?? silentLog;
  const now = ports.clock.now();
  const answer = await ports.answers.claim(id, now, ANSWER_LEASE_MS, options);
  if (!answer) return 'skipped';
  let messageId: string;
  try {
    const attachments = await Promise.all(
      answer.message.attachments.map(async (attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: await ports.uploads.get(attachment.key),
      })),
    );
    ({ messageId } = await ports.mail.send({
      from: answer.message.from,
      to: answer.message.to,
      ...(answer.message.replyTo ? { replyTo: answer.message.replyTo } : {}),
      subject: answer.message.subject,
      text: answer.message.text,
      ...(answer.message.inReplyTo ? { inReplyTo: answer.message.inReplyTo } : {}),
      ...(answer.message.references ? { references: answer.message.references } : {}),
      autoSubmitted: 'auto-replied',
      ...(attachments.length > 0 ? { attachments } : {}),
    }));
  } catch (error) {
    const attempts = answer.attempts + 1;
    const next = nextAnswerAttempt(attempts, now);
    await ports.answers.markFailed(
      id,
      {
        error: describe(error),
        ...(next ? { nextAttemptAt: next.toISOString() } : {}),
        undeliverable: !next,
      },
      ports.clock.now(),
    );
    log.warn('answer not delivered', {
      answerId: id,
      attempts,
      nextAttemptAt: next?.toISOString() ?? 'none: undeliverable',
      error: describe(error),
    });
    return next ? 'failed' : 'undeliverable';
  }
  await ports.answers.markSent(id, { messageId }, ports.clock.now());
  log.info('answer sent', { answerId: id, messageId, attempts: answer.attempts + 1 });
  return 'sent';
}

export interface ResendOutcome {
  readonly tried: readonly { readonly id: string; readonly result: DeliveryResult }[];
  /** What is still not delivered after this run (what `status` shows). */
  readonly undelivered: readonly AnswerRecord[];
}

/**
 * Tries again every answer that is due: failed ones whose next try has come, and recorded ones
 * whose sender died before it could say (older than a lease). With `undeliverable`, also those
 * given up on (after an operator fixed the cause, e.g. verified the address in the SES sandbox).
 */
export async function resendAnswers(
  ports: DeliverAnswerPorts,
  options: { readonly undeliverable?: boolean } = {},
): Promise<ResendOutcome> {
  const now = ports.clock.now();
  const tried: { id: string; result: DeliveryResult }[] = [];
  for (const answer of await ports.answers.unsent()) {
    if (!isDue(answer, now, options.undeliverable === true)) continue;
    // Every line about this answer (its e-mail's message id, a failure) names it.
    const result = await (ports.log ?? silentLog).withRecordKeys({ answerId: answer.id }, () =>
      deliverAnswer(answer.id, ports, options),
    );
    tried.push({ id: answer.id, result });
  }
  return { tried, undelivered: await ports.answers.unsent() };
}

function isDue(answer: AnswerRecord, now: Date, undeliverable: boolean): boolean {
  const at = now.getTime();
  switch (answer.state) {
    case 'failed':
      return answer.nextAttemptAt === undefined || Date.parse(answer.nextAttemptAt) <= at;
    case 'pending':
      return Date.parse(answer.createdAt) + 60_000 <= at;
    case 'sending':
      return answer.leaseExpiresAt !== undefined && Date.parse(answer.leaseExpiresAt) < at;
    case 'undeliverable':
      return undeliverable;
    case 'sent':
      return false;
  }
}

function describe(error: unknown): string {
  const named = error as { name?: string; message?: string };
  return `${named.name ?? 'Error'}: ${named.message ?? String(error)}`.slice(0, 500);
}
