import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_MAX_ATTEMPTS } from '../../shared/domain/mail/answer-retry';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { createResendHandler } from '../../shared/entries/resend-entry';
import { uploadAndDeliver } from '../../shared/local/deliver-upload';
import { silentLog } from '../../shared/ports/log';
import type { MailMessage, MailSender } from '../../shared/ports/mail-sender';
import { uploadKey } from '../../shared/storage/object-keys';
import type { IngestOutcome } from '../../shared/use-cases/ingest-submission';
import { mailStatus } from '../../shared/use-cases/mail-status';
import { INTAKE, type MailHarness, openMailHarness, recipients } from '../support/mail-harness';
import { writeReply } from '../support/reply-mail';
import { filledTemplate } from '../support/templates';
import { defaultAnswers } from '../support/workbooks';

/** SES as it behaves in the sandbox for an address that is not verified: every send refused. */
class SwitchableMail implements MailSender {
  failing = false;
  sends = 0;
  constructor(private readonly inner: MailSender) {}
  async send(message: MailMessage) {
    this.sends += 1;
    if (this.failing)
      throw Object.assign(
        new Error('Email address is not verified. The following identities failed the check'),
        {
          name: 'MessageRejected',
        },
      );
    return this.inner.send(message);
  }
}

describe('answers are recorded before they are sent, never lost and never repeated', () => {
  let harness: MailHarness;
  let mail: SwitchableMail;
  const outcomes: IngestOutcome[] = [];
  let ingest: ReturnType<typeof createIngestHandler>;
  const resend = (event: unknown = {}) =>
    createResendHandler(harness.dependencies, { log: silentLog })(event);
  const minutes = (count: number) => {
    harness.now = new Date(harness.now.getTime() + count * 60_000);
  };

  beforeAll(async () => {
    harness = await openMailHarness({
      wrap: (dependencies) => {
        mail = new SwitchableMail(dependencies.mail);
        return { ...dependencies, mail };
      },
    });
    ingest = createIngestHandler(harness.dependencies, {
      log: silentLog,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a mail failure after the revision is committed: the message succeeds, the answer waits, and is sent later on its own', async () => {
    mail.failing = true;
    const bytes = await filledTemplate('USBP', '2026-10');
    const delivered = await uploadAndDeliver(
      { key: uploadKey('USBP', '2026-10' as never, 'USBP.xlsx'), bytes, uploader: 'lee@usbp.agency.example' },
      harness.dependencies.uploads,
      ingest,
      harness.now,
    );
    // No batch item failure: SQS does not deliver the upload again, the ingest does not run again.
    expect(delivered.response.batchItemFailures).toEqual([]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['accepted']);
    const submissionId = outcomes[0]?.submissionId ?? '';
    const answer = await harness.dependencies.answers.get(`submission#${submissionId}`);
    expect(answer).toMatchObject({
      state: 'failed',
      attempts: 1,
      message: { to: ['lee@usbp.agency.example'] },
    });
    expect(answer?.lastError).toContain('MessageRejected');
    expect(await harness.outbox()).toEqual([]);

    // status shows it.
    const status = await mailStatus('2026-10' as never, harness.dependencies);
    expect(status.undelivered).toMatchObject([
      { id: `submission#${submissionId}`, state: 'failed', attempts: 1 },
    ]);

    // Not due yet: nothing is tried.
    mail.failing = false;
    expect((await resend()).tried).toEqual([]);
    minutes(6);
    const resent = await resend();
    expect(resent.tried).toEqual([{ id: `submission#${submissionId}`, result: 'sent' }]);
    expect(resent.undelivered).toEqual([]);
    const [receipt] = await harness.outbox();
    expect(receipt?.subject).toBe('Accepted: USBP progress for 2026-10 (revision 1)');
    expect(recipients(receipt)).toEqual(['lee@usbp.agency.example']);
    expect(outcomes).toHaveLength(1);
    expect((await mailStatus('2026-10' as never, harness.dependencies)).undelivered).toEqual([]);

    // A redelivered notification repeats the ingest's writes, not the answer.
    const sends = mail.sends;
    await ingest(delivered.event);
    expect(outcomes.at(-1)).toMatchObject({ kind: 'accepted', submissionId });
    expect(mail.sends).toBe(sends);
    expect(await harness.outbox()).toHaveLength(1);
    expect((await resend()).tried).toEqual([]);
  });

  it('a mailed workbook whose answer fails is answered in its thread once the send works, once', async () => {
    mail.failing = true;
    const before = (await harness.outbox()).length;
    const bytes = await filledTemplate('OFO', '2026-10', (id, index) => ({
      ...defaultAnswers(id, index),
      actual: 42,
    }));
    const delivered = await harness.pipeline.receive(
      writeReply({
        from: 'ann@ofo.agency.example',
        to: INTAKE,
        subject: 'RE: OFO workbook',
        messageId: '<late-answer@ofo.agency.example>',
        attachments: [{ filename: 'OFO.xlsx', content: bytes }],
      }),
    );
    expect(delivered.response.batchItemFailures).toEqual([]);
    expect(delivered.ingest.map((outcome) => outcome.kind)).toEqual(['accepted']);
    expect(await harness.dependencies.answers.get(`inbound#${delivered.sesMessageId}`)).toMatchObject({
      state: 'failed',
    });
    // The intake delivered again (SQS at least once): still nothing sent, nothing ingested twice.
    const again = await harness.pipeline.deliver(delivered.event);
    expect(again.ingest).toEqual([]);
    mail.failing = false;
    minutes(6);
    await resend();
    const answers = (await harness.outbox()).slice(before);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.inReplyTo).toBe('<late-answer@ofo.agency.example>');
    expect(answers[0]?.subject).toBe('RE: OFO workbook');
    await harness.pipeline.deliver(delivered.event);
    expect((await harness.outbox()).slice(before)).toHaveLength(1);
  });

  it(`after ${ANSWER_MAX_ATTEMPTS} failed tries an answer is undeliverable, shown by status, and sent once an operator asks again`, async () => {
    mail.failing = true;
    const bytes = await filledTemplate('OS', '2026-10');
    await uploadAndDeliver(
      { key: uploadKey('OS', '2026-10' as never, 'OS.xlsx'), bytes, uploader: 'os.person@agency.example' },
      harness.dependencies.uploads,
      ingest,
      harness.now,
    );
    const id = `submission#${outcomes.at(-1)?.submissionId}`;
    for (let attempt = 2; attempt <= ANSWER_MAX_ATTEMPTS; attempt++) {
      minutes(6 * 60 + 1);
      await resend();
    }
    expect(await harness.dependencies.answers.get(id)).toMatchObject({
      state: 'undeliverable',
      attempts: ANSWER_MAX_ATTEMPTS,
    });
    minutes(24 * 60);
    expect((await resend()).tried).toEqual([]);
    const status = await mailStatus('2026-10' as never, harness.dependencies);
    expect(status.undelivered.map((answer) => [answer.id, answer.state])).toEqual([[id, 'undeliverable']]);
    mail.failing = false;
    expect((await resend({ undeliverable: true })).tried).toEqual([{ id, result: 'sent' }]);
    expect((await harness.outbox()).at(-1)?.subject).toBe('Accepted: OS progress for 2026-10 (revision 1)');
  });

  it('an answer recorded by a sender that died before sending is sent by the next resend', async () => {
    await harness.dependencies.answers.record(
      {
        id: 'submission#crashed',
        about: 'ES 2026-10 receipt',
        message: {
          from: 'strategy@agency.example',
          to: ['es@agency.example'],
          subject: 'Accepted: ES',
          text: 'ok',
          attachments: [],
        },
      },
      harness.now,
    );
    expect((await resend()).tried).toEqual([]);
    minutes(2);
    expect((await resend()).tried).toEqual([{ id: 'submission#crashed', result: 'sent' }]);
    expect((await resend()).tried).toEqual([]);
  });
});
