import type { ProductConfig } from '../config/product-config';
import { XLSX_CONTENT_TYPE } from '../domain/mail/inbound-attachments';
import { type AnsweredWorkbook, workbooksAnswerText } from '../domain/mail/intake-answer-text';
import { replyThreading } from '../domain/mail/reply-threading';
import type { InboundMessages } from '../ports/inbound-messages';
import { type DeliverAnswerPorts, deliverAnswer } from './deliver-answer';

export interface AnswerMailedWorkbooksPorts extends DeliverAnswerPorts {
  readonly config: ProductConfig;
  readonly inbound: InboundMessages;
}

/** The one answer to a received message: `inbound#<SES message id>`. */
export function inboundAnswerId(sesMessageId: string): string {
  return `inbound#${sesMessageId}`;
}

/**
 * Answers a message whose workbooks were submitted, once every workbook has its outcome:
 * 1. read the message and the outcomes recorded so far; if one is missing, wait (the ingest of
 *    the last workbook calls this again);
 * 2. record one answer listing each outcome, in the sender's thread, to the authenticated sender
 *    only, with the marked-up copy of each rejected workbook (recording twice keeps the first);
 * 3. send it from the record.
 */
export async function answerMailedWorkbooks(
  sesMessageId: string,
  ports: AnswerMailedWorkbooksPorts,
): Promise<'waiting' | 'answered'> {
  const message = await ports.inbound.get(sesMessageId);
  if (message?.status !== 'submitted') return 'waiting';
  const outcomes = await ports.inbound.outcomes(sesMessageId);
  if (message.workbooks.some((workbook) => !outcomes.has(workbook.slot))) return 'waiting';

  const answered: AnsweredWorkbook[] = [];
  const attachments = [];
  for (const workbook of message.workbooks) {
    const outcome = outcomes.get(workbook.slot);
    if (!outcome) continue;
    const { annotatedKey, ...plain } = outcome;
    answered.push({
      displayName: workbook.displayName,
      ...(workbook.renamed ? { renamed: workbook.renamed } : {}),
      outcome: plain,
    });
    if (outcome.kind === 'rejected' && annotatedKey)
      attachments.push({
        filename: `${workbook.displayName.replace(/\.xlsx$/i, '')}.errors.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        key: annotatedKey,
      });
  }
  const thread = replyThreading({
    subject: message.subject,
    ...(message.rfcMessageId ? { messageId: message.rfcMessageId } : {}),
    references: message.references,
  });
  const offices = [
    ...new Set(message.workbooks.flatMap((workbook) => (workbook.office ? [workbook.office] : []))),
  ];
  const periods = [
    ...new Set(message.workbooks.flatMap((workbook) => (workbook.period ? [workbook.period] : []))),
  ];
  const id = inboundAnswerId(sesMessageId);
  await ports.answers.record(
    {
      id,
      about: `answer to ${message.sender}'s message of ${message.receivedAt} (${message.workbooks.length} workbook${message.workbooks.length === 1 ? '' : 's'})`,
      ...(offices.length === 1 ? { office: offices[0] } : {}),
      ...(periods.length === 1 ? { period: periods[0] } : {}),
      message: {
        from: ports.config.mail.sender,
        to: [message.sender],
        replyTo: ports.config.mail.intakeAddress,
        subject: thread.subject,
        text: workbooksAnswerText({ workbooks: answered, notes: message.notes }),
        ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
        ...(thread.references.length > 0 ? { references: thread.references } : {}),
        attachments,
      },
    },
    ports.clock.now(),
  );
  await deliverAnswer(id, ports);
  return 'answered';
}
