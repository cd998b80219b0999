import type { StoredFileName } from '../domain/report/report-files';
import type { Clock } from '../ports/clock';
import type { DeliveryLog } from '../ports/delivery-log';
import type { Log } from '../ports/log';
import type { MailAttachment, MailMessage, MailSender } from '../ports/mail-sender';
import type { ObjectStore } from '../ports/object-store';
import type { ReportRecord } from '../ports/report-index';
import { releaseDelivery } from './release-delivery';
import { readReportFile, reportFileLink } from './report-reads';

/**
 * The mail path every e-mail of a published version takes (the monthly brief, the quarterly review
 * pack): once per version, claimed in the delivery log before it is sent and recorded after; its
 * files attached only after each is checked against its recorded SHA-256; a workbook over the limit
 * linked rather than attached. Header text is the MIME composer's to encode (no header injection).
 */
export interface MailVersionPorts {
  readonly reportObjects: ObjectStore;
  readonly deliveries: DeliveryLog;
  readonly mail: MailSender;
  readonly clock: Clock;
  readonly log: Log;
}

/** Attachments above this go as a link: many mail systems refuse messages over 10 MB once encoded. */
export const WORKBOOK_ATTACHMENT_LIMIT_BYTES = 5 * 1024 * 1024;
/** The longest a presigned link can live (S3 SigV4). A link signed with role credentials ends earlier, when they expire. */
export const WORKBOOK_LINK_SECONDS = 7 * 24 * 3600;

export type MailVersionOutcome =
  | {
      readonly kind: 'sent';
      readonly record: ReportRecord;
      readonly recipients: readonly string[];
      readonly messageId: string;
      readonly workbook: 'attached' | 'linked';
    }
  | {
      readonly kind: 'already-sent';
      readonly record: ReportRecord;
      readonly recipients: readonly string[];
      readonly messageId: string;
      readonly sentAt: string;
    };

export const versionTag = (version: number) => `v${String(version).padStart(4, '0')}`;

/**
 * Sends what `compose` makes, once for `record` under the delivery id `kind#V<NNNN>`. Sent before:
 * says so and sends nothing. Not sent (compose or the send failed): the claim is given back so a
 * retry can send at once. Sent but not recorded: the claim is kept, so only its lease expiry (not
 * an immediate retry) can lead to a second message.
 */
export async function mailVersionOnce(
  ports: MailVersionPorts,
  request: {
    readonly record: ReportRecord;
    /** `leadership` for the monthly brief, `quarterly-review` for the pack. */
    readonly kind: string;
    /** What the message is, for the error when another run is sending it. */
    readonly what: string;
    readonly sender: string;
    readonly recipients: readonly string[];
    readonly compose: () => Promise<{
      readonly message: Pick<MailMessage, 'subject' | 'text' | 'html' | 'attachments'>;
      readonly workbook: 'attached' | 'linked';
    }>;
  },
): Promise<MailVersionOutcome> {
  const { record } = request;
  const key = { period: record.period, id: `${request.kind}#${versionTag(record.version).toUpperCase()}` };
  const claim = await ports.deliveries.claim(key, ports.clock.now());
  if (claim.kind === 'sent')
    return {
      kind: 'already-sent',
      record,
      recipients: claim.recipients,
      messageId: claim.messageId,
      sentAt: claim.sentAt,
    };
  if (claim.kind === 'in-progress') throw new Error(`${request.what} is being sent by another run`);

  let mailed = false;
  try {
    const { message, workbook } = await request.compose();
    const { messageId } = await ports.mail.send({
      from: request.sender,
      to: request.recipients,
      ...message,
    });
    mailed = true;
    await ports.deliveries.complete(key, { messageId, recipients: request.recipients }, ports.clock.now());
    return { kind: 'sent', record, recipients: request.recipients, messageId, workbook };
  } catch (error) {
    if (!mailed) await releaseDelivery(ports, key);
    throw error;
  }
}

/**
 * Which stored files a version mails, and the stem of the name each carries as an attachment
 * (`<stem>-<period>-v<NNNN>.<extension>`, e.g. `strategy-brief-2026-10-v0002.pdf`).
 */
export interface VersionAttachmentFiles {
  readonly pdf: { readonly file: StoredFileName; readonly stem: string };
  readonly html: { readonly file: StoredFileName; readonly stem: string };
  readonly workbook: { readonly file: StoredFileName; readonly stem: string };
}

type AttachmentNames = { readonly pdf: string; readonly html: string; readonly workbook: string };

/**
 * The PDF and its accessible HTML twin attached, and the workbook attached or — over the limit —
 * linked; each read checked against its hash.
 */
export async function versionAttachments(
  ports: Pick<MailVersionPorts, 'reportObjects' | 'clock'>,
  record: ReportRecord,
  files: VersionAttachmentFiles,
  limits: { readonly workbookAttachmentLimitBytes?: number; readonly workbookLinkSeconds?: number } = {},
): Promise<{
  names: AttachmentNames;
  attachments: MailAttachment[];
  workbookLink: { url: string; expiresAt: string; size: number } | undefined;
}> {
  const nameOf = (spec: { file: StoredFileName; stem: string }) =>
    `${spec.stem}-${record.period}-${versionTag(record.version)}${spec.file.slice(spec.file.lastIndexOf('.'))}`;
  const names = { pdf: nameOf(files.pdf), html: nameOf(files.html), workbook: nameOf(files.workbook) };
  const attachments: MailAttachment[] = [
    {
      filename: names.pdf,
      contentType: 'application/pdf',
      content: await readReportFile(ports.reportObjects, record, files.pdf.file),
    },
    {
      filename: names.html,
      contentType: 'text/html; charset=utf-8',
      content: await readReportFile(ports.reportObjects, record, files.html.file),
    },
  ];
  const workbookFile = record.files.find((file) => file.name === files.workbook.file);
  const limit = limits.workbookAttachmentLimitBytes ?? WORKBOOK_ATTACHMENT_LIMIT_BYTES;
  if (workbookFile && workbookFile.size > limit) {
    const seconds = limits.workbookLinkSeconds ?? WORKBOOK_LINK_SECONDS;
    const workbookLink = {
      url: await reportFileLink(ports.reportObjects, record, files.workbook.file, seconds),
      expiresAt: new Date(ports.clock.now().getTime() + seconds * 1000).toISOString(),
      size: workbookFile.size,
    };
    return { names, attachments, workbookLink };
  }
  attachments.push({
    filename: names.workbook,
    contentType: workbookFile?.contentType ?? 'application/octet-stream',
    content: await readReportFile(ports.reportObjects, record, files.workbook.file),
  });
  return { names, attachments, workbookLink: undefined };
}
