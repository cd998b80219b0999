import { readFile } from 'node:fs/promises';
import type { SQSBatchResponse } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { createIngestHandler } from '../../functions/ingest/handler';
import { createNotifyHandler } from '../../functions/notify/handler';
import { createRemindHandler } from '../../functions/remind/handler';
import { createRenderHandler } from '../../functions/render/handler';
import { createRollupHandler } from '../../functions/rollup/handler';
import {
  fillProgressSheet,
  type ProgressAnswers,
  progressAnswersOf,
} from '../adapters/excel/progress-sheet-filler';
import { composeMimeMessage } from '../adapters/mail/mime-message';
import { OutboxMailSender } from '../adapters/mail/outbox-mail-sender';
import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { XLSX_CONTENT_TYPE } from '../domain/mail/inbound-attachments';
import { addMonths, type Period, previousCalendarMonth } from '../domain/period';
import { localMailPipeline } from '../local/deliver-mail';
import { uploadAndDeliver } from '../local/deliver-upload';
import { localDependencies } from '../local/local-dependencies';
import type { LocalRuntime } from '../local/local-runtime';
import type { Clock } from '../ports/clock';
import { silentLog } from '../ports/log';
import { uploadKey } from '../storage/object-keys';
import { generateTemplate } from '../use-cases/generate-template';
import type { IngestOutcome } from '../use-cases/ingest-submission';
import { receivedMailSummary } from '../use-cases/received-mail-summary';
import { buildDemoScenario, type DemoRowValues, type DemoSubmission } from './demo-scenario';

/** What the demo tells whoever runs it, one line per step. */
export interface DemoProgress {
  step(line: string): void;
}

export interface DemoMonthSummary {
  readonly period: Period;
  readonly accepted: number;
  readonly rejected: number;
  readonly skipped: number;
  /** Workbooks that came as e-mail replies to the open-period e-mail (the rest were uploaded). */
  readonly byEmail: number;
  /** Offices that got the open-period e-mail with their workbook. */
  readonly opened: number;
  readonly reminded: number;
  /** Messages refused at the intake (a spoofed sender). */
  readonly refusedMail: number;
  readonly snapshotVersions: readonly number[];
  readonly reportVersions: readonly number[];
  readonly mailed: number;
}

export interface DemoRun {
  readonly periods: readonly Period[];
  readonly months: readonly DemoMonthSummary[];
  readonly events: readonly string[];
  /** Steps that found their work already done (a second run on the same data directory). */
  readonly skipped: readonly string[];
}

/** A clock the demo moves through the year it plays, so records carry realistic times. */
class DemoClock implements Clock {
  private current: Date;
  constructor(start: Date) {
    this.current = start;
  }
  set(instant: Date): void {
    this.current = instant;
  }
  now(): Date {
    return this.current;
  }
}

/**
 * Plays a year of the product on the local stores: every office fills in and submits its
 * workbook each month through the real ingest handler (one office late one month, one silent
 * one month, one rejected and corrected); reminders go out before the deadline; each month is
 * rolled up, rendered and mailed to leadership by the real handlers. Every step checks whether
 * its work is already there, so running it again on the same data directory changes nothing and
 * says what it skipped.
 */
