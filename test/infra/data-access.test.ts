import type { MiddlewareStack } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BucketAccess } from '../../infra/lib/data-access';
import { FUNCTION_ENTRIES, FUNCTION_NAMES, type FunctionName } from '../../infra/lib/function-entries';
import { fillProgressSheet, progressAnswersOf } from '../../shared/adapters/excel/progress-sheet-filler';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { parsePeriod } from '../../shared/domain/period';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { createIntakeHandler } from '../../shared/entries/intake-entry';
import { createNotifyHandler } from '../../shared/entries/notify-entry';
import { createRemindHandler } from '../../shared/entries/remind-entry';
import { createRenderHandler } from '../../shared/entries/render-entry';
import { createResendHandler } from '../../shared/entries/resend-entry';
import { createReviewHandler } from '../../shared/entries/review-entry';
import { createRollupHandler } from '../../shared/entries/rollup-entry';
import { localMailPipeline } from '../../shared/local/deliver-mail';
import { deliverStoredUpload, uploadAndDeliver } from '../../shared/local/deliver-upload';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { silentLog } from '../../shared/ports/log';
import { uploadKey } from '../../shared/storage/object-keys';
import { generateTemplate } from '../../shared/use-cases/generate-template';
import { writeReply } from '../support/reply-mail';
import { attestationCellsFor } from '../support/workbooks';

/*
 * Each function's data access is declared beside its entry (infra/lib/function-entries.ts) and
 * the stateless stack grants exactly that. Here the real handlers run on the embedded servers —
 * on their usual paths and on the failure paths that need more (a refused e-mail releases its
 * delivery claim, a second run finds the work done) — while every AWS SDK call is recorded for
 * the function being run. A call the declaration lacks would be AccessDenied in AWS; an action
 * declared but never called is a grant nobody needs.
 */

const catalog = defaultCatalog();
const PERIOD = parsePeriod('2026-08');
const NEXT = parsePeriod('2026-09');

/** S3 operations by the object permission they need (ListObjects needs ListBucket: never used). */
const S3_READS = new Set(['GetObject', 'HeadObject']);
const S3_WRITES = new Set([
  'PutObject',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
]);

interface S3Call {
  readonly operation: string;
  readonly bucket: string;
  readonly key: string;
}

let runtime: LocalRuntime;
let current: FunctionName | undefined;
const tableCalls = new Map<FunctionName, Set<string>>();
const s3Calls = new Map<FunctionName, S3Call[]>();

/** Records each call of a client for the function being run (setup calls are not recorded). */
function record(stack: MiddlewareStack<object, object>, onCall: (name: string, input: never) => void) {
  stack.add(
    (next, context) => async (args) => {
      if (current) onCall(String(context.commandName).replace(/Command$/, ''), args.input as never);
      return next(args);
    },
    { step: 'initialize', name: 'recordDataAccess' },
  );
}

async function as<T>(name: FunctionName, run: () => Promise<T>): Promise<T> {
  current = name;
  try {
    return await run();
  } finally {
    current = undefined;
  }
}

