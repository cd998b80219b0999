import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { automaticMailReason } from '../domain/mail/automatic-mail';
import {
  examineMessage,
  type MessageExamination,
  type SelectedWorkbook,
  XLSX_CONTENT_TYPE,
} from '../domain/mail/inbound-attachments';
import type { InboundMessage } from '../domain/mail/inbound-message';
import { type MessageAnswerReason, messageAnswerText } from '../domain/mail/intake-answer-text';
import { type ReceiptVerdicts, type Refusal, verdictRefusal } from '../domain/mail/receipt-verdicts';
import { replyThreading } from '../domain/mail/reply-threading';
import { SubmitterDirectory } from '../domain/mail/submitter-directory';
import { placeWorkbook } from '../domain/mail/workbook-placement';
import { isEmailAddress, sanitizeHeaderText } from '../domain/mail-text';
import { type Period, previousCalendarMonth } from '../domain/period';
import { METADATA_KEYS } from '../domain/submission/template-layout';
import type { AnswerOutbox, StoredAttachment } from '../ports/answer-outbox';
import type { Clock } from '../ports/clock';
import type { InboundMessages, InboundRecord, InboundWorkbookSlot } from '../ports/inbound-messages';
import { type Log, silentLog } from '../ports/log';
import type { MailReader } from '../ports/mail-reader';
import type { MailSender } from '../ports/mail-sender';
import type { ObjectStore } from '../ports/object-store';
import type { ProgressRepository } from '../ports/progress-repository';
import type { SubmissionWorkbooks } from '../ports/submission-workbooks';
import { answerAttachmentKey, inboundKey, mailedUploadKey } from '../storage/object-keys';
import { answerMailedWorkbooks, inboundAnswerId } from './answer-mailed-workbooks';
import { MAILED_UPLOAD_METADATA } from './answer-submission';
import { deliverAnswer } from './deliver-answer';
import { generateTemplate } from './generate-template';

/** What SES reports of one received message (the receipt object and where it stored the message). */
export interface ReceivedMailNotification {
  /** SES's id of the message. */
  readonly messageId: string;
  readonly receivedAt: string;
  /** The SMTP envelope sender (MAIL FROM); '' for the null sender. */
  readonly envelopeFrom: string;
  readonly recipients: readonly string[];
  readonly verdicts: ReceiptVerdicts;
  readonly stored: { readonly bucket: string; readonly key: string };
  /** SES's reading of the From header: used only for a message too large to open. */
  readonly headerFrom: readonly string[];
}

export interface ReceiveMailPorts {
  readonly catalog: Catalog;
  readonly config: ProductConfig;
  readonly clock: Clock;
  /** The uploads bucket: the raw message is read from it and the workbooks written to it. */
  readonly uploads: ObjectStore;
  readonly inbound: InboundMessages;
  readonly answers: AnswerOutbox;
  readonly mail: MailSender;
  readonly mailReader: MailReader;
  readonly workbooks: SubmissionWorkbooks;
  /** The previous period's answers pre-fill the workbook sent back when none was attached. */
  readonly progress: ProgressRepository;
  readonly log?: Log;
}

export interface ReceiveMailOutcome {
  readonly record: InboundRecord;
  /** True when this message had been handled before (a redelivery): nothing was done again. */
  readonly repeated: boolean;
}

/**
 * One received message, from SES's notification to its uploads (or its answer):
 * 1. the stored message must be where the receipt rule writes it; each message is handled once;
 * 2. a virus or spam verdict refuses it unopened; a message over the size limit is not opened;
 * 3. read the MIME; automatic mail (RFC 3834) is ignored without a reply;
 * 4. authenticate the sender from SES's verdicts and `mail.officeSubmitters`: a sender that is not
 *    listed or not proven is refused, recorded and never answered (no backscatter);
 * 5. a message already received from that sender (same Message-ID) is a duplicate;
 * 6. pick the workbooks: none, winmail.dat or too many → a reply says what to do;
 * 7. place each workbook under its office and period, refuse those of offices the sender is not
 *    listed for, and write the rest as uploads (uploader: the sender; metadata: the message and
 *    slot), which the ingest answers; the message is answered once every workbook has an outcome.
 */
