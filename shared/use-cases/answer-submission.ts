import type { ProductConfig } from '../config/product-config';
import { XLSX_CONTENT_TYPE } from '../domain/mail/inbound-attachments';
import type { WorkbookOutcome } from '../domain/mail/intake-answer-text';
import { SubmitterDirectory } from '../domain/mail/submitter-directory';
import { isEmailAddress } from '../domain/mail-text';
import type { Period } from '../domain/period';
import type { MailText } from '../domain/submission/submission-mail';
import type { InboundMessages } from '../ports/inbound-messages';
import { type Log, silentLog } from '../ports/log';
import { type AnswerMailedWorkbooksPorts, answerMailedWorkbooks } from './answer-mailed-workbooks';
import { deliverAnswer } from './deliver-answer';

/** The object metadata the intake writes on a mailed workbook (user metadata, lower case). */
export const MAILED_UPLOAD_METADATA = { message: 'inbound-message', slot: 'inbound-slot' } as const;

export interface SubmissionAnswer {
  readonly submissionId: string;
  readonly key: string;
  readonly office: string;
  readonly period: Period;
  readonly uploader: string;
  /** Point of Contact addresses typed into the workbook. */
  readonly contacts: readonly string[];
  /** The upload's metadata: a mailed workbook names its message there. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The receipt or rejection, for a workbook uploaded directly. */
  readonly text: MailText;
  readonly outcome: WorkbookOutcome;
  /** The marked-up copy of a rejected workbook, in the uploads bucket. */
  readonly annotated?: { readonly key: string; readonly filename: string };
}

export type AnswerSubmissionPorts = AnswerMailedWorkbooksPorts & {
  readonly config: ProductConfig;
  readonly inbound: InboundMessages;
  readonly log?: Log;
};

/**
 * Answers one ingested workbook, never twice:
 * - a workbook that came by e-mail (its message and place in it, as the intake recorded them)
 *   gets its outcome recorded on the message; the message is answered, in its thread, once its
 *   last workbook has an outcome;
 * - any other upload gets a receipt or rejection of its own, recorded as `submission#<id>` and
 *   sent from the record to the first Point of Contact that is a listed submitter of the office,
 *   else the uploader, else the office's configured contact.
 */
export async function answerSubmission(
  answer: SubmissionAnswer,
  ports: AnswerSubmissionPorts,
): Promise<void> {
  const log = ports.log ?? silentLog;
  const mailed = await mailedSlot(answer, ports);
  if (mailed) {
    await ports.inbound.recordOutcome(mailed.message, mailed.slot, {
      ...answer.outcome,
      ...(answer.annotated ? { annotatedKey: answer.annotated.key } : {}),
    });
    await answerMailedWorkbooks(mailed.message, ports);
    return;
  }
  const to = recipientsOf(answer, ports.config);
  if (to.length === 0) {
    log.warn('no address to answer the submitter at', { submissionId: answer.submissionId, key: answer.key });
    return;
  }
  const id = `submission#${answer.submissionId}`;
  await ports.answers.record(
    {
      id,
      about: `${answer.office} ${answer.period} ${answer.outcome.kind === 'rejected' ? 'rejection' : 'receipt'}`,
      office: answer.office,
      period: answer.period,
      message: {
        from: ports.config.mail.sender,
        to,
        replyTo: ports.config.mail.intakeAddress,
        subject: answer.text.subject,
        text: answer.text.text,
        attachments: answer.annotated
          ? [
              {
                filename: answer.annotated.filename,
                contentType: XLSX_CONTENT_TYPE,
                key: answer.annotated.key,
              },
            ]
          : [],
      },
    },
    ports.clock.now(),
  );
  await deliverAnswer(id, ports);
}

/** The message and slot a mailed upload belongs to, when the intake's record confirms it. */
async function mailedSlot(
  answer: SubmissionAnswer,
  ports: AnswerSubmissionPorts,
): Promise<{ message: string; slot: number } | undefined> {
  const message = answer.metadata[MAILED_UPLOAD_METADATA.message];
  const slot = Number(answer.metadata[MAILED_UPLOAD_METADATA.slot]);
  if (message === undefined || !/^[A-Za-z0-9-]{1,100}$/.test(message) || !Number.isInteger(slot))
    return undefined;
  // Anyone who may upload could write this metadata: only the intake's own record counts.
  const record = await ports.inbound.get(message);
  const matches = record?.workbooks.some((workbook) => workbook.slot === slot && workbook.key === answer.key);
  if (!matches) {
    (ports.log ?? silentLog).warn('upload names a message that did not send it', {
      key: answer.key,
      message,
      slot,
    });
    return undefined;
  }
  return { message, slot };
}

/**
 * Who hears back about a direct upload: a Point of Contact typed into the workbook only when it is
 * a listed submitter of the office (anyone can type an address into a cell), else the uploader,
 * else the office's configured contact.
 */
function recipientsOf(answer: SubmissionAnswer, config: ProductConfig): string[] {
  const directory = new SubmitterDirectory(config.mail.officeSubmitters);
  const contact = answer.contacts.find((address) => directory.isListed(address, answer.office));
  const candidate =
    contact ??
    (isEmailAddress(answer.uploader) ? answer.uploader : undefined) ??
    config.mail.officeContacts[answer.office];
  return candidate ? [candidate] : [];
}
