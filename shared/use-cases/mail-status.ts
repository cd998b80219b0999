import { addMonths, type Period } from '../domain/period';
import type { AnswerOutbox, AnswerRecord } from '../ports/answer-outbox';
import type { Clock } from '../ports/clock';
import type { InboundMessages, InboundRecord } from '../ports/inbound-messages';

export interface MailStatus {
  /** The calendar month (UTC) whose received mail is counted: the period's submission window. */
  readonly receivedIn: string;
  readonly received: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Messages not submitted and not answered: refused, ignored (automatic) and repeated ones. */
  readonly notAnswered: readonly Pick<
    InboundRecord,
    'id' | 'receivedAt' | 'sender' | 'status' | 'reason' | 'detail' | 'offices'
  >[];
  /** Answers of any period that could not be delivered (yet). */
  readonly undelivered: readonly Pick<
    AnswerRecord,
    'id' | 'about' | 'period' | 'office' | 'state' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'createdAt'
  >[];
}

/** How long a recorded answer may wait for its first send before it counts as not delivered. */
const FIRST_SEND_GRACE_MS = 5 * 60_000;

/**
 * The e-mail side of a period's status: what arrived at the intake address during the period's
 * submission window (the following calendar month) and was not taken — refused senders,
 * automatic mail, repeats — and every answer to a submitter that could not be delivered.
 */
export async function mailStatus(
  period: Period,
  ports: { readonly inbound: InboundMessages; readonly answers: AnswerOutbox; readonly clock: Clock },
): Promise<MailStatus> {
  const receivedIn = addMonths(period, 1);
  const [messages, unsent] = await Promise.all([
    ports.inbound.receivedIn(receivedIn),
    ports.answers.unsent(),
  ]);
  const byStatus: Record<string, number> = {};
  for (const message of messages) byStatus[message.status] = (byStatus[message.status] ?? 0) + 1;
  const now = ports.clock.now().getTime();
  return {
    receivedIn,
    received: messages.length,
    byStatus,
    notAnswered: messages.filter(notAnswered).map(summaryOf),
    undelivered: unsent
      .filter(
        (answer) =>
          answer.state === 'failed' ||
          answer.state === 'undeliverable' ||
          Date.parse(answer.createdAt) + FIRST_SEND_GRACE_MS < now,
      )
      .map(
        ({ id, about, period: answered, office, state, attempts, lastError, nextAttemptAt, createdAt }) => ({
          id,
          about,
          state,
          attempts,
          createdAt,
          ...(answered ? { period: answered } : {}),
          ...(office ? { office } : {}),
          ...(lastError ? { lastError } : {}),
          ...(nextAttemptAt ? { nextAttemptAt } : {}),
        }),
      ),
  };
}

/**
 * Mail received in the period's submission window that was refused, ignored or repeated and that
 * claimed to come from a submitter of `office` (what `history` shows beside the office's attempts).
 */
export async function unansweredMailOf(
  office: string,
  period: Period,
  ports: { readonly inbound: InboundMessages },
): Promise<MailStatus['notAnswered']> {
  const messages = await ports.inbound.receivedIn(addMonths(period, 1));
  return messages
    .filter(notAnswered)
    .filter((message) => message.offices.includes(office))
    .map(summaryOf);
}

/** Refused, ignored (automatic) and repeated mail: never answered. */
function notAnswered(message: InboundRecord): boolean {
  return ['refused', 'ignored', 'duplicate'].includes(message.status);
}

function summaryOf(message: InboundRecord): MailStatus['notAnswered'][number] {
  const { id, receivedAt, sender, status, reason, detail, offices } = message;
  return {
    id,
    receivedAt,
    sender,
    status,
    offices,
    ...(reason ? { reason } : {}),
    ...(detail ? { detail } : {}),
  };
}