export async function runDemo(
  runtime: LocalRuntime,
  settings: { readonly catalog: Catalog; readonly config: ProductConfig },
  options: { readonly now: Date; readonly progress: DemoProgress; readonly seed?: number },
): Promise<DemoRun> {
  const config = withDemoContacts(settings.config, settings.catalog);
  const clock = new DemoClock(options.now);
  // Where each e-mail landed, by message id: the e-mail offices read the one they received.
  const written = new Map<string, string>();
  const mail = new OutboxMailSender(runtime.outboxDirectory, clock, (file, messageId) =>
    written.set(messageId, file),
  );
  const deps = localDependencies(runtime, { catalog: settings.catalog, config, clock, mail });
  const mailPipeline = localMailPipeline(deps, { log: silentLog });
  const emailOffices = new Set(
    EMAIL_OFFICE_POSITIONS.map(
      (position) => settings.catalog.offices[position % settings.catalog.offices.length]?.code,
    ),
  );
  /** The open-period e-mail each office received, by `<office> <period>`. */
  const openMail = new Map<string, string>();
  const scenario = buildDemoScenario(settings.catalog, {
    lastPeriod: previousCalendarMonth(options.now, config.timeZone),
    deadlineDay: config.submissionDeadlineDay,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });

  let lastOutcome: IngestOutcome | undefined;
  const ingest = createIngestHandler(deps, {
    log: silentLog,
    onOutcome: (outcome) => (lastOutcome = outcome),
  });
  const rollup = createRollupHandler(deps);
  const render = createRenderHandler(deps);
  const notify = createNotifyHandler(deps);
  const remind = createRemindHandler(deps);

  const skipped: string[] = [];
  const months: DemoMonthSummary[] = [];

  const submit = async (submission: DemoSubmission): Promise<'accepted' | 'rejected' | 'skipped'> => {
    if (await deps.progress.currentRevision(submission.office, submission.period)) {
      skipped.push(`${submission.period} ${submission.office}: ${submission.story} (already submitted)`);
      return 'skipped';
    }
    clock.set(submission.submittedAt);
    if (emailOffices.has(submission.office)) return submitByEmail(submission);
    const template = await generateTemplate({ office: submission.office, period: submission.period }, deps);
    const bytes = await fillProgressSheet(template.bytes, answersFor(submission.rows));
    lastOutcome = undefined;
    const delivered = await uploadAndDeliver(
      {
        // Each upload gets its own name: the local S3 server keeps no versions, and a rejected
        // original must stay beside its correction.
        key: uploadKey(submission.office, submission.period, uploadFileName(submission)),
        bytes,
        uploader: submission.uploader,
      },
      deps.uploads,
      ingest,
      submission.submittedAt,
    );
    const outcome = lastOutcome as IngestOutcome | undefined;
    if (!outcome || failed(delivered.response)) {
      throw new Error(`the ingest did not answer ${submission.office}'s ${submission.period} workbook`);
    }
    const answer = outcome.kind === 'rejected' ? 'rejected' : 'accepted';
    if (answer !== submission.expected) {
      const detail = outcome.kind === 'rejected' ? `: ${outcome.problems[0]?.message ?? ''}` : '';
      throw new Error(
        `${submission.office}'s ${submission.period} workbook (${submission.story}) was ${answer}, expected ${submission.expected}${detail}`,
      );
    }
    return answer;
  };

  /**
   * An office that answers by e-mail: it opens the open-period e-mail it received, fills in the
   * attached workbook, and replies with it attached; the message goes through SES's part, the
   * intake and the ingest as in AWS, and the answer comes back in the thread.
   */
  const submitByEmail = async (submission: DemoSubmission): Promise<'accepted' | 'rejected'> => {
    const file = openMail.get(`${submission.office} ${submission.period}`);
    if (!file)
      throw new Error(`${submission.office} received no open-period e-mail for ${submission.period}`);
    const received = await simpleParser(await readFile(file));
    const workbook = received.attachments.find((attachment) => attachment.filename?.endsWith('.xlsx'));
    const replyTo = received.replyTo?.value[0]?.address;
    if (!workbook || !replyTo || !received.messageId)
      throw new Error(
        `the open-period e-mail to ${submission.office} has no workbook, Reply-To or Message-ID`,
      );
    const filled = await fillProgressSheet(workbook.content, answersFor(submission.rows));
    const reply = await composeMimeMessage(
      {
        from: submission.uploader,
        to: [replyTo],
        subject: `RE: ${received.subject ?? ''}`,
        text: 'Our workbook for the month is attached.',
        inReplyTo: received.messageId,
        references: [received.messageId],
        attachments: [
          { filename: workbook.filename ?? 'workbook.xlsx', contentType: XLSX_CONTENT_TYPE, content: filled },
        ],
      },
      { date: submission.submittedAt },
    );
    const delivered = await mailPipeline.receive(reply.raw);
    const summary = await receivedMailSummary(delivered.sesMessageId, deps);
    const answer = summary?.allAccepted ? 'accepted' : 'rejected';
    if (answer !== submission.expected)
      throw new Error(
        `${submission.office}'s ${submission.period} e-mail (${submission.story}) was ${answer}, expected ${submission.expected}: ${summary?.message.detail ?? summary?.message.status ?? 'no record'}`,
      );
    byEmail += 1;
    return answer;
  };

  /** Once in the year: a message claiming to be an e-mail office's submitter, failing DMARC. */
  const spoof = async (period: Period, at: Date): Promise<number> => {
    const month = addMonths(period, 1);
    const earlier = await deps.inbound.receivedIn(month);
    if (earlier.some((message) => message.status === 'refused')) return 0;
    const victim = [...emailOffices][0] as string;
    clock.set(at);
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
    const delivered = await mailPipeline.receive(forged.raw, { verdicts: { dmarc: 'FAIL', spf: 'FAIL' } });
    if (delivered.ingest.length > 0) throw new Error('a spoofed message reached the ingest');
    const summary = await receivedMailSummary(delivered.sesMessageId, deps);
    if (summary?.message.status !== 'refused') throw new Error('a spoofed message was not refused');
    return 1;
  };

  const report = async (period: Period, at: Date) => {
    clock.set(at);
    const rolled = await rollup({ period });
    const rendered = await render({ period });
    const mailed = await notify({ period });
    if (
      rolled.outcome === 'unchanged' &&
      rendered.outcome === 'already-rendered' &&
      mailed.outcome === 'already-sent'
    )
      skipped.push(
        `${period}: rollup v${rolled.record.version}, report v${rendered.version} and e-mail (already done)`,
      );
    return {
      snapshot: rolled.record.version,
      report: rendered.version,
      mailed: mailed.outcome === 'sent' ? 1 : 0,
    };
  };

  let byEmail = 0;
  for (const [index, month] of scenario.months.entries()) {
    const started = Date.now();
    const tally = { accepted: 0, rejected: 0, skipped: 0 };
    byEmail = 0;
    let refusedMail = 0;
    const count = (answer: 'accepted' | 'rejected' | 'skipped') => {
      tally[answer] += 1;
    };
    const snapshots: number[] = [];
    const reports: number[] = [];
    let mailed = 0;
    let reminded = 0;

    // The window opens: every office gets its workbook by e-mail (the daily remind run).
    clock.set(openInstant(month.period));
    const opening = await remind({ period: month.period });
    for (const sent of opening.reminded) {
      const file = written.get(sent.messageId);
      if (file && sent.kind === 'open') openMail.set(`${sent.office} ${month.period}`, file);
    }
    if (index === SPOOF_MONTH)
      refusedMail += await spoof(month.period, new Date(openInstant(month.period).getTime() + 86_400_000));

    // Before the deadline: submissions in arrival order, with the reminder run in between.
    const reminderAt = reminderInstant(month.period, config);
    const early = month.onTime.filter((submission) => submission.submittedAt < reminderAt);
    const later = month.onTime.filter((submission) => submission.submittedAt >= reminderAt);
    for (const submission of early) count(await submit(submission));
    clock.set(reminderAt);
    const reminders = await remind({ period: month.period });
    reminded += reminders.reminded.length;
    for (const submission of later) count(await submit(submission));

    const first = await report(month.period, month.reportAt);
    snapshots.push(first.snapshot);
    reports.push(first.report);
    mailed += first.mailed;

    // After the report: late submissions make the month roll up, render and mail again.
    for (const submission of month.late) {
      count(await submit(submission));
      const again = await report(month.period, new Date(submission.submittedAt.getTime() + 3_600_000));
      snapshots.push(again.snapshot);
      reports.push(again.report);
      mailed += again.mailed;
    }

    const summary: DemoMonthSummary = {
      period: month.period,
      ...tally,
      byEmail,
      opened: opening.reminded.filter((sent) => sent.kind === 'open').length,
      reminded,
      refusedMail,
      snapshotVersions: [...new Set(snapshots)],
      reportVersions: [...new Set(reports)],
      mailed,
    };
    months.push(summary);
    options.progress.step(
      describeMonth(index, scenario.months.length, summary, month.notes, Date.now() - started),
    );
  }

  return { periods: scenario.months.map((month) => month.period), months, events: scenario.events, skipped };
}

