import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, parsePeriod } from '../../shared/domain/period';
import type { StoredMail } from '../../shared/local/deliver-mail';
import { INTAKE, type MailHarness, openMailHarness } from '../support/mail-harness';
import { writeReply } from '../support/reply-mail';
import { templateFor } from '../support/templates';
import { defaultAnswers, fillTemplate } from '../support/workbooks';

type Kind = 'authorised' | 'forged' | 'spoofed' | 'automatic' | 'redelivered' | 'resent';
interface Step {
  readonly kind: Kind;
  /** For each workbook: a good one (accepted) or a bad one (rejected). */
  readonly workbooks: readonly boolean[];
  readonly pick: number;
}

const steps = fc.array(
  fc.record({
    kind: fc.constantFrom<Kind>(
      'authorised',
      'authorised',
      'forged',
      'spoofed',
      'automatic',
      'redelivered',
      'resent',
    ),
    workbooks: fc.array(fc.boolean(), { minLength: 0, maxLength: 3 }),
    pick: fc.nat(),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('any sequence of received messages', () => {
  let harness: MailHarness;
  let run = 0;
  beforeAll(async () => {
    harness = await openMailHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('ends with exactly the accepted workbooks as revisions, the last one current, and at most one answer per message and workbook', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence: Step[]) => {
        // Each run gets its own period, so runs do not see each other's data.
        const period = addMonths(parsePeriod('2031-01'), run);
        run += 1;
        // Milestones fall due within the period: shrinking runs the property a hundred times and
        // more, and a fixed due date would end up more than ten years away (rule date.range).
        const due = new Date(`${period}-15T00:00:00Z`);
        const template = await templateFor('OFO', period);
        const outboxBefore = (await harness.outbox()).length;
        const sent: StoredMail[] = [];
        // Each message as sent, with the verdicts SES gave it (a resent message gets the same ones).
        const raws: { raw: Buffer; options: Parameters<MailHarness['pipeline']['store']>[1] }[] = [];
        const accepted: number[] = [];
        let answersOwed = 0;
        let workbooksAnswered = 0;
        let marker = 0;

        for (const [index, step] of sequence.entries()) {
          // Each message arrives a minute after the one before: at one instant, two uploads would be
          // ordered by their keys (the latest upload is current), which hold a random message id.
          harness.now = new Date(harness.now.getTime() + 60_000);
          if ((step.kind === 'redelivered' || step.kind === 'resent') && sent.length === 0) continue;
          if (step.kind === 'redelivered') {
            // SQS delivers the same notification again.
            const again = await harness.pipeline.deliver((sent[step.pick % sent.length] as StoredMail).event);
            expect(again.ingest).toEqual([]);
            continue;
          }
          if (step.kind === 'resent') {
            // The sender's server sends the same message again: a new SES message, the same Message-ID.
            const original = raws[step.pick % raws.length] as (typeof raws)[number];
            const again = await harness.pipeline.receive(original.raw, original.options);
            expect(again.ingest).toEqual([]);
            continue;
          }
          const attachments = [];
          const markers: (number | undefined)[] = [];
          for (const good of step.workbooks) {
            marker += 1;
            const value = marker;
            markers.push(good ? value : undefined);
            attachments.push({
              filename: `OFO-${value}.xlsx`,
              content: await fillTemplate(template, (id, row) => ({
                ...defaultAnswers(id, row),
                actual: value,
                milestoneDue: due,
                ...(good ? {} : { status: 'Finished' }),
              })),
            });
          }
          const raw = writeReply({
            from: step.kind === 'forged' ? 'someone@elsewhere.example' : 'ann@ofo.agency.example',
            to: INTAKE,
            subject: `RE: OFO ${period} (${run}.${index})`,
            messageId: `<run-${run}-${index}@ofo.agency.example>`,
            attachments,
            ...(step.kind === 'automatic' ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
          });
          const options = step.kind === 'spoofed' ? { verdicts: { dmarc: 'FAIL' as const } } : {};
          const stored = await harness.pipeline.store(raw, options);
          const delivered = await harness.pipeline.deliver(stored.event);
          expect(delivered.response.batchItemFailures).toEqual([]);
          sent.push(stored);
          raws.push({ raw, options });
          if (step.kind !== 'authorised') {
            expect(delivered.ingest).toEqual([]);
            continue;
          }
          answersOwed += 1;
          workbooksAnswered += step.workbooks.length;
          // A workbook rejected unexpectedly says why (its rules and messages), should this ever fail.
          const why = delivered.ingest.flatMap((outcome) =>
            outcome.kind === 'rejected' ? outcome.problems : [],
          );
          expect(
            delivered.ingest.map((outcome) => outcome.kind),
            JSON.stringify(why),
          ).toEqual(step.workbooks.map((good) => (good ? 'accepted' : 'rejected')));
          for (const value of markers) if (value !== undefined) accepted.push(value);
        }

        // Exactly the accepted workbooks are revisions, in order; the last is current.
        const revisions = await harness.dependencies.progress.revisions('OFO', period);
        expect(revisions.map((record) => record.revision)).toEqual(accepted.map((_, index) => index + 1));
        for (const [index, value] of accepted.entries()) {
          const rows = await harness.dependencies.progress.rows('OFO', period, index + 1);
          expect(new Set(rows.map((row) => row.actual))).toEqual(new Set([value]));
        }
        expect((await harness.dependencies.progress.currentRevision('OFO', period))?.revision).toBe(
          accepted.length > 0 ? accepted.length : undefined,
        );
        // One answer per authorised message, none for the others; each workbook answered once.
        const answers = (await harness.outbox()).slice(outboxBefore);
        expect(answers).toHaveLength(answersOwed);
        const listed = answers
          .map((answer) => (answer.text ?? '').match(/^(\d+\. )?OFO-\d+\.xlsx: /gm)?.length ?? 0)
          .reduce((sum, count) => sum + count, 0);
        expect(listed).toBe(workbooksAnswered);
      }),
      { numRuns: 20 },
    );
  }, 240_000);
});
