import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqsRecordCarrying } from '../../shared/adapters/events/s3-notifications';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { addMonths, type Period } from '../../shared/domain/period';
import { ALL_PASS } from '../../shared/local/deliver-mail';
import { putUpload } from '../../shared/local/deliver-upload';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { sesReceivedNotification } from '../../shared/local/ses-receipt-event';
import { inboundKey, uploadKey } from '../../shared/storage/object-keys';
import { capturingOutput } from '../support/captured-output';
import { lambdaContext } from '../support/lambda-context';
import { filledTemplate } from '../support/templates';

/*
 * Every function as Lambda runs it: functions/<name>/index.ts imported with the environment the
 * stack gives it (its clients pointed at the embedded servers, and at a stand-in for SES, through
 * the SDK's AWS_ENDPOINT_URL_<SERVICE> variables), invoked with a Lambda context. What they write
 * to stdout and stderr is what CloudWatch Logs would keep: Powertools' JSON log lines and the EMF
 * documents CloudWatch turns into metrics.
 */

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Line = Record<string, unknown>;

const isEmf = (line: Line) => '_aws' in line;
const logLines = (lines: Line[]) => lines.filter((line) => !isEmf(line));
/** Each metric's total over an invocation's EMF documents (a value is a number or a list of them). */
function metricTotals(lines: Line[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const document of lines.filter(isEmf)) {
    const directive = (
      document._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] }
    ).CloudWatchMetrics[0];
    if (directive?.Namespace !== 'StrategyReport') continue;
    expect(document.service).toBe('strategy-report');
    for (const { Name } of directive.Metrics) {
      const value = document[Name] as number | number[];
      totals[Name] = (totals[Name] ?? 0) + (Array.isArray(value) ? value.reduce((a, b) => a + b, 0) : value);
    }
  }
  return totals;
}

/** SES v2 as far as SendEmail goes: answers each message with an id, or refuses the ones `refuse` picks. */
function startFakeSes(
  refuse: (request: number) => boolean,
): Promise<{ server: Server; url: string; sent: number }> {
  const state = { server: undefined as unknown as Server, url: '', sent: 0 };
  let requests = 0;
  state.server = createServer((request: IncomingMessage, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      if (request.method !== 'POST' || request.url !== '/v2/email/outbound-emails') {
        response.writeHead(404).end();
      } else if (refuse(requests)) {
        response
          .writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' })
          .end(JSON.stringify({ message: 'Email address is not verified.' }));
      } else {
        state.sent += 1;
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ MessageId: `ses-message-${requests}` }));
      }
    });
  });
  return new Promise((resolve) =>
    state.server.listen(0, '127.0.0.1', () => {
      state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
      resolve(state);
    }),
  );
}

/**
 * A period whose reminder day is today (UTC), and the settings that make it so: the period before
 * this month with its deadline today, or — late in the month, past the last deadline day — this
 * month with its deadline on the 1st of the next, reminded today.
 */
