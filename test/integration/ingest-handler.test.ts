import { readFileSync } from 'node:fs';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectCreatedEvent, sqsRecordCarrying } from '../../shared/adapters/events/s3-notifications';
import { parsePeriod } from '../../shared/domain/period';
import { uploadOrderKey } from '../../shared/domain/submission/upload-order';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { silentLog } from '../../shared/ports/log';
import type { ObjectStore } from '../../shared/ports/object-store';
import { generateTemplate } from '../../shared/use-cases/generate-template';
import type { IngestOutcome } from '../../shared/use-cases/ingest-submission';
import { type IngestHarness, openIngestHarness } from '../support/ingest-harness';
import { filledTemplate, templateFor } from '../support/templates';
import {
  defaultAnswers,
  defaultAttestation,
  editWorkbook,
  fillTemplate,
  setProgressCell,
} from '../support/workbooks';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/workbooks/${name}`, import.meta.url));
const period = parsePeriod('2026-10');

describe('the ingest handler on the embedded servers', () => {
  let harness: IngestHarness;
  let ofo: Buffer;
  beforeAll(async () => {
    harness = await openIngestHarness({
      config: {
        mail: {
          officeContacts: { OS: 'os.desk@agency.example' },
          // The Point of Contact the filled templates carry is a listed submitter of OFO.
          officeSubmitters: { OFO: ['owner@agency.example'] },
        },
      },
    });
    ofo = await filledTemplate('OFO', '2026-10');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('accepts a filled template: revision 1, a submission record, and a receipt to the Point of Contact', async () => {
    const { outcome, failures } = await harness.submit('OFO', '2026-10', 'OFO-2026-10.xlsx', ofo, {
      uploader: 'uploader@agency.example',
    });
    expect(failures).toEqual([]);
    expect(outcome).toMatchObject({
      kind: 'accepted',
      office: 'OFO',
      period: '2026-10',
      revision: 1,
      rows: 22,
    });
    const current = await harness.dependencies.progress.currentRevision('OFO', period);
    expect(current).toMatchObject({
      revision: 1,
      uploader: 'uploader@agency.example',
      source: { key: 'uploads/OFO/2026-10/OFO-2026-10.xlsx', size: ofo.length },
      catalogVersion: '1.0.0',
      templateVersion: '2',
      rowCount: 22,
      attestation: defaultAttestation('2026-10'),
      comparedWith: null,
      unchangedRows: 0,
    });
    expect((await harness.dependencies.progress.rows('OFO', period, 1))[0]).toMatchObject({
      activityId: '1.1.4',
      status: 'On Track',
      percentComplete: 10,
      milestoneDue: '2026-12-15',
      pointOfContact: 'owner@agency.example',
    });
    const [attempt] = await harness.dependencies.history.attempts('OFO', period);
    expect(attempt).toMatchObject({
      outcome: 'accepted',
      revision: 1,
      size: ofo.length,
      uploader: 'uploader@agency.example',
    });
    const receipt = (await harness.mail()).at(-1);
    expect(receipt?.subject).toBe('Accepted: OFO progress for 2026-10 (revision 1)');
    expect(receipt?.to).toMatchObject({ text: 'owner@agency.example' });
    expect(receipt?.text).toContain(`SHA-256:     ${outcome.kind === 'accepted' ? outcome.sha256 : ''}`);
    expect(receipt?.text).toContain('Rows:        22');
  });

  it('answers a Point of Contact only when it is a listed submitter of the office: otherwise the uploader', async () => {
    const amo = await filledTemplate('AMO', '2026-08');
    const before = (await harness.mail()).length;
    await harness.submit('AMO', '2026-08', 'AMO-2026-08.xlsx', amo, {
      uploader: 'amo.uploader@agency.example',
    });
    const mails = await harness.mail();
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.to).toMatchObject({ text: 'amo.uploader@agency.example' });
    // Nobody to answer: no listed contact, no uploader address, no configured contact.
    const es = await filledTemplate('ES', '2026-08');
    const { outcome } = await harness.submit('ES', '2026-08', 'ES-2026-08.xlsx', es);
    expect(outcome.kind).toBe('accepted');
    expect(await harness.mail()).toHaveLength(before + 1);
  });

  it('changes nothing for the same event delivered twice, or the same bytes uploaded again', async () => {
    const first = await harness.submit('OFO', '2026-10', 'again.xlsx', ofo);
    expect(first.outcome).toMatchObject({ kind: 'duplicate', revision: 1 });
    const redelivered = await harness.deliver(first.event);
    expect(redelivered.outcomes).toMatchObject([
      { kind: 'duplicate', revision: 1, submissionId: first.outcome.submissionId },
    ]);
    expect(await harness.dependencies.progress.revisions('OFO', period)).toHaveLength(1);
    const attempts = await harness.dependencies.history.attempts('OFO', period);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['accepted', 'duplicate']);
    expect((await harness.mail()).at(-1)?.subject).toBe(
      'Already received: OFO progress for 2026-10 (revision 1, unchanged)',
    );
  });

  it('makes an edited file revision 2 and keeps revision 1 readable', async () => {
    const edited = await editWorkbook(ofo, (workbook) => setProgressCell(workbook, 2, 'percentComplete', 55));
    const { outcome } = await harness.submit('OFO', '2026-10', 'OFO-2026-10.xlsx', edited);
    expect(outcome).toMatchObject({ kind: 'accepted', revision: 2 });
    expect((await harness.dependencies.progress.currentRevision('OFO', period))?.revision).toBe(2);
    expect((await harness.dependencies.progress.rows('OFO', period, 1))[0]?.percentComplete).toBe(10);
    expect((await harness.dependencies.progress.rows('OFO', period, 2))[0]?.percentComplete).toBe(55);
  });

  it('answers a bad workbook with every problem, a marked-up copy and an e-mail, and stores no progress', async () => {
    const before = await harness.progressState('OFO', '2026-10');
    const bad = await editWorkbook(ofo, (workbook) => {
      setProgressCell(workbook, 3, 'status', 'Done');
      setProgressCell(workbook, 4, 'percentComplete', '150%');
      setProgressCell(workbook, 5, 'status', 'Off Track');
      setProgressCell(workbook, 5, 'mitigation', 'a second vendor from March');
    });
    const { outcome, failures } = await harness.submit('OFO', '2026-10', 'bad.xlsx', bad);
    expect(failures).toEqual([]);
    if (outcome.kind !== 'rejected') throw new Error(outcome.kind);
    expect(outcome.problems.map((problem) => [problem.rule, problem.row, problem.column])).toEqual([
      ['status.allowed-values', 3, 'Status'],
      ['percent.range', 4, 'Percent Complete'],
      ['risks.required', 5, 'Risks and Issues'],
    ]);
    expect(outcome.annotatedKey).toMatch(/^annotated\/OFO\/2026-10\/bad\.[0-9a-f]{24}\.errors\.xlsx$/);
    expect(await harness.progressState('OFO', '2026-10')).toEqual(before);
    expect(await harness.dependencies.uploads.head('uploads/OFO/2026-10/bad.xlsx')).toBeDefined();
    const annotated = await harness.dependencies.uploads.get(outcome.annotatedKey ?? '');
    expect(annotated.length).toBeGreaterThan(1000);
    const attempt = (await harness.dependencies.history.attempts('OFO', period)).at(-1);
    expect(attempt).toMatchObject({
      outcome: 'rejected',
      problemCount: 3,
      annotatedKey: outcome.annotatedKey,
    });
    expect(attempt?.problems?.map((problem) => problem.rule)).toEqual([
      'status.allowed-values',
      'percent.range',
      'risks.required',
    ]);
    const mail = (await harness.mail()).at(-1);
    expect(mail?.subject).toBe('Rejected: OFO progress for 2026-10 (3 problems)');
    expect(mail?.text).toContain(
      '- sheet Progress, row 3, column Status: "Done" is not a status: choose one of Not Started, On Track, At Risk, Off Track, Complete [status.allowed-values]',
    );
    expect(mail?.attachments.map((attachment) => attachment.filename)).toEqual(['bad.errors.xlsx']);
    expect(mail?.attachments[0]?.content.equals(annotated)).toBe(true);

    // The submitter fixes the marked-up copy itself and sends it back.
    const fixed = await editWorkbook(annotated, (workbook) => {
      setProgressCell(workbook, 3, 'status', 'On Track');
      setProgressCell(workbook, 4, 'percentComplete', 50);
      setProgressCell(workbook, 5, 'risksAndIssues', 'vendor delay');
    });
    expect((await harness.submit('OFO', '2026-10', 'bad.xlsx', fixed)).outcome).toMatchObject({
      kind: 'accepted',
      revision: 3,
    });
  });

  it('answers a file that is not a workbook without a marked-up copy, at the uploader address', async () => {
    const { outcome } = await harness.submit(
      'USBP',
      '2026-10',
      'usbp.xlsx',
      Buffer.from('Activity ID,Status\n'),
      {
        uploader: 'usbp.clerk@agency.example',
      },
    );
    expect(outcome).toMatchObject({ kind: 'rejected', problems: [{ rule: 'file.not-xlsx' }] });
    expect('annotatedKey' in outcome).toBe(false);
    const mail = (await harness.mail()).at(-1);
    expect(mail?.to).toMatchObject({ text: 'usbp.clerk@agency.example' });
    expect(mail?.attachments).toEqual([]);
  });

  it('falls back to the office contact from the configuration when there is no other address', async () => {
    const bytes = await filledTemplate('OS', '2026-10', (id, index) => ({
      ...defaultAnswers(id, index),
      pointOfContact: null,
    }));
    expect((await harness.submit('OS', '2026-10', 'os.xlsx', bytes)).outcome).toMatchObject({
      kind: 'accepted',
    });
    expect((await harness.mail()).at(-1)?.to).toMatchObject({ text: 'os.desk@agency.example' });
  });

  it('accepts a workbook LibreOffice re-saved', async () => {
    const { outcome } = await harness.submit(
      'OFO',
      '2026-11',
      'resaved.xlsx',
      fixture('OFO-2026-10-libreoffice-resaved.xlsx'),
    );
    // The fixture is the 2026-10 template: under 2026-11 it is refused for the period only.
    expect(outcome).toMatchObject({ kind: 'rejected', problems: [{ rule: 'metadata.period-mismatch' }] });
    const resaved = await harness.submit(
      'AMO',
      '2026-10',
      'x.xlsx',
      fixture('OFO-2026-10-libreoffice-resaved.xlsx'),
    );
    if (resaved.outcome.kind !== 'rejected') throw new Error(resaved.outcome.kind);
    expect(resaved.outcome.problems[0]).toMatchObject({ rule: 'metadata.office-mismatch' });
    const accepted = await harness.submit('OT', '2026-12', 'x.xlsx', await filledTemplate('OT', '2026-12'));
    expect(accepted.outcome).toMatchObject({ kind: 'accepted' });
    const lo = await harness.submit(
      'OFO',
      '2026-10',
      'resaved.xlsx',
      fixture('OFO-2026-10-libreoffice-resaved.xlsx'),
    );
    expect(lo.outcome).toMatchObject({ kind: 'accepted', rows: 22 });
    const rows = await harness.dependencies.progress.rows(
      'OFO',
      period,
      lo.outcome.kind === 'accepted' ? lo.outcome.revision : 0,
    );
    expect(rows.find((row) => row.activityId === '1.2.3')).toMatchObject({
      status: 'On Track',
      percentComplete: 45,
    });
    expect(rows.find((row) => row.activityId === '2.3.1')).toMatchObject({
      status: 'At Risk',
      risksAndIssues: 'risk of 2.3.1',
      mitigation: 'mitigation for 2.3.1 & <plan>',
    });
    expect((await harness.dependencies.progress.currentRevision('OFO', period))?.attestation).toMatchObject({
      approvedBy: { name: 'Dana Director' },
      date: '2026-11-03',
    });
  });

  it("pre-fills next month's template with the office's current answers, and accepts it with only the date entered", async () => {
    const current = await harness.dependencies.progress.currentRevision('OFO', period);
    const template = await generateTemplate(
      { office: 'OFO', period: parsePeriod('2026-11') },
      harness.dependencies,
    );
    expect(template.content.prefilledFrom).toEqual({ period: '2026-10', revision: current?.revision });
    const dated = await fillTemplate(template.bytes, () => ({}), { date: new Date(Date.UTC(2026, 11, 2)) });
    const { outcome } = await harness.submit('OFO', '2026-11', 'OFO-2026-11.xlsx', dated);
    expect(outcome).toMatchObject({ kind: 'accepted', period: '2026-11', revision: 1 });
    const november = await harness.dependencies.progress.rows('OFO', parsePeriod('2026-11'), 1);
    const october = await harness.dependencies.progress.rows('OFO', period, current?.revision ?? 0);
    const answers = (rows: typeof october) => rows.map(({ unchanged: _flag, ...row }) => row);
    expect(answers(november)).toEqual(answers(october));
    expect(november.every((row) => row.unchanged === true)).toBe(true);
    expect(
      (await harness.dependencies.progress.currentRevision('OFO', parsePeriod('2026-11')))?.attestation,
    ).toEqual({ ...current?.attestation, date: '2026-12-02' });
  });

  it('returns only the failed message of a batch, and answers the others', async () => {
    const failing: ObjectStore = new Proxy(harness.dependencies.uploads, {
      get(target, property, receiver) {
        if (property === 'get')
          return (key: string, versionId?: string) =>
            key.endsWith('flaky.xlsx')
              ? Promise.reject(
                  Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' }),
                )
              : target.get(key, versionId);
        return Reflect.get(target, property, receiver);
      },
    });
    const outcomes: IngestOutcome[] = [];
    const handler = createIngestHandler(
      { ...harness.dependencies, uploads: failing },
      { log: silentLog, onOutcome: (outcome) => outcomes.push(outcome) },
    );
    const store = harness.dependencies.uploads;
    const good = await fillTemplate(await templateFor('ES', '2026-10'));
    const put = async (key: string, bytes: Buffer) => {
      await store.put(key, bytes);
      const head = await store.head(key);
      return sqsRecordCarrying(
        objectCreatedEvent({
          region: 'us-east-1',
          bucket: store.bucket,
          key,
          size: head?.size ?? 0,
          etag: head?.etag ?? '',
          sequencer: `00${key.length}`,
          eventTime: new Date(),
          principalId: 'AWS:TEST',
        }),
        {
          messageId: key,
          queueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
          region: 'us-east-1',
          sentAt: new Date(),
        },
      );
    };
    const records = [
      await put('uploads/ES/2026-10/good.xlsx', good),
      await put('uploads/ES/2026-10/flaky.xlsx', good),
      await put('uploads/ES/2026-10/bad.xlsx', Buffer.from('%PDF-1.4')),
      {
        ...(await put('uploads/ES/2026-10/other.xlsx', good)),
        messageId: 'not-s3',
        body: '{"hello":"world"}',
      },
    ];
    const response = await handler({ Records: records });
    // Records are processed in parallel: compare as sets.
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([
      'not-s3',
      'uploads/ES/2026-10/flaky.xlsx',
    ]);
    expect(outcomes.map((outcome) => `${outcome.kind} ${outcome.key}`).sort()).toEqual([
      'accepted uploads/ES/2026-10/good.xlsx',
      'rejected uploads/ES/2026-10/bad.xlsx',
    ]);
  });

  it('ignores the S3 test event and events other than object-created', async () => {
    const testEvent = JSON.parse(
      readFileSync(new URL('../fixtures/events/s3-test-event.json', import.meta.url), 'utf8'),
    );
    expect(await harness.deliver(testEvent)).toEqual({ outcomes: [], failures: [] });
    const removed = JSON.parse(
      readFileSync(new URL('../fixtures/events/s3-object-created.json', import.meta.url), 'utf8'),
    );
    removed.Records[0].eventName = 'ObjectRemoved:Delete';
    expect(await harness.deliver(removed)).toEqual({ outcomes: [], failures: [] });
  });

  it('ends concurrent uploads of one office and period with one current revision, the latest upload, and all kept', async () => {
    const files = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        filledTemplate('AMO', '2026-10', (id, index) => ({
          ...defaultAnswers(id, index),
          actual: n * 1000 + index,
        })),
      ),
    );
    const results = await Promise.all(
      files.map((bytes, n) => harness.submit('AMO', '2026-10', `amo-${n}.xlsx`, bytes)),
    );
    expect(results.map((result) => result.outcome.kind)).toEqual(Array(5).fill('accepted'));
    const revisions = await harness.dependencies.progress.revisions('AMO', period);
    expect(revisions.map((record) => record.revision)).toEqual([1, 2, 3, 4, 5]);
    // Whatever order they committed in, the current one is the upload S3 finished last.
    const events = results.map((result) => (result.event as S3Event).Records[0]);
    const latest = events
      .map((record) => ({
        key: decodeURIComponent(String(record?.s3.object.key)),
        order: uploadOrderKey(decodeURIComponent(String(record?.s3.object.key)), {
          eventTime: String(record?.eventTime),
          sequencer: String(record?.s3.object.sequencer),
        }),
      }))
      .sort((a, b) => (a.order < b.order ? -1 : 1))
      .at(-1);
    expect((await harness.dependencies.progress.currentRevision('AMO', period))?.source.key).toBe(
      latest?.key,
    );
  });

  it('keeps the later upload current when the earlier upload is committed last, and keeps both', async () => {
    const september = parsePeriod('2026-09');
    const version = (actual: number) =>
      filledTemplate('ES', '2026-09', (id, index) => ({ ...defaultAnswers(id, index), actual }));
    // The office uploads a draft, then five minutes later its correction ...
    const draft = await harness.upload(
      'ES',
      '2026-09',
      'es-draft.xlsx',
      await version(111),
      new Date('2026-10-03T09:00:00.000Z'),
    );
    const correction = await harness.upload(
      'ES',
      '2026-09',
      'es-correction.xlsx',
      await version(222),
      new Date('2026-10-03T09:05:00.000Z'),
    );
    // ... and the draft's notification arrives last (its first delivery failed and was retried).
    const first = await harness.deliver(correction);
    const retried = await harness.deliver(draft);

    expect(first.outcomes).toMatchObject([
      { kind: 'accepted', revision: 1, key: 'uploads/ES/2026-09/es-correction.xlsx' },
    ]);
    expect(retried.outcomes).toMatchObject([
      { kind: 'accepted', revision: 2, key: 'uploads/ES/2026-09/es-draft.xlsx' },
    ]);
    const current = await harness.dependencies.progress.currentRevision('ES', september);
    expect(current).toMatchObject({
      revision: 1,
      source: { key: 'uploads/ES/2026-09/es-correction.xlsx' },
      uploaded: { eventTime: '2026-10-03T09:05:00.000Z' },
    });
    expect((await harness.dependencies.progress.rows('ES', september, 1))[0]?.actual).toBe(222);
    expect(
      (await harness.dependencies.progress.currentRevisions(september)).find((each) => each.office === 'ES'),
    ).toMatchObject({ revision: 1 });
    // Both in history, numbered in commit order; both attempts recorded as accepted.
    expect(
      (await harness.dependencies.progress.revisions('ES', september)).map((each) => [
        each.revision,
        each.source.key,
      ]),
    ).toEqual([
      [1, 'uploads/ES/2026-09/es-correction.xlsx'],
      [2, 'uploads/ES/2026-09/es-draft.xlsx'],
    ]);
    expect(
      (await harness.dependencies.history.attempts('ES', september)).map((each) => each.outcome),
    ).toEqual(['accepted', 'accepted']);
  });

  it('commits the same bytes delivered concurrently once; a delivery that finds the commit in progress fails, for SQS to retry', async () => {
    const bytes = await filledTemplate('USBP', '2026-10');
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        harness.submit('USBP', '2026-10', `same-${n}.xlsx`, bytes).catch((error: Error) => error),
      ),
    );
    const kinds = results.map((result) => (result instanceof Error ? 'retry' : result.outcome.kind));
    expect(kinds.filter((kind) => kind === 'accepted')).toHaveLength(1);
    expect(kinds.every((kind) => ['accepted', 'duplicate', 'retry'].includes(kind))).toBe(true);
    expect(await harness.dependencies.progress.revisions('USBP', period)).toHaveLength(1);
  });
});