beforeAll(async () => {
  runtime = await openLocalRuntime();
  record(runtime.clients.dynamodb.middlewareStack as never, (operation) => {
    if (current) tableCalls.set(current, (tableCalls.get(current) ?? new Set()).add(operation));
  });
  record(
    runtime.clients.s3.middlewareStack as never,
    (operation, input: { Bucket?: string; Key?: string; Prefix?: string }) => {
      if (current)
        s3Calls.set(current, [
          ...(s3Calls.get(current) ?? []),
          { operation, bucket: String(input.Bucket), key: String(input.Key ?? input.Prefix ?? '') },
        ]);
    },
  );

  let now = new Date('2026-09-07T13:00:00Z'); // a reminder day of 2026-08 (deadline the 10th, 3 days before)
  const clock = { now: () => now };
  const offices = catalog.offices.map((office) => office.code);
  const config = parseProductConfig({
    mail: {
      sender: 'brief@agency.example',
      leadership: ['chief@agency.example'],
      officeContacts: Object.fromEntries(
        offices.map((office) => [office, `${office.toLowerCase()}@agency.example`]),
      ),
      intakeAddress: 'submit@agency.example',
      officeSubmitters: { [offices[0] as string]: ['lead@office.agency.example'] },
    },
  });
  const deps = localDependencies(runtime, { catalog, config, clock });
  const refusingMail: Dependencies = {
    ...deps,
    mail: {
      send: async () => {
        throw new Error('SES refused the message');
      },
    },
  };

  // remind: reminds everyone, again the same day (already done), then SES refuses a reminder.
  const remind = createRemindHandler(deps);
  await as('remind', () => remind({ period: PERIOD }));
  await as('remind', () => remind({ period: PERIOD }));
  now = new Date('2026-10-07T13:00:00Z');
  await as('remind', () => createRemindHandler(refusingMail)({ period: NEXT }).catch(() => undefined));

  // ingest: accepted workbooks, the same workbook again under another name, a file that is none.
  const ingest = createIngestHandler(deps, { log: silentLog });
  now = new Date('2026-09-08T13:00:00Z');
  const workbookOf = async (office: string, percentComplete = 40, period = PERIOD) => {
    const template = await generateTemplate({ office, period }, deps);
    return fillProgressSheet(
      template.bytes,
      () => progressAnswersOf({ status: 'On Track', percentComplete } as never),
      attestationCellsFor(period),
    );
  };
  // The office's PUT is the upload, not ingest's: only the handler's own calls are recorded.
  const ingestRun: typeof ingest = (event, context) => as('ingest', () => ingest(event, context));
  const upload = (office: string, name: string, bytes: Buffer, period = PERIOD) =>
    uploadAndDeliver(
      { key: uploadKey(office, period, name), bytes, uploader: 'a.submitter' },
      deps.uploads,
      ingestRun,
      now,
    );
  for (const office of offices.slice(0, 3)) await upload(office, 'progress.xlsx', await workbookOf(office));
  const first = offices[0] as string;
  const again = await workbookOf(first);
  await upload(first, 'progress-2.xlsx', again);
  await upload(first, 'progress-2-copy.xlsx', again); // a duplicate of the revision just committed
  await upload(first, 'over-100.xlsx', await workbookOf(first, 150)); // rejected, annotated copy
  await upload(first, 'notes.xlsx', Buffer.from('not a workbook')); // rejected, no workbook to annotate
  // The next month's workbook: its rows are compared with this month's (a Query of their rows).
  await upload(first, 'next.xlsx', await workbookOf(first, 45, NEXT), NEXT);

  // intake: a reply with a workbook (whose ingest answers it in the thread), the same message
  // delivered again, a reply without one (the office's workbook goes back), a forged sender.
  // SES's part (storing the raw message) is not the function's: it is not recorded.
  // As in AWS: nobody listens to the outcomes.
  const intake = createIntakeHandler(deps, { log: silentLog });
  const ses = localMailPipeline(deps, { log: silentLog });
  const receive = async (raw: Buffer) => {
    const stored = await ses.store(raw);
    await as('intake', () => intake(stored.event));
    const record = await deps.inbound.get(stored.sesMessageId);
    for (const slot of record?.workbooks ?? [])
      if (slot.key) await deliverStoredUpload(slot.key, deps.uploads, ingestRun, now);
    return stored;
  };
  const reply = (from: string, attachments: { filename: string; content: Buffer }[]) =>
    writeReply({ from, to: 'submit@agency.example', subject: 'RE: workbook', attachments });
  const mailed = await receive(
    reply('lead@office.agency.example', [{ filename: 'w.xlsx', content: await workbookOf(first, 60) }]),
  );
  await as('intake', () => intake(mailed.event));
  await receive(reply('lead@office.agency.example', []));
  await receive(reply('someone@elsewhere.example', [{ filename: 'w.xlsx', content: again }]));

  // resend: an answer whose send failed (SES refused it) is sent again once due.
  const refusingIngest = createIngestHandler(refusingMail, { log: silentLog });
  await uploadAndDeliver(
    {
      key: uploadKey(first, PERIOD, 'refused-answer.xlsx'),
      bytes: await workbookOf(first, 150),
      uploader: 'x@agency.example',
    },
    deps.uploads,
    (event, context) => as('ingest', () => refusingIngest(event, context)),
    now,
  );
  now = new Date(now.getTime() + 3_600_000);
  await as('resend', () => createResendHandler(deps, { log: silentLog })({}));

  // The month: rolled up, rendered, mailed (SES refuses the first try); then all of it again.
  now = new Date('2026-09-11T10:00:00Z');
  await as('rollup', () => createRollupHandler(deps)({ period: PERIOD }));
  await as('render', () => createRenderHandler(deps)({ period: PERIOD }));
  await as('notify', () => createNotifyHandler(refusingMail)({ period: PERIOD }).catch(() => undefined));
  await as('notify', () => createNotifyHandler(deps)({ period: PERIOD }));
  await as('rollup', () => createRollupHandler(deps)({ period: PERIOD }));
  await as('render', () => createRenderHandler(deps)({ period: PERIOD }));
  await as('notify', () => createNotifyHandler(deps)({ period: PERIOD }));

  // Month-end review: nothing after a month that does not end a quarter; after 2026-09 (the last
  // month of FY2026-Q4) the pack, mailed (SES refuses the first try); then all of it again.
  now = new Date('2026-10-11T10:00:00Z');
  await as('review', () => createReviewHandler(deps)({ period: PERIOD }));
  await as('rollup', () => createRollupHandler(deps)({ period: NEXT }));
  await as('review', () => createReviewHandler(deps)({ period: NEXT }));
  const quarter = { quarter: 'FY2026-Q4' };
  await as('notify', () => createNotifyHandler(refusingMail)(quarter).catch(() => undefined));
  await as('notify', () => createNotifyHandler(deps)(quarter));
  await as('review', () => createReviewHandler(deps)({ period: NEXT }));
  await as('notify', () => createNotifyHandler(deps)(quarter));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
});