export async function receiveMail(
  notification: ReceivedMailNotification,
  ports: ReceiveMailPorts,
): Promise<ReceiveMailOutcome> {
  // 1. Where SES stored it, and once per message.
  const message = messageContext(notification, ports);
  const begun = await ports.inbound.begin(firstRecord(notification, message.headerFrom));
  if (!begun.created && begun.record.status !== 'receiving') return repeated(begun.record, message);

  // 2. Scanned as dangerous: never opened. Too large: not opened.
  const unopened = await screenUnopened(message);
  if (unopened) return unopened;

  // 3–5. Read it; ignore automatic mail; authenticate the sender; spot a message sent twice.
  const read = await readAndAuthenticate(message);
  if (read.kind === 'handled') return read.outcome;

  // 6. The workbooks in it: none, winmail.dat or too many are answered without a submission.
  const examined = examineMessage(read.message, ports.config.intakeLimits);
  if (examined.kind === 'answer-only')
    return answerOnly(
      message.id,
      {
        reason: examined.reason,
        detail: examined.detail,
        sender: read.from,
        offices: read.offices,
        thread: threadOf(read.message),
        described: read.described,
      },
      ports,
    );

  // 7. Each workbook under its office and period (or refused), written as an upload for the ingest.
  return submitWorkbooks(message, read, examined);
}

/** One message being received: who SES says sent it, and how a refusal is recorded. */
interface MessageContext {
  readonly id: string;
  readonly key: string;
  readonly notification: ReceivedMailNotification;
  readonly ports: ReceiveMailPorts;
  readonly log: Log;
  readonly directory: SubmitterDirectory;
  /** SES's reading of the From header ('' unless exactly one address). */
  readonly headerFrom: string;
  /** Records a refusal (never answered), naming the offices the claimed sender is listed for. */
  refuse(refusal: Refusal, claimedFrom: string, extra?: Partial<InboundRecord>): Promise<ReceiveMailOutcome>;
}

function messageContext(notification: ReceivedMailNotification, ports: ReceiveMailPorts): MessageContext {
  const log = ports.log ?? silentLog;
  const id = notification.messageId;
  const key = inboundKey(id);
  if (notification.stored.bucket !== ports.uploads.bucket || notification.stored.key !== key)
    throw new Error(
      `SES stored message ${id} at s3://${notification.stored.bucket}/${notification.stored.key}, expected s3://${ports.uploads.bucket}/${key}`,
    );
  const directory = new SubmitterDirectory(ports.config.mail.officeSubmitters);
  return {
    id,
    key,
    notification,
    ports,
    log,
    directory,
    headerFrom: notification.headerFrom.length === 1 ? (notification.headerFrom[0] as string) : '',
    async refuse(refusal, claimedFrom, extra = {}) {
      log.warn('message refused', { inboundMessageId: id, reason: refusal.reason, detail: refusal.detail });
      return done(
        await ports.inbound.finish(id, {
          status: 'refused',
          reason: refusal.reason,
          detail: refusal.detail,
          workbooks: [],
          notes: [],
          offices: directory.officesOf(claimedFrom),
          ...extra,
        }),
      );
    },
  };
}

function firstRecord(notification: ReceivedMailNotification, headerFrom: string): InboundRecord {
  return {
    id: notification.messageId,
    receivedAt: notification.receivedAt,
    sender: sanitizeHeaderText(headerFrom, 254),
    envelopeFrom: sanitizeHeaderText(notification.envelopeFrom, 254),
    offices: [],
    subject: '',
    references: [],
    verdicts: notification.verdicts,
    status: 'receiving',
    workbooks: [],
    notes: [],
  };
}

/** Redelivered after it was handled: only make sure what it was owed is sent. */
async function repeated(record: InboundRecord, message: MessageContext): Promise<ReceiveMailOutcome> {
  if (record.status === 'submitted') await answerMailedWorkbooks(record.id, message.ports);
  if (record.status === 'answered') await deliverAnswer(inboundAnswerId(record.id), message.ports);
  message.log.info('message already received', { inboundMessageId: record.id, status: record.status });
  return { record, repeated: true };
}

