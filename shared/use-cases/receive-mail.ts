import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { automaticMailReason } from '../domain/mail/automatic-mail';
import { examineMessage, XLSX_CONTENT_TYPE } from '../domain/mail/inbound-attachments';
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
  const log = ports.log ?? silentLog;
  const id = notification.messageId;
  const context = { inboundMessageId: id };

  // 1. Where SES stored it, and once per message.
  const key = inboundKey(id);
  if (notification.stored.bucket !== ports.uploads.bucket || notification.stored.key !== key)
    throw new Error(
      `SES stored message ${id} at s3://${notification.stored.bucket}/${notification.stored.key}, expected s3://${ports.uploads.bucket}/${key}`,
    );
  const headerFrom = notification.headerFrom.length === 1 ? (notification.headerFrom[0] as string) : '';
  const begun = await ports.inbound.begin({
    id,
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
  });
  if (!begun.created && begun.record.status !== 'receiving') {
    // Redelivered after it was handled: only make sure what it was owed is sent.
    if (begun.record.status === 'submitted') await answerMailedWorkbooks(id, ports);
    if (begun.record.status === 'answered') await deliverAnswer(inboundAnswerId(id), ports);
    log.info('message already received', { ...context, status: begun.record.status });
    return { record: begun.record, repeated: true };
  }
  const directory = new SubmitterDirectory(ports.config.mail.officeSubmitters);
  // A refusal names the offices the claimed sender is listed for, so `history` shows it to them.
  const refuse = async (refusal: Refusal, claimedFrom: string, extra: Partial<InboundRecord> = {}) => {
    log.warn('message refused', { ...context, reason: refusal.reason, detail: refusal.detail });
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
  };

  // 2. Scanned as dangerous: never opened. Too large: not opened; the sender is judged on SES's reading.
  const { verdicts } = notification;
  if (verdicts.virus === 'FAIL' || verdicts.spam === 'FAIL')
    return refuse(
      verdictRefusal(verdicts, { from: headerFrom, envelopeFrom: notification.envelopeFrom }) as Refusal,
      headerFrom,
    );
  const head = await ports.uploads.head(key);
  if (!head) throw new Error(`the stored message ${key} is missing`);
  const limits = ports.config.intakeLimits;
  if (head.size > limits.maxMessageBytes) {
    const sender = authenticate(headerFrom, notification, directory);
    if (sender.kind === 'refused') return refuse(sender.refusal, headerFrom);
    const detail = `the message is ${megabytes(head.size)} MB; at most ${megabytes(limits.maxMessageBytes)} MB are read`;
    return answerOnly(
      id,
      {
        reason: 'oversized',
        detail,
        sender: headerFrom,
        offices: sender.offices,
        thread: { subject: '', references: [] },
      },
      ports,
    );
  }

  // 3. Read it. Automatic mail is never answered.
  const parsing = await ports.mailReader.read(await ports.uploads.get(key));
  if (parsing.kind === 'malformed') {
    const sender = authenticate(headerFrom, notification, directory);
    if (sender.kind === 'refused') return refuse(sender.refusal, headerFrom);
    return answerOnly(
      id,
      {
        reason: 'malformed',
        detail: parsing.detail,
        sender: headerFrom,
        offices: sender.offices,
        thread: { subject: '', references: [] },
      },
      ports,
    );
  }
  const message = parsing.message;
  const from = message.fromAddresses.length === 1 ? (message.fromAddresses[0] as string).toLowerCase() : '';
  const described = {
    sender: sanitizeHeaderText(from || headerFrom, 254),
    subject: sanitizeHeaderText(message.subject, 250),
    ...(message.messageId ? { rfcMessageId: sanitizeHeaderText(message.messageId, 500) } : {}),
    references: message.references.map((reference) => sanitizeHeaderText(reference, 500)).slice(-20),
  };
  // Nobody to hold to account (no From, or several): nothing more is read.
  if (message.fromAddresses.length !== 1 || !isEmailAddress(from))
    return refuse(
      {
        reason: 'no-single-sender',
        detail: `the From header holds ${message.fromAddresses.length} addresses; exactly one is needed`,
      },
      headerFrom,
      described,
    );
  const automatic = automaticMailReason({
    headers: message.headers,
    envelopeFrom: notification.envelopeFrom,
    from,
    subject: message.subject,
    contentType: message.contentType,
  });
  if (automatic !== undefined) {
    log.info('automatic mail ignored', { ...context, why: automatic });
    return done(
      await ports.inbound.finish(id, {
        status: 'ignored',
        reason: 'automatic',
        detail: automatic,
        workbooks: [],
        notes: [],
        ...described,
      }),
    );
  }

  // 4. Who sent it, proven by SES's verdicts and listed for an office.
  const sender = authenticate(from, notification, directory, message.fromAddresses.length);
  if (sender.kind === 'refused') return refuse(sender.refusal, from, described);
  const offices = sender.offices;

  // 5. The same message again (a sender's server may send it twice): one ingest, one answer.
  if (message.messageId) {
    const holder = await ports.inbound.claimMessageId(from, message.messageId, id);
    if (holder !== id) {
      log.info('duplicate message', { ...context, first: holder });
      return done(
        await ports.inbound.finish(id, {
          status: 'duplicate',
          reason: 'duplicate',
          detail: `the same message was received before (${holder})`,
          workbooks: [],
          notes: [],
          offices,
          ...described,
        }),
      );
    }
  }

  // 6. The workbooks in it.
  const thread = {
    subject: message.subject,
    ...(message.messageId ? { messageId: message.messageId } : {}),
    references: message.references,
  };
  const examined = examineMessage(message, limits);
  if (examined.kind === 'answer-only')
    return answerOnly(
      id,
      { reason: examined.reason, detail: examined.detail, sender: from, offices, thread, described },
      ports,
    );

  // 7. Each workbook under its office and period, or refused for an office the sender is not listed for.
  const openPeriod = previousCalendarMonth(ports.clock.now(), ports.config.timeZone);
  const slots: InboundWorkbookSlot[] = [];
  const refusedSlots: { slot: number; detail: string }[] = [];
  for (const workbook of examined.workbooks) {
    const said = await workbookMetadata(workbook.content, workbook.displayName, ports);
    const placement = placeWorkbook({ ...said, senderOffices: offices, openPeriod });
    const named = {
      slot: workbook.slot,
      displayName: workbook.displayName,
      ...(workbook.renamed ? { renamed: workbook.renamed } : {}),
    };
    if (placement.kind === 'refuse' || !ports.catalog.office(placement.office)) {
      refusedSlots.push({
        slot: workbook.slot,
        detail:
          placement.kind === 'refuse'
            ? placement.detail
            : `${placement.office} is not an office of the catalog`,
      });
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
  // The slots are recorded before any upload exists, so each ingest can find its message.
  await ports.inbound.finish(id, {
    status: 'receiving',
    workbooks: slots,
    notes: examined.notes,
    offices,
    ...described,
  });
  for (const slot of slots) {
    if (!slot.key) continue;
    const workbook = examined.workbooks[slot.slot];
    // A redelivery finds the uploads it wrote: writing again would be a new S3 event, a second ingest.
    if (!workbook || (await ports.uploads.head(slot.key))) continue;
    await ports.uploads.put(slot.key, workbook.content, {
      contentType: XLSX_CONTENT_TYPE,
      metadata: {
        uploader: from,
        [MAILED_UPLOAD_METADATA.message]: id,
        [MAILED_UPLOAD_METADATA.slot]: String(slot.slot),
      },
    });
  }
  for (const refused of refusedSlots)
    await ports.inbound.recordOutcome(id, refused.slot, { kind: 'refused', detail: refused.detail });
  const record = await ports.inbound.finish(id, {
    status: 'submitted',
    workbooks: slots,
    notes: examined.notes,
  });
  log.info('message received', {
    ...context,
    sender: from,
    workbooks: slots.length,
    uploaded: slots.filter((slot) => slot.key).length,
  });
  // Answered now when nothing went to the ingest (or every ingest already finished).
  await answerMailedWorkbooks(id, ports);
  return done(record);
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
