import { NotFoundError } from '../domain/errors';
import type { Period } from '../domain/period';
import { leadershipEmail } from '../domain/report/leadership-email';
import { renderContextOf } from '../domain/report/report-manifest';
import { buildReportModel, type ReportModel } from '../domain/report/report-model';
import type { Clock } from '../ports/clock';
import type { DeliveryLog } from '../ports/delivery-log';
import type { Log } from '../ports/log';
import type { MailSender } from '../ports/mail-sender';
import type { ObjectStore } from '../ports/object-store';
import type { ReportIndex, ReportRecord } from '../ports/report-index';
import type { SnapshotIndex } from '../ports/snapshot-index';
import {
  type MailVersionOutcome,
  mailVersionOnce,
  versionAttachments,
  versionTag,
} from './mail-report-version';
import { readReportManifest } from './report-reads';
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

export { WORKBOOK_ATTACHMENT_LIMIT_BYTES, WORKBOOK_LINK_SECONDS } from './mail-report-version';

export interface NotifyLeadershipRequest {
  readonly period: Period;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly workbookAttachmentLimitBytes?: number;
  readonly workbookLinkSeconds?: number;
}

export type NotifyLeadershipOutcome = MailVersionOutcome;

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

  // 2. Once per version: the brief, the headline numbers from the snapshot it was rendered from,
  //    the PDF and its accessible HTML twin attached (a large workbook becomes a link), each
  //    checked against its hash.
  return mailVersionOnce(ports, {
    record,
    kind: 'leadership',
    what: `the ${record.period} ${versionTag(record.version)} brief`,
    sender: request.sender,
    recipients: request.recipients,
    compose: async () => {
      const model = await reportModelOf(ports, record);
      const { names, attachments, workbookLink } = await versionAttachments(
        ports,
        record,
        {
          pdf: { file: 'brief.pdf', stem: 'strategy-brief' },
          html: { file: 'brief.html', stem: 'strategy-brief' },
          workbook: { file: 'workbook.xlsx', stem: 'strategy-workbook' },
        },
        request,
      );
      const email = leadershipEmail({
        model,
        reportVersion: record.version,
        manifestKey: record.manifestKey,
        ...(workbookLink ? { workbookLink } : {}),
        attachmentNames: names,
      });
      return {
        message: { subject: email.subject, text: email.text, html: email.html, attachments },
        workbook: workbookLink ? 'linked' : 'attached',
      };
    },
  });
}

/** The model of the brief, from the snapshot the version was rendered from (checked as it is loaded). */
async function reportModelOf(ports: NotifyLeadershipPorts, record: ReportRecord): Promise<ReportModel> {
  const manifest = await readReportManifest(ports.reportObjects, record);
  const snapshotRecord = (await ports.snapshotIndex.versions(manifest.snapshot.period as Period)).find(
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