/** A virus or spam verdict refuses the message unopened; one over the size limit is answered unopened. */
async function screenUnopened(message: MessageContext): Promise<ReceiveMailOutcome | undefined> {
  const { notification, ports, headerFrom } = message;
  const { verdicts } = notification;
  if (verdicts.virus === 'FAIL' || verdicts.spam === 'FAIL')
    return message.refuse(
      verdictRefusal(verdicts, { from: headerFrom, envelopeFrom: notification.envelopeFrom }) as Refusal,
      headerFrom,
    );
  const head = await ports.uploads.head(message.key);
  if (!head) throw new Error(`the stored message ${message.key} is missing`);
  const limit = ports.config.intakeLimits.maxMessageBytes;
  if (head.size <= limit) return undefined;
  // The sender is judged on SES's own reading of the From header.
  const detail = `the message is ${megabytes(head.size)} MB; at most ${megabytes(limit)} MB are read`;
  return answerUnreadable(message, 'oversized', detail);
}

/** A message that cannot be read (too large, malformed) is answered to a proven, listed sender only. */
async function answerUnreadable(
  message: MessageContext,
  reason: 'oversized' | 'malformed',
  detail: string,
): Promise<ReceiveMailOutcome> {
  const sender = authenticate(message.headerFrom, message.notification, message.directory);
  if (sender.kind === 'refused') return message.refuse(sender.refusal, message.headerFrom);
  return answerOnly(
    message.id,
    {
      reason,
      detail,
      sender: message.headerFrom,
      offices: sender.offices,
      thread: { subject: '', references: [] },
    },
    message.ports,
  );
}

type ReadMessage =
  | { readonly kind: 'handled'; readonly outcome: ReceiveMailOutcome }
  | {
      readonly kind: 'sender';
      readonly message: InboundMessage;
      readonly from: string;
      readonly offices: readonly string[];
      readonly described: Partial<InboundRecord>;
    };

/**
 * Reads the MIME; refuses a message with no single From; ignores automatic mail (RFC 3834);
 * authenticates the sender from SES's verdicts and `mail.officeSubmitters` (refused, recorded,
 * never answered: no backscatter); a Message-ID the sender used before is a duplicate.
 */
async function readAndAuthenticate(context: MessageContext): Promise<ReadMessage> {
  const { ports, notification, id } = context;
  const parsing = await ports.mailReader.read(await ports.uploads.get(context.key));
  if (parsing.kind === 'malformed')
    return { kind: 'handled', outcome: await answerUnreadable(context, 'malformed', parsing.detail) };
  const message = parsing.message;
  const from = message.fromAddresses.length === 1 ? (message.fromAddresses[0] as string).toLowerCase() : '';
  const described = describedBy(message, from || context.headerFrom);
  const handled = (outcome: Promise<ReceiveMailOutcome>) =>
    outcome.then((done): ReadMessage => ({ kind: 'handled', outcome: done }));
  // Nobody to hold to account (no From, or several): nothing more is read.
  if (message.fromAddresses.length !== 1 || !isEmailAddress(from))
    return handled(
      context.refuse(
        {
          reason: 'no-single-sender',
          detail: `the From header holds ${message.fromAddresses.length} addresses; exactly one is needed`,
        },
        context.headerFrom,
        described,
      ),
    );
  const automatic = automaticMailReason({
    headers: message.headers,
    envelopeFrom: notification.envelopeFrom,
    from,
    subject: message.subject,
    contentType: message.contentType,
  });
  if (automatic !== undefined) {
    context.log.info('automatic mail ignored', { inboundMessageId: id, why: automatic });
    return handled(finishUnanswered(context, 'ignored', 'automatic', automatic, { ...described }));
  }
  const sender = authenticate(from, notification, context.directory, message.fromAddresses.length);
  if (sender.kind === 'refused') return handled(context.refuse(sender.refusal, from, described));
  if (message.messageId) {
    // The same message again (a sender's server may send it twice): one ingest, one answer.
    const holder = await ports.inbound.claimMessageId(from, message.messageId, id);
    if (holder !== id) {
      context.log.info('duplicate message', { inboundMessageId: id, first: holder });
      const detail = `the same message was received before (${holder})`;
      return handled(
        finishUnanswered(context, 'duplicate', 'duplicate', detail, {
          ...described,
          offices: sender.offices,
        }),
      );
    }
  }
  return { kind: 'sender', message, from, offices: sender.offices, described };
}