/** Offices (by position in the catalog) that answer by e-mail reply every month: OFO and OS in the CBP catalog. */
const EMAIL_OFFICE_POSITIONS = [0, 4];
/** The month (from 0) in which a spoofed message arrives and is refused. */
const SPOOF_MONTH = 5;

/** The first day of the period's submission window, 12:00 UTC (the daily remind run sends the open-period e-mail). */
function openInstant(period: Period): Date {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1, 12, 0, 0));
}

/** e.g. `USBP-2026-08-20260903T1400.xlsx`: office, period and when it was sent. */
function uploadFileName(submission: DemoSubmission): string {
  const stamp = submission.submittedAt.toISOString().slice(0, 16).replace(/[-:]/g, '');
  return `${submission.office}-${submission.period}-${stamp}.xlsx`;
}

function failed(response: SQSBatchResponse): boolean {
  return response.batchItemFailures.length > 0;
}

/** The template's cells for each row the scenario has the office type. */
function answersFor(rows: readonly DemoRowValues[]): (activityId: string) => ProgressAnswers {
  const byActivity = new Map(rows.map((row) => [row.activityId, row]));
  return (activityId) => {
    const row = byActivity.get(activityId);
    return row ? progressAnswersOf(row) : {};
  };
}

/** The first reminder day of a period: `reminderDaysBefore` days before the deadline, 08:00 UTC. */
function reminderInstant(period: Period, config: ProductConfig): Date {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, config.submissionDeadlineDay - config.reminderDaysBefore, 13, 0, 0));
}

