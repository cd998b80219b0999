import { NotFoundError } from '../domain/errors';
import { quarterlyReviewEmail } from '../domain/report/quarterly-review-email';
import type { QuarterKey } from '../domain/report/report-period';
import {
  type QuarterlyReviewInputs,
  quarterlyReviewInputsSchema,
} from '../domain/review/quarterly-review-inputs';
import { quarterlyReviewModel } from '../domain/review/quarterly-review-model';
import type { ReportIndex } from '../ports/report-index';
import {
  type MailVersionOutcome,
  type MailVersionPorts,
  mailVersionOnce,
  versionAttachments,
  versionTag,
} from './mail-report-version';
import { readReportFile } from './report-reads';

export interface NotifyQuarterlyReviewPorts extends MailVersionPorts {
  readonly reportIndex: ReportIndex;
}

export interface NotifyQuarterlyReviewRequest {
  readonly quarter: QuarterKey;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly workbookAttachmentLimitBytes?: number;
  readonly workbookLinkSeconds?: number;
}

/**
 * E-mails the latest review pack of a quarter to leadership, once per pack version, by the same
 * mail path as the monthly brief: the summary in the body (from the pack's stored inputs, checked
 * against their hash, so the e-mail says what the pack says), the PDF and its accessible HTML twin
 * attached, the workbook attached or linked. Every attached file is checked against its SHA-256.
 */
export async function notifyQuarterlyReview(
  ports: NotifyQuarterlyReviewPorts,
  request: NotifyQuarterlyReviewRequest,
): Promise<MailVersionOutcome> {
  const record = await ports.reportIndex.latest(request.quarter);
  if (!record)
    throw new NotFoundError(
      `no review pack for ${request.quarter}: run \`strategy-report review --quarter ${request.quarter}\` first`,
    );
  const tag = versionTag(record.version);
  return mailVersionOnce(ports, {
    record,
    kind: 'quarterly-review',
    what: `the ${record.period} ${tag} review pack`,
    sender: request.sender,
    recipients: request.recipients,
    compose: async () => {
      const stored = await readReportFile(ports.reportObjects, record, 'inputs.json');
      const inputs: QuarterlyReviewInputs = quarterlyReviewInputsSchema.parse(
        JSON.parse(stored.toString('utf8')),
      );
      const { names, attachments, workbookLink } = await versionAttachments(
        ports,
        record,
        {
          pdf: { file: 'review.pdf', stem: 'quarterly-review' },
          html: { file: 'review.html', stem: 'quarterly-review' },
          workbook: { file: 'review.xlsx', stem: 'quarterly-review' },
        },
        request,
      );
      const email = quarterlyReviewEmail({
        model: quarterlyReviewModel(inputs),
        packVersion: record.version,
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