describe('each function’s declared data access, against what its handler does', () => {
  it('calls exactly the table actions its entry declares (so no DeleteItem where nothing deletes)', () => {
    for (const name of FUNCTION_NAMES) {
      expect([...(tableCalls.get(name) ?? [])].sort(), name).toEqual(
        [...FUNCTION_ENTRIES[name].access.table].sort(),
      );
    }
  });

  it('reads and writes only objects under the prefixes its entry declares, and never lists a bucket', () => {
    const roleOf = (bucket: string) =>
      bucket === runtime.names.buckets.uploads
        ? 'uploads'
        : bucket === runtime.names.buckets.reports
          ? 'reports'
          : '';
    for (const name of FUNCTION_NAMES) {
      const calls = s3Calls.get(name) ?? [];
      const access = FUNCTION_ENTRIES[name].access;
      for (const call of calls) {
        const role = roleOf(call.bucket);
        const declared: BucketAccess | undefined = role === '' ? undefined : access[role];
        const prefixes = S3_READS.has(call.operation)
          ? declared?.read
          : S3_WRITES.has(call.operation)
            ? declared?.write
            : undefined;
        const allowed = (prefixes ?? []).some((prefix) => call.key.startsWith(prefix));
        expect(allowed, `${name}: ${call.operation} ${role || call.bucket}/${call.key}`).toBe(true);
      }
    }
    // The run reached every bucket grant it checks.
    expect(s3Calls.get('ingest')?.some((call) => call.key.startsWith('annotated/'))).toBe(true);
    expect(s3Calls.get('render')?.some((call) => S3_WRITES.has(call.operation))).toBe(true);
    expect(s3Calls.get('notify')?.some((call) => S3_READS.has(call.operation))).toBe(true);
    expect(s3Calls.get('review')?.some((call) => call.key.startsWith('reports/FY2026-Q4/'))).toBe(true);
    expect(s3Calls.get('review')?.some((call) => call.key.startsWith('snapshots/'))).toBe(true);
    expect(s3Calls.get('notify')?.some((call) => call.key === 'reports/FY2026-Q4/v0001/review.pdf')).toBe(
      true,
    );
  });
});
