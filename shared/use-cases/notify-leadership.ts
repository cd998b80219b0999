import { NotFoundError } from '../domain/errors';
import type { Period } from '../domain/period';
import { leadershipEmail } from '../domain/report/leadership-email';
import { renderContextOf } from '../domain/report/report-manifest';
import { buildReportModel, type ReportModel } from '../domain/report/report-model';
import type { Clock } from '../ports/clock';
import type { DeliveryLog } from '../ports/delivery-log';
import type { Log } from '../ports/log';
import type { MailAttachment, MailSender } from '../ports/mail-sender';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex, ReportRecord } from '../ports/report-index';
import type { SnapshotIndex } from '../ports/snapshot-index';
import { releaseDelivery } from './release-delivery';
import { readReportFile, readReportManifest, reportFileLink } from './report-reads';
import { loadSnapshot } from './snapshot-storage';

export interface NotifyLeadershipPorts {
  readonly reportIndex: ReportIndex;
  readonly snapshotIndex: SnapshotIndex;
  /** The reports bucket: the report's files and manifest, and the snapshot it was rendered from. */
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

export interface NotifyLeadershipRequest {
  readonly period: Period;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly workbookAttachmentLimitBytes?: number;
  readonly workbookLinkSeconds?: number;
}

export type NotifyLeadershipOutcome =
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

const versionTag = (version: number) => `v${String(version).padStart(4, '0')}`;

/**
 * E-mails the latest report of a period to leadership, once per report version: the headline
 * numbers, what changed and the top risks in the body (first, for a version that replaces another,
 * which one and why), the PDF and the accessible HTML brief attached, the workbook attached or
 * linked. Every attached file is checked against its recorded SHA-256 before it goes out.
 */
export async function notifyLeadership(
  ports: NotifyLeadershipPorts,
  request: NotifyLeadershipRequest,
): Promise<NotifyLeadershipOutcome> {
  // 1. The report to send: the latest version of the period.
  const record = await ports.reportIndex.latest(request.period);
  if (!record)
    throw new NotFoundError(
      `no report for ${request.period}: run \`strategy-report render --period ${request.period}\` first`,
    );

  // 2. Once per version: claim the delivery before sending.
  const key = { period: record.period, id: `leadership#${versionTag(record.version).toUpperCase()}` };
  const claim = await ports.deliveries.claim(key, ports.clock.now());
  if (claim.kind === 'sent')
    return {
      kind: 'already-sent',
      record,
      recipients: claim.recipients,
      messageId: claim.messageId,
      sentAt: claim.sentAt,
    };
  if (claim.kind === 'in-progress')
    throw new Error(`the ${record.period} ${versionTag(record.version)} brief is being sent by another run`);

  let mailed = false;
  try {
    // 3. What the report says, from the snapshot it was rendered from.
    const model = await reportModelOf(ports, record);

    // 4. The attachments, checked against their hashes: the PDF and its accessible HTML twin; a
    //    large workbook becomes a link.
    const { names, attachments, workbookLink } = await attachmentsOf(ports, record, request);

    // 5. Send, then record it.
    const email = leadershipEmail({
      model,
      reportVersion: record.version,
      manifestKey: record.manifestKey,
      ...(workbookLink ? { workbookLink } : {}),
      attachmentNames: names,
    });
    const { messageId } = await ports.mail.send({
      from: request.sender,
      to: request.recipients,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments,
    });
    mailed = true;
    await ports.deliveries.complete(key, { messageId, recipients: request.recipients }, ports.clock.now());
    return {
      kind: 'sent',
      record,
      recipients: request.recipients,
      messageId,
      workbook: workbookLink ? 'linked' : 'attached',
    };
  } catch (error) {
    // Not sent: give the claim back so a retry can send at once. Sent but not recorded: keep the
    // claim, so only its lease expiry (not an immediate retry) can lead to a second message.
    if (!mailed) await releaseDelivery(ports, key);
    throw error;
  }
}

/** The model of the brief, from the snapshot the version was rendered from (checked as it is loaded). */
async function reportModelOf(ports: NotifyLeadershipPorts, record: ReportRecord): Promise<ReportModel> {
  const manifest = await readReportManifest(ports.reportObjects, record);
  const snapshotRecord = (await ports.snapshotIndex.versions(record.period)).find(
    (candidate) =>
      candidate.version === manifest.snapshot.version && candidate.sha256 === manifest.snapshot.sha256,
  );
  if (!snapshotRecord)
    throw new NotFoundError(
      `the snapshot of report ${record.period} ${versionTag(record.version)} (v${manifest.snapshot.version}) is missing`,
    );
  const snapshot = await loadSnapshot(ports.reportObjects, snapshotRecord);
  // The context the files were rendered with, so the e-mail says what the brief says (and, for a
  // version that replaces another, which one and why).
  return buildReportModel(snapshot, renderContextOf(manifest));
}

/**
 * The PDF and the HTML brief (the accessible version) attached, and the workbook attached or —
 * over the limit — linked; each read checked against its hash.
 */
async function attachmentsOf(
  ports: NotifyLeadershipPorts,
  record: ReportRecord,
  request: NotifyLeadershipRequest,
): Promise<{
  names: { pdf: string; html: string; workbook: string };
  attachments: MailAttachment[];
  workbookLink: { url: string; expiresAt: string; size: number } | undefined;
}> {
  const names = {
    pdf: `strategy-brief-${record.period}-${versionTag(record.version)}.pdf`,
    html: `strategy-brief-${record.period}-${versionTag(record.version)}.html`,
    workbook: `strategy-workbook-${record.period}-${versionTag(record.version)}.xlsx`,
  };
  const attachments: MailAttachment[] = [
    {
      filename: names.pdf,
      contentType: 'application/pdf',
      content: await readReportFile(ports.reportObjects, record, 'brief.pdf'),
    },
    {
      filename: names.html,
      contentType: 'text/html; charset=utf-8',
      content: await readReportFile(ports.reportObjects, record, 'brief.html'),
    },
  ];
  const workbookFile = record.files.find((file) => file.name === 'workbook.xlsx');
  const limit = request.workbookAttachmentLimitBytes ?? WORKBOOK_ATTACHMENT_LIMIT_BYTES;
  if (workbookFile && workbookFile.size > limit) {
    const seconds = request.workbookLinkSeconds ?? WORKBOOK_LINK_SECONDS;
    const workbookLink = {
      url: await reportFileLink(ports.reportObjects, record, 'workbook.xlsx', seconds),
      expiresAt: new Date(ports.clock.now().getTime() + seconds * 1000).toISOString(),
      size: workbookFile.size,
    };
    return { names, attachments, workbookLink };
  }
  attachments.push({
    filename: names.workbook,
    contentType: workbookFile?.contentType ?? 'application/octet-stream',
    content: await readReportFile(ports.reportObjects, record, 'workbook.xlsx'),
  });
  return { names, attachments, workbookLink: undefined };
}
