import type { ProductConfig } from '../config/product-config';
import type { Catalog, Office } from '../domain/catalog/catalog';
import { XLSX_CONTENT_TYPE } from '../domain/mail/inbound-attachments';
import { workbookRequestEmail } from '../domain/mail/workbook-request-email';
import type { Period } from '../domain/period';
import type { Clock } from '../ports/clock';
import type { MailMessage } from '../ports/mail-sender';
import type { ProgressRepository } from '../ports/progress-repository';
import type { SubmissionWorkbooks } from '../ports/submission-workbooks';
import { generateTemplate } from './generate-template';

export interface WorkbookRequestPorts {
  readonly catalog: Catalog;
  readonly config: ProductConfig;
  readonly clock: Clock;
  readonly progress: ProgressRepository;
  readonly workbooks: SubmissionWorkbooks;
}

/**
 * The e-mail that asks an office for its workbook (when the period opens, and each reminder):
 * the office's workbook for the period attached — exactly what `strategy-report template` writes,
 * pre-filled with last period's accepted answers — plain instructions, the deadline, and
 * Reply-To the intake address, so that replying is submitting.
 */
export async function workbookRequestMessage(
  request: {
    readonly kind: 'open' | 'reminder';
    readonly office: Office;
    readonly period: Period;
    readonly deadline: string;
    readonly today: string;
    readonly rejectedAttempts: number;
    readonly to: readonly string[];
  },
  ports: WorkbookRequestPorts,
): Promise<MailMessage> {
  const template = await generateTemplate({ office: request.office.code, period: request.period }, ports);
  const email = workbookRequestEmail({
    kind: request.kind,
    office: request.office,
    period: request.period,
    deadline: request.deadline,
    today: request.today,
    fileName: template.content.fileName,
    rejectedAttempts: request.rejectedAttempts,
  });
  return {
    from: ports.config.mail.sender,
    to: request.to,
    replyTo: ports.config.mail.intakeAddress,
    subject: email.subject,
    text: email.text,
    autoSubmitted: 'auto-generated',
    attachments: [
      { filename: template.content.fileName, contentType: XLSX_CONTENT_TYPE, content: template.bytes },
    ],
  };
}