async function finishUnanswered(
  context: MessageContext,
  status: 'ignored' | 'duplicate',
  reason: string,
  detail: string,
  described: Partial<InboundRecord>,
): Promise<ReceiveMailOutcome> {
  return done(
    await context.ports.inbound.finish(context.id, {
      status,
      reason,
      detail,
      workbooks: [],
      notes: [],
      ...described,
    }),
  );
}

/** What the record keeps of a message: one-line sender, subject and thread ids. */
function describedBy(message: InboundMessage, sender: string): Partial<InboundRecord> {
  return {
    sender: sanitizeHeaderText(sender, 254),
    subject: sanitizeHeaderText(message.subject, 250),
    ...(message.messageId ? { rfcMessageId: sanitizeHeaderText(message.messageId, 500) } : {}),
    references: message.references.map((reference) => sanitizeHeaderText(reference, 500)).slice(-20),
  };
}

function threadOf(message: InboundMessage) {
  return {
    subject: message.subject,
    ...(message.messageId ? { messageId: message.messageId } : {}),
    references: message.references,
  };
}

/**
 * Places each workbook under its office and period, or refuses it for an office the sender is not
 * listed for; records the slots before any upload exists (so each ingest finds its message), then
 * writes the uploads (uploader: the sender; metadata: the message and slot). The message is
 * answered once every workbook has an outcome — now, when none went to the ingest.
 */
async function submitWorkbooks(
  context: MessageContext,
  read: Extract<ReadMessage, { kind: 'sender' }>,
  examined: Extract<MessageExamination, { kind: 'workbooks' }>,
): Promise<ReceiveMailOutcome> {
  const { ports, id } = context;
  const { slots, refused } = await placeWorkbooks(context, read.offices, examined.workbooks);
  await ports.inbound.finish(id, {
    status: 'receiving',
    workbooks: slots,
    notes: examined.notes,
    offices: read.offices,
    ...read.described,
  });
  for (const slot of slots) {
    const workbook = examined.workbooks[slot.slot];
    // A redelivery finds the uploads it wrote: writing again would be a new S3 event, a second ingest.
    if (!slot.key || !workbook || (await ports.uploads.head(slot.key))) continue;
    await ports.uploads.put(slot.key, workbook.content, {
      contentType: XLSX_CONTENT_TYPE,
      metadata: {
        uploader: read.from,
        [MAILED_UPLOAD_METADATA.message]: id,
        [MAILED_UPLOAD_METADATA.slot]: String(slot.slot),
      },
    });
  }
  for (const each of refused)
    await ports.inbound.recordOutcome(id, each.slot, { kind: 'refused', detail: each.detail });
  const record = await ports.inbound.finish(id, {
    status: 'submitted',
    workbooks: slots,
    notes: examined.notes,
  });
  context.log.info('message received', {
    inboundMessageId: id,
    sender: read.from,
    workbooks: slots.length,
    uploaded: slots.filter((slot) => slot.key).length,
  });
  await answerMailedWorkbooks(id, ports);
  return done(record);
}

async function placeWorkbooks(
  context: MessageContext,
  offices: readonly string[],
  workbooks: readonly SelectedWorkbook[],
): Promise<{ slots: InboundWorkbookSlot[]; refused: { slot: number; detail: string }[] }> {
  const { ports, id } = context;
  const openPeriod = previousCalendarMonth(ports.clock.now(), ports.config.timeZone);
  const slots: InboundWorkbookSlot[] = [];
  const refused: { slot: number; detail: string }[] = [];
  for (const workbook of workbooks) {
    const said = await workbookMetadata(workbook.content, workbook.displayName, ports);
    const placement = placeWorkbook({ ...said, senderOffices: offices, openPeriod });
    const named = {
      slot: workbook.slot,
      displayName: workbook.displayName,
      ...(workbook.renamed ? { renamed: workbook.renamed } : {}),
    };
    if (placement.kind === 'refuse' || !ports.catalog.office(placement.office)) {
      const detail =
        placement.kind === 'refuse'
          ? placement.detail
          : `${placement.office} is not an office of the catalog`;
      refused.push({ slot: workbook.slot, detail });
      slots.push(named);
      continue;
    }
    slots.push({
      ...named,
      key: mailedUploadKey(placement.office, placement.period, id, workbook.slot, workbook.displayName),
      office: placement.office,
      period: placement.period,
    });
  }
  return { slots, refused };
}

