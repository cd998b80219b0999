import type { AnswerOutbox, AnswerState } from '../ports/answer-outbox';
import type { InboundMessages, InboundRecord, RecordedWorkbookOutcome } from '../ports/inbound-messages';
import { inboundAnswerId } from './answer-mailed-workbooks';

export interface ReceivedMailSummary {
  readonly message: Pick<InboundRecord, 'id' | 'receivedAt' | 'sender' | 'subject' | 'status' | 'offices'> & {
    readonly reason?: string;
    readonly detail?: string;
  };
  readonly workbooks: readonly {
    readonly file: string;
    readonly renamed?: string;
    readonly office?: string;
    readonly period?: string;
    /** Undefined while the ingest has not answered it. */
    readonly outcome?: RecordedWorkbookOutcome;
  }[];
  /** The answer to the message, if one is owed (never for refused, ignored or duplicate mail). */
  readonly answer?: {
    readonly id: string;
    readonly state: AnswerState;
    readonly to: readonly string[];
    readonly subject: string;
    readonly attachments: readonly string[];
    readonly lastError?: string;
  };
  /** True when at least one workbook came and every one was accepted. */
  readonly allAccepted: boolean;
}

/** What happened to a received message: its status, each workbook's outcome, its answer. */
export async function receivedMailSummary(
  id: string,
  ports: { readonly inbound: InboundMessages; readonly answers: AnswerOutbox },
): Promise<ReceivedMailSummary | undefined> {
  const record = await ports.inbound.get(id);
  if (!record) return undefined;
  const outcomes = await ports.inbound.outcomes(id);
  const answer = await ports.answers.get(inboundAnswerId(id));
  const workbooks = record.workbooks.map((slot) => {
    const outcome = outcomes.get(slot.slot);
    return {
      file: slot.displayName,
      ...(slot.renamed ? { renamed: slot.renamed } : {}),
      ...(slot.office ? { office: slot.office } : {}),
      ...(slot.period ? { period: slot.period } : {}),
      ...(outcome ? { outcome } : {}),
    };
  });
  return {
    message: {
      id: record.id,
      receivedAt: record.receivedAt,
      sender: record.sender,
      subject: record.subject,
      status: record.status,
      offices: record.offices,
      ...(record.reason ? { reason: record.reason } : {}),
      ...(record.detail ? { detail: record.detail } : {}),
    },
    workbooks,
    ...(answer
      ? {
          answer: {
            id: answer.id,
            state: answer.state,
            to: answer.message.to,
            subject: answer.message.subject,
            attachments: answer.message.attachments.map((attachment) => attachment.filename),
            ...(answer.lastError ? { lastError: answer.lastError } : {}),
          },
        }
      : {}),
    allAccepted:
      record.status === 'submitted' &&
      workbooks.length > 0 &&
      workbooks.every((workbook) => workbook.outcome?.kind === 'accepted'),
  };
}
