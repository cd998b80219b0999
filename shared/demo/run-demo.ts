import type { SQSBatchResponse } from 'aws-lambda';
import {
  type AttestationAnswers,
  attestationAnswersOf,
  fillProgressSheet,
  type ProgressAnswers,
  progressAnswersOf,
} from '../adapters/excel/progress-sheet-filler';
import { OutboxMailSender } from '../adapters/mail/outbox-mail-sender';
import type { Dependencies } from '../composition/dependencies';
import type { ProductConfig } from '../config/product-config';
import type { Catalog, Office } from '../domain/catalog/catalog';
import { type Period, previousCalendarMonth, previousPeriod } from '../domain/period';
import { createIngestHandler } from '../entries/ingest-entry';
import { createNotifyHandler } from '../entries/notify-entry';
import { createRemindHandler } from '../entries/remind-entry';
import { createRenderHandler } from '../entries/render-entry';
import { createReviewHandler } from '../entries/review-entry';
import { createRollupHandler } from '../entries/rollup-entry';
import { uploadAndDeliver } from '../local/deliver-upload';
import { localDependencies } from '../local/local-dependencies';
import type { LocalRuntime } from '../local/local-runtime';
import { runMonthEnd } from '../local/month-end';
import type { Clock } from '../ports/clock';
import { silentLog } from '../ports/log';
import { uploadKey } from '../storage/object-keys';
import { generateTemplate } from '../use-cases/generate-template';
import type { IngestOutcome } from '../use-cases/ingest-submission';
import { demoAttestation } from './demo-attestation';
import {
  type DemoMail,
  demoMail,
  noteOpened,
  openInstant,
  SPOOF_MONTH,
  spoofOnce,
  submitByEmail,
} from './demo-mail';
import { buildDemoScenario, type DemoMonth, type DemoRowValues, type DemoSubmission } from './demo-scenario';

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
  /** After a quarter's last month: the quarter, and the versions of its review pack published this month. */
  readonly review: {
    readonly quarter: string;
    readonly versions: readonly number[];
    readonly mailed: number;
  } | null;
}