function done(record: InboundRecord): ReceiveMailOutcome {
  return { record, repeated: false };
}

type Authentication =
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'sender'; readonly offices: readonly string[] };

function authenticate(
  from: string,
  notification: ReceivedMailNotification,
  directory: SubmitterDirectory,
  fromCount = from === '' ? 0 : 1,
): Authentication {
  if (fromCount !== 1 || !isEmailAddress(from))
    return {
      kind: 'refused',
      refusal: {
        reason: 'no-single-sender',
        detail: `the From header holds ${fromCount} addresses; exactly one is needed`,
      },
    };
  const refusal = verdictRefusal(notification.verdicts, { from, envelopeFrom: notification.envelopeFrom });
  if (refusal) return { kind: 'refused', refusal };
  const offices = directory.officesOf(from);
  if (offices.length === 0)
    return {
      kind: 'refused',
      refusal: {
        reason: 'sender-not-listed',
        detail: `${sanitizeHeaderText(from, 254)} is not a listed submitter of any office`,
      },
    };
  return { kind: 'sender', offices };
}

/** The office and period a workbook says it is for (its hidden metadata), when it can be read. */
async function workbookMetadata(
  bytes: Buffer,
  name: string,
  ports: ReceiveMailPorts,
): Promise<{ workbookOffice?: string; workbookPeriod?: string }> {
  const reading = await ports.workbooks.read(bytes, ports.config.limits, name);
  if (reading.kind !== 'read') return {};
  const office = reading.workbook.metadata?.get(METADATA_KEYS.office);
  const period = reading.workbook.metadata?.get(METADATA_KEYS.period);
  return { ...(office ? { workbookOffice: office } : {}), ...(period ? { workbookPeriod: period } : {}) };
}

/**
 * A message answered without submitting anything. When it had no workbook, the sender's office
 * workbook for the open period goes back with the answer.
 */
async function answerOnly(
  id: string,
  input: {
    readonly reason: MessageAnswerReason;
    readonly detail: string;
    readonly sender: string;
    readonly offices: readonly string[];
    readonly thread: {
      readonly subject: string;
      readonly messageId?: string;
      readonly references: readonly string[];
    };
    readonly described?: Partial<InboundRecord>;
  },
  ports: ReceiveMailPorts,
): Promise<ReceiveMailOutcome> {
  const answerId = inboundAnswerId(id);
  const attachments: StoredAttachment[] = [];
  const sentBack: { office: string; period: Period }[] = [];
  if (input.reason === 'no-workbook') {
    const period = previousCalendarMonth(ports.clock.now(), ports.config.timeZone);
    for (const office of input.offices.filter((code) => ports.catalog.office(code))) {
      const template = await generateTemplate({ office, period }, ports);
      const attachmentKey = answerAttachmentKey(answerId, template.content.fileName);
      await ports.uploads.put(attachmentKey, template.bytes, { contentType: XLSX_CONTENT_TYPE });
      attachments.push({
        filename: template.content.fileName,
        contentType: XLSX_CONTENT_TYPE,
        key: attachmentKey,
      });
      sentBack.push({ office, period });
    }
  }
  const thread = replyThreading(input.thread);
  await ports.answers.record(
    {
      id: answerId,
      about: `answer to ${input.sender}'s message (${input.reason})`,
      ...(input.offices.length === 1 ? { office: input.offices[0] } : {}),
      message: {
        from: ports.config.mail.sender,
        to: [input.sender],
        replyTo: ports.config.mail.intakeAddress,
        subject: thread.subject,
        text: messageAnswerText(input.reason, input.detail, { attachedWorkbooks: sentBack }),
        ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
        ...(thread.references.length > 0 ? { references: thread.references } : {}),
        attachments,
      },
    },
    ports.clock.now(),
  );
  const record = await ports.inbound.finish(id, {
    status: 'answered',
    reason: input.reason,
    detail: input.detail,
    workbooks: [],
    notes: [],
    offices: input.offices,
    ...input.described,
  });
  (ports.log ?? silentLog).info('message answered without a submission', {
    inboundMessageId: id,
    reason: input.reason,
  });
  await deliverAnswer(answerId, ports);
  return done(record);
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
