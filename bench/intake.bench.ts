/**
 * From a reply arriving at the intake address to the answer in the outbox, against an upload
 * through `submit` to its receipt in the outbox: 50 of each, one after another, on the embedded
 * servers (in memory), through the same handlers as in AWS. Each workbook is a distinct filled
 * template (no duplicates), built before the clock starts.
 */
import { readdirSync } from 'node:fs';
import { fillProgressSheet } from '../shared/adapters/excel/progress-sheet-filler';
import { composeMimeMessage } from '../shared/adapters/mail/mime-message';
import { defaultCatalog } from '../shared/catalog/default-catalog';
import { parseProductConfig } from '../shared/config/product-config';
import { XLSX_CONTENT_TYPE } from '../shared/domain/mail/inbound-attachments';
import { parsePeriod } from '../shared/domain/period';
import { createIngestHandler } from '../shared/entries/ingest-entry';
import { localMailPipeline } from '../shared/local/deliver-mail';
import { uploadAndDeliver } from '../shared/local/deliver-upload';
import { localDependencies } from '../shared/local/local-dependencies';
import { openLocalRuntime } from '../shared/local/local-runtime';
import { silentLog } from '../shared/ports/log';
import { uploadKey } from '../shared/storage/object-keys';
import { generateTemplate } from '../shared/use-cases/generate-template';
import { figure, report } from './bench-result';

const MESSAGES = 50;
const period = parsePeriod('2026-10');
const sender = 'lead@ofo.agency.example';
const runtime = await openLocalRuntime();
const config = parseProductConfig({
  mail: {
    sender: 'strategy@agency.example',
    intakeAddress: 'submit@agency.example',
    officeSubmitters: { OFO: [sender] },
  },
});
const deps = localDependencies(runtime, { catalog: defaultCatalog(), config });
const template = (await generateTemplate({ office: 'OFO', period }, deps)).bytes;
const workbook = (marker: number) =>
  fillProgressSheet(template, () => ({
    status: 'On Track',
    percentComplete: 50,
    actual: marker,
    target: 1000,
  }));
const outboxSize = () => readdirSync(runtime.outboxDirectory).filter((name) => name.endsWith('.eml')).length;

// The replies, each with its own workbook, written before timing starts.
const replies: Buffer[] = [];
for (let index = 0; index < MESSAGES; index++) {
  const composed = await composeMimeMessage({
    from: sender,
    to: [config.mail.intakeAddress],
    subject: 'RE: OFO progress workbook for 2026-10',
    text: 'Attached.',
    attachments: [
      { filename: 'OFO-2026-10.xlsx', contentType: XLSX_CONTENT_TYPE, content: await workbook(index) },
    ],
  });
  replies.push(composed.raw);
}
const uploads: Buffer[] = [];
for (let index = 0; index < MESSAGES; index++) uploads.push(await workbook(10_000 + index));

const pipeline = localMailPipeline(deps, { log: silentLog });
const ingest = createIngestHandler(deps, { log: silentLog });

const timed = async (work: () => Promise<void>): Promise<number> => {
  const before = outboxSize();
  const started = performance.now();
  await work();
  const elapsed = performance.now() - started;
  if (outboxSize() !== before + 1) throw new Error('no answer reached the outbox');
  return elapsed;
};

const receiveTimes: number[] = [];
const submitTimes: number[] = [];
// Interleaved, so both see the same machine load and the same growing table.
for (let index = 0; index < MESSAGES; index++) {
  receiveTimes.push(
    await timed(async () => {
      const delivered = await pipeline.receive(replies[index] as Buffer);
      if (delivered.ingest[0]?.kind !== 'accepted') throw new Error(`reply ${index} was not accepted`);
    }),
  );
  submitTimes.push(
    await timed(async () => {
      const delivered = await uploadAndDeliver(
        {
          key: uploadKey('OFO', period, `upload-${index}.xlsx`),
          bytes: uploads[index] as Buffer,
          uploader: sender,
        },
        deps.uploads,
        ingest,
      );
      if (delivered.response.batchItemFailures.length > 0) throw new Error(`upload ${index} failed`);
    }),
  );
}
await runtime.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
};
const round = (ms: number) => Math.round(ms);
report({
  bench: 'intake',
  description: `E-mail reply → answer in the outbox, beside upload (submit) → receipt in the outbox; ${MESSAGES} of each, one OFO workbook (${defaultCatalog().activitiesOf('OFO').length} rows) each`,
  figures: [
    figure('receive → answer, median', round(quantile(receiveTimes, 0.5)), 'ms'),
    figure('receive → answer, p95', round(quantile(receiveTimes, 0.95)), 'ms', {
      comparison: '<',
      value: 60_000,
    }),
    figure('submit → receipt, median', round(quantile(submitTimes, 0.5)), 'ms'),
    figure('submit → receipt, p95', round(quantile(submitTimes, 0.95)), 'ms'),
    figure(
      'receive ÷ submit, median',
      Math.round((quantile(receiveTimes, 0.5) / quantile(submitTimes, 0.5)) * 100) / 100,
      '×',
    ),
  ],
  notes: [
    'the e-mail path reads the workbook twice (the intake reads its office and period from its metadata, then the ingest validates it) and writes the inbound record and outcome',
    'the 60 s target is the product promise: an answer in the thread within a minute',
  ],
});
