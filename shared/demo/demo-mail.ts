import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { fillProgressSheet, type ProgressAnswers } from '../adapters/excel/progress-sheet-filler';
import { composeMimeMessage } from '../adapters/mail/mime-message';
import type { Dependencies } from '../composition/dependencies';
import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { XLSX_CONTENT_TYPE } from '../domain/mail/inbound-attachments';
import { addMonths, type Period } from '../domain/period';
import { type LocalMailPipeline, localMailPipeline } from '../local/deliver-mail';
import { silentLog } from '../ports/log';
import { generateTemplate } from '../use-cases/generate-template';
import { receivedMailSummary } from '../use-cases/received-mail-summary';
import type { RemindOfficesOutcome } from '../use-cases/remind-offices';
import type { DemoSubmission } from './demo-scenario';

/** Offices (by position in the catalog) that answer by e-mail reply every month: OFO and OS in the CBP catalog. */
const EMAIL_OFFICE_POSITIONS = [0, 4];
/** The month (from 0) in which a spoofed message arrives and is refused. */
export const SPOOF_MONTH = 5;

/**
 * The demo's e-mail side: which offices reply by e-mail, the open-period e-mail each received
 * (found in the outbox by its message id), and the local SES → intake → ingest pipeline.
 */
export interface DemoMail {
  readonly offices: ReadonlySet<string>;
  readonly pipeline: LocalMailPipeline;
  /** Where each e-mail the product sent was written, by message id (the outbox sender tells). */
  readonly written: Map<string, string>;
  /** The open-period e-mail each office received, by `<office> <period>`. */
  readonly opened: Map<string, string>;
}

export function demoMail(deps: Dependencies, catalog: Catalog, written: Map<string, string>): DemoMail {
  return {
    offices: new Set(
      EMAIL_OFFICE_POSITIONS.map(
        (position) => catalog.offices[position % catalog.offices.length]?.code ?? '',
      ),
    ),
    pipeline: localMailPipeline(deps, { log: silentLog }),
    written,
    opened: new Map(),
  };
}

/** Notes which open-period e-mail each office received, so it can reply to it. */
export function noteOpened(mail: DemoMail, period: Period, sent: RemindOfficesOutcome): number {
  const opened = sent.reminded.filter((each) => each.kind === 'open');
  for (const each of opened) {
    const file = mail.written.get(each.messageId);
    if (file) mail.opened.set(`${each.office} ${period}`, file);
  }
  return opened.length;
}

/**
 * An office that answers by e-mail: it opens the open-period e-mail it received, fills in the
 * attached workbook, and replies with it attached; the message goes through SES's part, the
 * intake and the ingest as in AWS, and the answer comes back in the thread.
 */
export async function submitByEmail(
  mail: DemoMail,
  deps: Dependencies,
  submission: DemoSubmission,
  answers: (activityId: string) => ProgressAnswers,
): Promise<'accepted' | 'rejected'> {
  const file = mail.opened.get(`${submission.office} ${submission.period}`);
  if (!file) throw new Error(`${submission.office} received no open-period e-mail for ${submission.period}`);
  const received = await simpleParser(await readFile(file));
  const workbook = received.attachments.find((attachment) => attachment.filename?.endsWith('.xlsx'));
  const replyTo = received.replyTo?.value[0]?.address;
  if (!workbook || !replyTo || !received.messageId)
    throw new Error(`the open-period e-mail to ${submission.office} has no workbook, Reply-To or Message-ID`);
  const reply = await composeMimeMessage(
    {
      from: submission.uploader,
      to: [replyTo],
      subject: `RE: ${received.subject ?? ''}`,
      text: 'Our workbook for the month is attached.',
      inReplyTo: received.messageId,
      references: [received.messageId],
      attachments: [
        {
          filename: workbook.filename ?? 'workbook.xlsx',
          contentType: XLSX_CONTENT_TYPE,
          content: await fillProgressSheet(workbook.content, answers),
        },
      ],
    },
    { date: submission.submittedAt },
  );
  const delivered = await mail.pipeline.receive(reply.raw);
  const summary = await receivedMailSummary(delivered.sesMessageId, deps);
  const answer = summary?.allAccepted ? 'accepted' : 'rejected';
  if (answer !== submission.expected)
    throw new Error(
      `${submission.office}'s ${submission.period} e-mail (${submission.story}) was ${answer}, expected ${submission.expected}: ${summary?.message.detail ?? summary?.message.status ?? 'no record'}`,
    );
  return answer;
}

/** Once in the year: a message claiming to be an e-mail office's submitter, failing DMARC. Refused. */
export async function spoofOnce(
  mail: DemoMail,
  deps: Dependencies,
  config: ProductConfig,
  period: Period,
  at: Date,
): Promise<number> {
  const earlier = await deps.inbound.receivedIn(addMonths(period, 1));
  if (earlier.some((message) => message.status === 'refused')) return 0;
  const victim = [...mail.offices][0] as string;
  const template = await generateTemplate({ office: victim, period }, deps);
  const forged = await composeMimeMessage(
    {
      from: `${victim.toLowerCase()}.submitter@example.gov`,
      to: [config.mail.intakeAddress],
      subject: `${victim} workbook`,
      text: 'Updated numbers attached.',
      attachments: [
        { filename: `${victim}-${period}.xlsx`, contentType: XLSX_CONTENT_TYPE, content: template.bytes },
      ],
    },
    { date: at },
  );
  const delivered = await mail.pipeline.receive(forged.raw, { verdicts: { dmarc: 'FAIL', spf: 'FAIL' } });
  if (delivered.ingest.length > 0) throw new Error('a spoofed message reached the ingest');
  const summary = await receivedMailSummary(delivered.sesMessageId, deps);
  if (summary?.message.status !== 'refused') throw new Error('a spoofed message was not refused');
  return 1;
}

/** The first day of the period's submission window, 12:00 UTC (the daily remind run sends the open-period e-mail). */
export function openInstant(period: Period): Date {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1, 12, 0, 0));
}