function remindedToday(now: Date) {
  const thisMonth = now.toISOString().slice(0, 7) as Period;
  const day = now.getUTCDate();
  if (day <= 28)
    return { period: addMonths(thisMonth, -1), submissionDeadlineDay: day, reminderDaysBefore: 3 };
  const firstOfNext = Date.parse(`${addMonths(thisMonth, 1)}-01T00:00:00Z`);
  const daysBefore = Math.round(
    (firstOfNext - Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
  return { period: thisMonth, submissionDeadlineDay: 1, reminderDaysBefore: daysBefore };
}

const catalog = defaultCatalog();
const OFFICES = catalog.offices.map((office) => office.code);

let runtime: LocalRuntime;
let ses: Awaited<ReturnType<typeof startFakeSes>>;
const handlers = {} as Record<
  'ingest' | 'rollup' | 'render' | 'notify' | 'remind' | 'intake' | 'resend',
  Handler
>;
const schedule = remindedToday(new Date());
const period = schedule.period;

beforeAll(async () => {
  runtime = await openLocalRuntime();
  const credentials = await runtime.clients.s3.config.credentials();
  // The second message sent is refused: the receipt for the second upload of the batch.
  ses = await startFakeSes((request) => request === 2);
  const environment = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: runtime.endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: ses.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME: runtime.names.tableName,
    UPLOADS_BUCKET: runtime.names.buckets.uploads,
    REPORTS_BUCKET: runtime.names.buckets.reports,
    PRODUCT_CONFIG: JSON.stringify({
      timeZone: 'UTC',
      submissionDeadlineDay: schedule.submissionDeadlineDay,
      reminderDaysBefore: schedule.reminderDaysBefore,
      mail: {
        sender: 'brief@agency.example',
        leadership: ['chief@agency.example'],
        officeContacts: Object.fromEntries(
          OFFICES.map((office) => [office, `${office.toLowerCase()}@agency.example`]),
        ),
      },
    }),
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  // Imported once the environment is set: each builds its dependencies when its module loads.
  handlers.ingest = (await import('../../functions/ingest/index')).handler as Handler;
  handlers.rollup = (await import('../../functions/rollup/index')).handler as Handler;
  handlers.render = (await import('../../functions/render/index')).handler as Handler;
  handlers.notify = (await import('../../functions/notify/index')).handler as Handler;
  handlers.remind = (await import('../../functions/remind/index')).handler as Handler;
  handlers.intake = (await import('../../functions/intake/index')).handler as Handler;
  handlers.resend = (await import('../../functions/resend/index')).handler as Handler;
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => ses?.server.close(resolve));
  await runtime?.close();
});

/** Invokes one function as Lambda would and returns what it wrote. */
async function invoke(name: keyof typeof handlers, event: unknown, requestId: string) {
  const run = await capturingOutput(() =>
    handlers[name](event, lambdaContext(`strategy-report-${name}`, requestId)),
  );
  if (run.error) throw run.error;
  const lines = logLines(run.lines);
  expect(lines.length, `${name} logged nothing`).toBeGreaterThan(0);
  // Every line carries the invocation's context, whatever logged it.
  for (const line of lines)
    expect(line, JSON.stringify(line)).toMatchObject({
      function_request_id: requestId,
      function_name: `strategy-report-${name}`,
      service: 'strategy-report',
      level: expect.any(String),
      timestamp: expect.any(String),
    });
  return { result: run.result, lines, metrics: metricTotals(run.lines) };
}

describe('every function’s logs and metrics, as Lambda runs it', () => {
  let ingestEvent: SQSEvent;
  let ingested: Awaited<ReturnType<typeof invoke>>;

  beforeAll(async () => {
    const uploads = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.uploads);
    const upload = async (office: string, fileName: string, bytes: Buffer) =>
      putUpload(
        { key: uploadKey(office, period, fileName), bytes, uploader: 'a.submitter@agency.example' },
        uploads,
      );
    const events = [
      await upload('OFO', 'ofo.xlsx', await filledTemplate('OFO', period)),
      await upload('USBP', 'usbp.xlsx', await filledTemplate('USBP', period)),
      await upload('AMO', 'notes.xlsx', Buffer.from('not a workbook')),
      // Not an S3 event at all: a wiring fault, failed for SQS to deliver again (then dead-lettered).
      'not an S3 event',
    ];
    ingestEvent = {
      Records: events.map((event, index) =>
        sqsRecordCarrying(event, {
          messageId: `message-${index + 1}`,
          queueArn: 'arn:aws:sqs:us-east-1:123456789012:ingest',
          region: 'us-east-1',
          sentAt: new Date(),
        }),
      ),
    };
    ingested = await invoke('ingest', ingestEvent, 'request-ingest');
  }, 120_000);

  it('ingest: each upload’s lines carry its message id, submission id, office and period, and only its own', () => {
    expect((ingested.result as SQSBatchResponse).batchItemFailures).toEqual([
      { itemIdentifier: 'message-4' },
    ]);
    const officeOf: Record<string, string> = { 'message-1': 'OFO', 'message-2': 'USBP', 'message-3': 'AMO' };
    const about = (messageId: string) => ingested.lines.filter((line) => line.sqsMessageId === messageId);
    for (const [messageId, office] of Object.entries(officeOf)) {
      const lines = about(messageId);
      expect(lines.length, messageId).toBeGreaterThan(0);
      for (const line of lines)
        expect(line, JSON.stringify(line)).toMatchObject({
          office,
          period,
          submissionId: expect.stringMatching(/^[0-9a-f]{24}$/),
        });
    }
    // Nothing was logged outside a message, so no line lost its keys.
    expect(ingested.lines.filter((line) => line.sqsMessageId === undefined)).toEqual([]);
    expect(about('message-1').map((line) => line.message)).toEqual([
      'e-mail sent',
      'answer sent',
      'submission accepted',
    ]);
    expect(about('message-1')[0]).toMatchObject({ messageId: 'ses-message-1', recipients: 1 });
    // The refused receipt: logged under its upload's keys; the answer waits for the resend function.
    expect(about('message-2').map((line) => [line.level, line.message])).toEqual([
      ['ERROR', 'e-mail not sent'],
      ['WARN', 'answer not delivered'],
      ['INFO', 'submission accepted'],
    ]);
    expect(about('message-2')[0]).toMatchObject({
      error: expect.objectContaining({ name: 'MessageRejected', message: 'Email address is not verified.' }),
    });
    expect(about('message-3').map((line) => line.message)).toEqual([
      'e-mail sent',
      'answer sent',
      'submission rejected',
    ]);
    // The message that is no upload: its failure, under its message id (no upload keys to give).
    expect(about('message-4')).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'processing failed: SQS will deliver the message again',
        error: expect.objectContaining({
          message: expect.stringMatching(/^the SQS message body is not an S3 event/),
        }),
      }),
    ]);
    expect(about('message-4')[0]).not.toHaveProperty('office');
  });

  it('ingest: publishes the submissions, rows and e-mails as EMF metrics in the StrategyReport namespace', () => {
    expect(ingested.metrics).toEqual({
      SubmissionsAccepted: 2,
      RowsIngested: catalog.activitiesOf('OFO').length + catalog.activitiesOf('USBP').length,
      SubmissionsRejected: 1,
      EmailsSent: 2,
      EmailsFailed: 1,
    });
  });

  it('intake: every line about a received message carries its SES message id', async () => {
    const uploads = new S3ObjectStore(runtime.clients.s3, runtime.names.buckets.uploads);
    const sesMessageId = 'o3vbd1k2m9t0ex2hh4cp5alg6v0aexample001';
    const raw = Buffer.from(
      [
        'From: Someone Else <someone@elsewhere.example>',
        'To: submissions@example.gov',
        'Subject: our progress',
        'Message-ID: <m-1@elsewhere.example>',
        `Date: ${new Date().toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'No workbook, and not an office submitter.',
        '',
      ].join('\r\n'),
    );
    await uploads.put(inboundKey(sesMessageId), raw, { contentType: 'message/rfc822' });
    const notification = await sesReceivedNotification(raw, {
      sesMessageId,
      receivedAt: new Date(),
      recipients: ['submissions@example.gov'],
      verdicts: ALL_PASS,
      bucket: uploads.bucket,
    });
    const event = {
      Records: [
        sqsRecordCarrying(notification, {
          messageId: 'intake-message-1',
          queueArn: 'arn:aws:sqs:us-east-1:123456789012:intake',
          region: 'us-east-1',
          sentAt: new Date(),
        }),
      ],
    };

    const intake = await invoke('intake', event, 'request-intake');

    expect((intake.result as SQSBatchResponse).batchItemFailures).toEqual([]);
    for (const line of intake.lines)
      expect(line, JSON.stringify(line)).toMatchObject({
        sqsMessageId: 'intake-message-1',
        inboundMessageId: sesMessageId,
      });
    expect(intake.lines.map((line) => line.message)).toContain('message refused');
  });

  it('rollup, render, notify and remind: every line under the period, mail lines with their message id', async () => {
    const rollup = await invoke('rollup', { period }, 'request-rollup');
    expect(rollup.lines.map((line) => [line.message, line.period])).toEqual([['snapshot stored', period]]);
    expect(rollup.lines[0]).toMatchObject({ version: 1, offices: 2 });
    expect(rollup.metrics).toEqual({});

    const render = await invoke('render', { period }, 'request-render');
    expect(render.lines.map((line) => [line.message, line.period])).toEqual([['report rendered', period]]);
    expect(render.metrics).toEqual({ ReportsRendered: 1 });

    const notify = await invoke('notify', { period }, 'request-notify');
    expect(notify.lines.map((line) => [line.message, line.period])).toEqual([
      ['e-mail sent', period],
      ['leadership brief sent', period],
    ]);
    expect(notify.lines[0]?.messageId).toBe(notify.lines[1]?.messageId);
    expect(notify.metrics).toEqual({ EmailsSent: 1 });

    // OFO and USBP submitted; the other four are reminded, each line about one naming its office.
    const remind = await invoke('remind', { period }, 'request-remind');
    for (const line of remind.lines) expect(line.period).toBe(period);
    const reminders = remind.lines.filter((line) => line.message === 'e-mail sent');
    expect(reminders.map((line) => line.office)).toEqual(['AMO', 'OT', 'OS', 'ES']);
    for (const line of reminders) expect(line.messageId).toMatch(/^ses-message-\d+$/);
    const summary = remind.lines.at(-1);
    expect(summary).toMatchObject({ message: 'offices mailed their workbook', mailed: 4 });
    expect(summary).not.toHaveProperty('office');
    expect(remind.metrics).toEqual({ EmailsSent: 4 });
  }, 120_000);

  it('resend: the refused receipt, sent again once its next try has come, its lines under its answer id', async () => {
    // Its next try is five minutes after the failure: the function's clock moves on six.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    try {
      const resend = await invoke('resend', {}, 'request-resend');
      const [sent, delivered, summary] = resend.lines;
      expect(sent).toMatchObject({ message: 'e-mail sent', answerId: expect.stringMatching(/^submission#/) });
      expect(delivered).toMatchObject({
        message: 'answer sent',
        answerId: sent?.answerId,
        messageId: sent?.messageId,
      });
      expect(summary).toMatchObject({ message: 'answers resent', tried: 1, sent: 1 });
      expect(summary).not.toHaveProperty('answerId');
      expect(resend.metrics).toEqual({ EmailsSent: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});