export interface DemoRun {
  readonly periods: readonly Period[];
  readonly months: readonly DemoMonthSummary[];
  readonly events: readonly string[];
  /** Steps that found their work already done (a second run on the same data directory). */
  readonly skipped: readonly string[];
  /** The quarterly review packs the year produced (one per quarter whose last month it played), latest versions. */
  readonly reviews: readonly { readonly quarter: string; readonly version: number }[];
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

/** The demo's stores, clock and the real handlers it plays through, with what it skipped so far. */
interface DemoPlay {
  readonly deps: Dependencies;
  readonly config: ProductConfig;
  readonly clock: DemoClock;
  readonly skipped: string[];
  readonly ingest: ReturnType<typeof createIngestHandler>;
  /** The ingest's last answer (the handler answers an SQS batch, not the upload). */
  lastOutcome: IngestOutcome | undefined;
  readonly rollup: ReturnType<typeof createRollupHandler>;
  readonly render: ReturnType<typeof createRenderHandler>;
  readonly notify: ReturnType<typeof createNotifyHandler>;
  readonly review: ReturnType<typeof createReviewHandler>;
  readonly remind: ReturnType<typeof createRemindHandler>;
  readonly mail: DemoMail;
}

/**
 * Plays a year of the product on the local stores: when each period opens every office gets its
 * workbook by e-mail; two offices reply to it (intake, ingest, answer in the thread), the others
 * fill in and upload theirs through the real ingest handler (one office late one month, one
 * silent one month, one rejected and corrected); one spoofed message is refused; reminders go out
 * before the deadline; each month is
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
  const scenario = buildDemoScenario(settings.catalog, {
    lastPeriod: previousCalendarMonth(options.now, config.timeZone),
    deadlineDay: config.submissionDeadlineDay,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const play: DemoPlay = {
    deps,
    config,
    clock,
    skipped: [],
    lastOutcome: undefined,
    ingest: createIngestHandler(deps, {
      log: silentLog,
      onOutcome: (outcome) => (play.lastOutcome = outcome),
    }),
    rollup: createRollupHandler(deps),
    render: createRenderHandler(deps),
    notify: createNotifyHandler(deps),
    review: createReviewHandler(deps),
    remind: createRemindHandler(deps),
    mail: demoMail(deps, settings.catalog, written),
  };

  const months: DemoMonthSummary[] = [];
  for (const [index, month] of scenario.months.entries()) {
    const started = Date.now();
    const summary = await playMonth(play, month, index === SPOOF_MONTH);
    months.push(summary);
    options.progress.step(
      describeMonth(index, scenario.months.length, summary, month.notes, Date.now() - started),
    );
  }
  return {
    periods: scenario.months.map((month) => month.period),
    months,
    events: scenario.events,
    skipped: play.skipped,
    reviews: months.flatMap((month) =>
      month.review
        ? [{ quarter: month.review.quarter, version: month.review.versions.at(-1) as number }]
        : [],
    ),
  };
}

/** One month: submissions in arrival order with the reminder run in between, the report, then late submissions. */
async function playMonth(play: DemoPlay, month: DemoMonth, spoofed: boolean): Promise<DemoMonthSummary> {
  const tally = { accepted: 0, rejected: 0, skipped: 0, byEmail: 0 };
  const take = async (submission: DemoSubmission) => {
    const answer = await submit(play, submission);
    tally[answer] += 1;
    if (answer !== 'skipped' && play.mail.offices.has(submission.office)) tally.byEmail += 1;
  };

  // The window opens: every office gets its workbook by e-mail (the daily remind run).
  play.clock.set(openInstant(month.period));
  const opened = noteOpened(play.mail, month.period, await play.remind({ period: month.period }));
  play.clock.set(new Date(openInstant(month.period).getTime() + 86_400_000));
  const refusedMail = spoofed
    ? await spoofOnce(play.mail, play.deps, play.config, month.period, play.clock.now())
    : 0;

  // Before the deadline: submissions in arrival order, with the reminder run in between.
  const reminderAt = reminderInstant(month.period, play.config);
  for (const submission of month.onTime.filter((each) => each.submittedAt < reminderAt))
    await take(submission);
  play.clock.set(reminderAt);
  const reminders = await play.remind({ period: month.period });
  for (const submission of month.onTime.filter((each) => each.submittedAt >= reminderAt))
    await take(submission);
  const reports = [await report(play, month.period, month.reportAt)];

  // After the report: late submissions make the month roll up, render and mail again.
  for (const submission of month.late) {
    await take(submission);
    reports.push(await report(play, month.period, new Date(submission.submittedAt.getTime() + 3_600_000)));
  }

  return {
    period: month.period,
    ...tally,
    opened,
    reminded: reminders.reminded.length,
    refusedMail,
    snapshotVersions: [...new Set(reports.map((each) => each.snapshot))],
    reportVersions: [...new Set(reports.map((each) => each.report))],
    mailed: reports.reduce((sum, each) => sum + each.mailed, 0),
    review: reviewOfMonth(reports),
  };
}

/** One office's workbook, filled in from the scenario and delivered as S3 and SQS would. */
async function submit(
  play: DemoPlay,
  submission: DemoSubmission,
): Promise<'accepted' | 'rejected' | 'skipped'> {
  const { deps, clock } = play;
  if (await deps.progress.currentRevision(submission.office, submission.period)) {
    play.skipped.push(`${submission.period} ${submission.office}: ${submission.story} (already submitted)`);
    return 'skipped';
  }
  clock.set(submission.submittedAt);
  const attestation = await attestationTyped(play, submission);
  if (play.mail.offices.has(submission.office))
    return submitByEmail(play.mail, deps, submission, answersFor(submission.rows), attestation);
  const template = await generateTemplate({ office: submission.office, period: submission.period }, deps);
  const bytes = await fillProgressSheet(template.bytes, answersFor(submission.rows), attestation);
  play.lastOutcome = undefined;
  const delivered = await uploadAndDeliver(
    {
      // Each upload gets its own name: the local S3 server keeps no versions, and a rejected
      // original must stay beside its correction.
      key: uploadKey(submission.office, submission.period, uploadFileName(submission)),
      bytes,
      uploader: submission.uploader,
    },
    deps.uploads,
    play.ingest,
    submission.submittedAt,
  );
  const outcome = play.lastOutcome as IngestOutcome | undefined;
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
}

/**
 * The month-end run: rollup, render and leadership e-mail, then — after a quarter's last month —
 * the quarter's review pack, mailed too: the workflow's steps through the functions' handlers.
 */
async function report(play: DemoPlay, period: Period, at: Date) {
  play.clock.set(at);
  const run = await runMonthEnd(play, { period });
  const packDone =
    run.review.quarter === null ||
    (run.review.outcome === 'already-rendered' && run.reviewMail?.outcome === 'already-sent');
  if (
    run.rollup.outcome === 'unchanged' &&
    run.render.outcome === 'already-rendered' &&
    run.notify.outcome === 'already-sent' &&
    packDone
  )
    play.skipped.push(
      `${period}: rollup v${run.rollup.record.version}, report v${run.render.version}${run.review.quarter === null ? '' : `, ${run.review.quarter} review pack v${run.review.version}`} and e-mail (already done)`,
    );
  return {
    snapshot: run.rollup.record.version,
    report: run.render.version,
    mailed: run.notify.outcome === 'sent' ? 1 : 0,
    review:
      run.review.quarter === null
        ? null
        : {
            quarter: run.review.quarter,
            version: run.review.version,
            mailed: run.reviewMail?.outcome === 'sent' ? 1 : 0,
          },
  };
}

/** The review pack of a quarter's last month: its versions this month and how many e-mails took it. */
function reviewOfMonth(reports: readonly Awaited<ReturnType<typeof report>>[]): DemoMonthSummary['review'] {
  const reviews = reports.flatMap((each) => (each.review ? [each.review] : []));
  const first = reviews[0];
  if (!first) return null;
  return {
    quarter: first.quarter,
    versions: [...new Set(reviews.map((each) => each.version))],
    mailed: reviews.reduce((sum, each) => sum + each.mailed, 0),
  };
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

/**
 * What the office types on the Attestation sheet: everything the first time; afterwards its
 * template is pre-filled from its attestation of the month before (generate-template.ts), and only
 * the date is typed, as it must be every month.
 */
async function attestationTyped(play: DemoPlay, submission: DemoSubmission): Promise<AttestationAnswers> {
  const officeIndex = play.deps.catalog.offices.findIndex((office) => office.code === submission.office);
  const office = play.deps.catalog.offices[officeIndex] as Office;
  const answers = attestationAnswersOf(demoAttestation(office, officeIndex, submission.submittedAt));
  const before = await play.deps.progress.currentRevision(
    submission.office,
    previousPeriod(submission.period),
  );
  return before?.attestation ? { date: answers.date } : answers;
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
    ...(summary.review
      ? [
          `${summary.review.quarter} review pack v${summary.review.versions.join(', v')} (${summary.review.mailed} mailed)`,
        ]
      : []),
  ];
  const position = `[${String(index + 1).padStart(2)}/${total}]`;
  const note = notes.length > 0 ? `  — ${notes.join('; ')}` : '';
  return `${position} ${summary.period}  ${parts.join(' · ')}  (${(elapsedMs / 1000).toFixed(1)} s)${note}`;
}