/**
 * Offices need an address to be reminded before their first submission, and a listed submitter
 * to answer by e-mail; the demo gives each one of both (the submitter is the scenario's uploader).
 */
function withDemoContacts(config: ProductConfig, catalog: Catalog): ProductConfig {
  const officeContacts = { ...config.mail.officeContacts };
  const officeSubmitters = { ...config.mail.officeSubmitters };
  for (const office of catalog.offices) {
    officeContacts[office.code] ??= `${office.code.toLowerCase()}.lead@example.gov`;
    officeSubmitters[office.code] ??= [`${office.code.toLowerCase()}.submitter@example.gov`];
  }
  return { ...config, mail: { ...config.mail, officeContacts, officeSubmitters } };
}

function describeMonth(
  index: number,
  total: number,
  summary: DemoMonthSummary,
  notes: readonly string[],
  elapsedMs: number,
): string {
  const parts = [
    `${summary.accepted} accepted (${summary.byEmail} by e-mail reply)`,
    ...(summary.rejected > 0 ? [`${summary.rejected} rejected`] : []),
    ...(summary.refusedMail > 0 ? [`${summary.refusedMail} spoofed e-mail refused`] : []),
    ...(summary.skipped > 0 ? [`${summary.skipped} already there`] : []),
    `${summary.reminded} reminded`,
    `snapshot v${summary.snapshotVersions.join(', v')}`,
    `report v${summary.reportVersions.join(', v')}`,
    `${summary.mailed} brief${summary.mailed === 1 ? '' : 's'} mailed`,
  ];
  const position = `[${String(index + 1).padStart(2)}/${total}]`;
  const note = notes.length > 0 ? `  — ${notes.join('; ')}` : '';
  return `${position} ${summary.period}  ${parts.join(' · ')}  (${(elapsedMs / 1000).toFixed(1)} s)${note}`;
}
