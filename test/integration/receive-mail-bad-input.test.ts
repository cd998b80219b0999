import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptVerdicts } from '../../shared/domain/mail/receipt-verdicts';
import { mailStatus } from '../../shared/use-cases/mail-status';
import { receivedMailSummary } from '../../shared/use-cases/received-mail-summary';
import { INTAKE, type MailHarness, openMailHarness, recipients } from '../support/mail-harness';
import { type ReplyOptions, writeReply } from '../support/reply-mail';
import { filledTemplate } from '../support/templates';
import { defaultAnswers } from '../support/workbooks';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('bad e-mail is answered as stated, and changes no progress data', () => {
  let harness: MailHarness;
  let ofo: Buffer;
  let amo: Buffer;
  let ofoBad: Buffer;
  beforeAll(async () => {
    harness = await openMailHarness();
    ofo = await filledTemplate('OFO', '2026-10');
    amo = await filledTemplate('AMO', '2026-10');
    ofoBad = await filledTemplate('OFO', '2026-10', (id, index) => ({
      ...defaultAnswers(id, index),
      ...(index === 0 ? { status: 'Done' } : {}),
    }));
  });
  afterAll(async () => {
    await harness?.close();
  });

  const mail = (options: Partial<ReplyOptions> & { attachments?: ReplyOptions['attachments'] }) =>
    writeReply({
      from: 'ann@ofo.agency.example',
      to: INTAKE,
      subject: 'RE: OFO progress workbook for 2026-10',
      ...options,
    });

  async function receive(raw: Buffer, verdicts: Partial<ReceiptVerdicts> = {}) {
    const before = (await harness.outbox()).length;
    const delivered = await harness.pipeline.receive(raw, { verdicts });
    expect(delivered.response.batchItemFailures).toEqual([]);
    const summary = await receivedMailSummary(delivered.sesMessageId, harness.dependencies);
    if (!summary) throw new Error('no record of the message');
    return { summary, delivered, answers: (await harness.outbox()).slice(before) };
  }

  /** Nothing answered, nothing ingested, no progress changed; the refusal recorded and shown by status. */
  async function expectUnanswered(
    raw: Buffer,
    verdicts: Partial<ReceiptVerdicts>,
    expected: { status: string; reason: string },
  ) {
    const before = await harness.progress();
    const { summary, answers, delivered } = await receive(raw, verdicts);
    expect(summary.message).toMatchObject(expected);
    expect(answers).toEqual([]);
    expect(delivered.ingest).toEqual([]);
    expect(summary.answer).toBeUndefined();
    expect(await harness.progress()).toEqual(before);
    const status = await mailStatus('2026-10' as never, harness.dependencies);
    expect(status.notAnswered.find((message) => message.id === delivered.sesMessageId)).toMatchObject(
      expected,
    );
    return summary;
  }

  /** Answered in the thread to the sender, nothing ingested, no progress changed. */
  async function expectAnsweredOnly(raw: Buffer, reason: string): Promise<ParsedMail> {
    const before = await harness.progress();
    const { summary, answers, delivered } = await receive(raw);
    expect(summary.message).toMatchObject({ status: 'answered', reason });
    expect(delivered.ingest).toEqual([]);
    expect(answers).toHaveLength(1);
    expect(recipients(answers[0])).toEqual(['ann@ofo.agency.example']);
    expect(answers[0]?.inReplyTo).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
    expect(await harness.progress()).toEqual(before);
    return answers[0] as ParsedMail;
  }

  it('a sender not listed for any office: no ingest, no reply (no backscatter), the refusal recorded', async () => {
    await expectUnanswered(
      mail({
        from: 'mallory@elsewhere.example',
        attachments: [{ filename: 'OFO-2026-10.xlsx', content: ofo }],
      }),
      {},
      { status: 'refused', reason: 'sender-not-listed' },
    );
  });

  it.each([
    [{ spf: 'FAIL' }, 'spf-failed'],
    [{ dkim: 'FAIL' }, 'dkim-failed'],
    [{ dmarc: 'FAIL' }, 'dmarc-failed'],
    [{ dmarc: 'GRAY', spf: 'GRAY', dkim: 'GRAY' }, 'not-authenticated'],
  ] as const)(
    'SES verdicts %j from a listed sender: refused without a reply (%s)',
    async (verdicts, reason) => {
      const summary = await expectUnanswered(
        mail({ attachments: [{ filename: 'OFO-2026-10.xlsx', content: ofo }] }),
        verdicts,
        { status: 'refused', reason },
      );
      // The claimed sender's office can see it in history.
      expect(summary.message.offices).toEqual(['OFO']);
    },
  );

  it('trusts only the receipt: authentication headers the sender wrote change nothing', async () => {
    await expectUnanswered(
      mail({
        attachments: [{ filename: 'OFO-2026-10.xlsx', content: ofo }],
        headers: {
          'Authentication-Results': 'amazonses.com; spf=pass; dkim=pass; dmarc=pass',
          'X-SES-Spam-Verdict': 'PASS',
        },
      }),
      { dmarc: 'FAIL' },
      { status: 'refused', reason: 'dmarc-failed' },
    );
  });

  it.each([
    [{ virus: 'FAIL' }, 'virus'],
    [{ spam: 'FAIL' }, 'spam'],
  ] as const)('a %j verdict: refused unopened, no reply, recorded', async (verdicts, reason) => {
    await expectUnanswered(
      mail({ attachments: [{ filename: 'OFO-2026-10.xlsx', content: ofo }] }),
      verdicts,
      {
        status: 'refused',
        reason,
      },
    );
  });

  it.each([
    ['Auto-Submitted: auto-replied', { headers: { 'Auto-Submitted': 'auto-replied' } }],
    ['Precedence: bulk', { headers: { Precedence: 'bulk' } }],
    ['Precedence: list', { headers: { Precedence: 'list' } }],
    ['an empty Return-Path', { headers: { 'Return-Path': '<>' } }],
    ['a MAILER-DAEMON Return-Path', { headers: { 'Return-Path': '<MAILER-DAEMON@mx.agency.example>' } }],
    ['an out-of-office reply', { subject: 'Automatic reply: OFO progress workbook for 2026-10' }],
  ] as const)('automatic mail (%s) is ignored without a reply', async (_what, extra) => {
    await expectUnanswered(
      mail({ ...extra, attachments: [{ filename: 'OFO-2026-10.xlsx', content: ofo }] }),
      {},
      { status: 'ignored', reason: 'automatic' },
    );
  });

  it('a delivery-status report is ignored without a reply', async () => {
    const report = Buffer.from(
      [
        'From: Mail Delivery System <MAILER-DAEMON@ofo.agency.example>',
        `To: ${INTAKE}`,
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <dsn-1@ofo.agency.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="R"',
        '',
        '--R',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--R',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.ofo.agency.example',
        '',
        'Final-Recipient: rfc822; someone@ofo.agency.example',
        'Action: failed',
        'Status: 5.1.1',
        '--R--',
        '',
      ].join('\r\n'),
    );
    await expectUnanswered(report, {}, { status: 'ignored', reason: 'automatic' });
  });

  it('no .xlsx attachment: a reply saying so, with the office workbook attached again', async () => {
    const answer = await expectAnsweredOnly(
      mail({
        attachments: [
          { filename: 'notes.pdf', content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' },
        ],
      }),
      'no-workbook',
    );
    expect(answer.text).toContain('it has no workbook attached');
    expect(answer.attachments.map((attachment) => attachment.filename)).toEqual(['OFO-2026-10.xlsx']);
    expect(answer.attachments[0]?.contentType).toBe(XLSX);
    expect(answer.text).not.toMatch(/uploads\/|bucket|answers\//);
  });

  it('Outlook rich text (winmail.dat): a reply saying how to send a normal attachment', async () => {
    const answer = await expectAnsweredOnly(
      mail({
        attachments: [
          {
            filename: 'winmail.dat',
            content: Buffer.from('x\u009f>"\u0012'),
            contentType: 'application/ms-tnef',
          },
        ],
      }),
      'winmail',
    );
    expect(answer.text).toContain('winmail.dat');
    expect(answer.text).toContain('Format Text > HTML');
    expect(answer.attachments).toEqual([]);
  });

  it('several workbooks in one message: each handled on its own, one reply listing each outcome', async () => {
    const { summary, answers, delivered } = await receive(
      mail({
        attachments: [
          { filename: 'OFO-2026-10.xlsx', content: ofo },
          { filename: 'OFO-2026-10 (wrong).xlsx', content: ofoBad },
          { filename: 'logo.png', content: Buffer.from('png'), contentType: 'image/png', inline: true },
        ],
      }),
    );
    expect(delivered.ingest.map((outcome) => outcome.kind)).toEqual(['accepted', 'rejected']);
    expect(summary.workbooks.map((workbook) => [workbook.file, workbook.outcome?.kind])).toEqual([
      ['OFO-2026-10.xlsx', 'accepted'],
      ['OFO-2026-10 (wrong).xlsx', 'rejected'],
    ]);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.text).toContain('1 of your 2 workbooks was accepted');
    expect(answers[0]?.text).toContain('1. OFO-2026-10.xlsx: ACCEPTED');
    expect(answers[0]?.text).toContain('2. OFO-2026-10 (wrong).xlsx: REJECTED, 1 problem');
    expect(answers[0]?.text).toContain('"Done" is not a status');
    // The MIME composer keeps letters, digits, dots, dashes and underscores in attachment names.
    expect(answers[0]?.attachments.map((attachment) => attachment.filename)).toEqual([
      'OFO-2026-10_wrong_.errors.xlsx',
    ]);
  });

  it('a workbook for an office the sender is not listed for is refused, that workbook only', async () => {
    const before = await harness.progress();
    const { summary, answers, delivered } = await receive(
      mail({
        from: 'lee@usbp.agency.example',
        attachments: [
          { filename: 'AMO-2026-10.xlsx', content: amo },
          { filename: 'USBP-2026-10.xlsx', content: await filledTemplate('USBP', '2026-10') },
        ],
      }),
    );
    expect(
      delivered.ingest.map((outcome) => [outcome.kind, 'office' in outcome ? outcome.office : '?']),
    ).toEqual([['accepted', 'USBP']]);
    expect(summary.workbooks.map((workbook) => workbook.outcome?.kind)).toEqual(['refused', 'accepted']);
    expect(answers[0]?.text).toContain(
      "AMO-2026-10.xlsx: NOT SUBMITTED\n   The workbook is AMO's, and you are not listed as a submitter for AMO",
    );
    type State = Record<string, { current: unknown; revisions: unknown; rows: unknown; attempts: unknown }>;
    const own = (state: State) => {
      const { current, revisions, rows, attempts } = state['AMO 2026-10'] ?? {};
      return { current, revisions, rows, attempts };
    };
    expect(own((await harness.progress()) as State)).toEqual(own(before as State));
  });

  it('a header injection in the subject or a file name, and a file name with folders: sanitised, answered on one line', async () => {
    const raw = mail({
      subject: 'RE: workbook\r\nBcc: everyone@agency.example',
      attachments: [{ filename: '../../etc/OFO-2026-10.xlsx', content: ofo }],
    });
    const { answers, summary } = await receive(raw);
    expect(answers).toHaveLength(1);
    const answer = answers[0] as ParsedMail;
    expect(answer.headers.has('bcc')).toBe(false);
    expect(answer.subject).toBe('RE: workbook Bcc: everyone@agency.example');
    // The same bytes as an earlier accepted workbook: accepted again, nothing changed.
    expect(summary.workbooks[0]).toMatchObject({
      file: 'OFO-2026-10.xlsx',
      outcome: { kind: 'accepted', duplicate: true },
    });
    expect(answer.text).toContain('the file name had folder names, which were removed');
  });

  it('a header injection in the encoded subject of an authenticated message never reaches the answer', async () => {
    const encoded = `=?utf-8?B?${Buffer.from('RE: x\r\nBcc: all@agency.example').toString('base64')}?=`;
    const raw = Buffer.from(
      [
        'From: ann@ofo.agency.example',
        `To: ${INTAKE}`,
        `Subject: ${encoded}`,
        'Message-ID: <encoded-subject@ofo.agency.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain',
        '',
        'no workbook, just a question',
        '',
      ].join('\r\n'),
    );
    const answer = await expectAnsweredOnly(raw, 'no-workbook').catch(async () =>
      (await harness.outbox()).at(-1),
    );
    expect(answer?.headers.has('bcc')).toBe(false);
    expect(answer?.subject).toBe('RE: x Bcc: all@agency.example');
  });

  it('too many attachments: refused with a clear answer, nothing read', async () => {
    const attachments = Array.from({ length: 11 }, (_, index) => ({
      filename: `photo-${index}.jpg`,
      content: Buffer.from(`jpeg ${index}`),
      contentType: 'image/jpeg',
    }));
    const answer = await expectAnsweredOnly(mail({ attachments }), 'too-many-attachments');
    expect(answer.text).toContain('the message has 11 attachments; at most 10 are read');
  });

  it('a forwarded message (message/rfc822) is not opened: the answer says to attach the workbook itself', async () => {
    const inner = mail({
      attachments: [{ filename: 'OFO-2026-10.xlsx', content: ofo }],
      messageId: '<inner@ofo.agency.example>',
    });
    const answer = await expectAnsweredOnly(
      mail({ attachments: [{ filename: 'forwarded.eml', content: inner, contentType: 'message/rfc822' }] }),
      'no-workbook',
    );
    expect(answer.text).toContain('it has no workbook attached');
  });

  it('malformed MIME: a multipart message whose parts never start is answered (no workbook); bytes with no headers are refused unanswered', async () => {
    const broken = Buffer.from(
      [
        'From: ann@ofo.agency.example',
        `To: ${INTAKE}`,
        'Subject: broken',
        'Message-ID: <broken@ofo.agency.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="never-used"',
        '',
        'UEsDBBQAAAAIAA==',
        '',
      ].join('\r\n'),
    );
    await expectAnsweredOnly(broken, 'no-workbook');
    await expectUnanswered(
      Buffer.from('\u0000\u0001garbage without any header\r\n'),
      {},
      {
        status: 'refused',
        reason: 'no-single-sender',
      },
    );
  });

  it('an attachment named .xlsx that is not a workbook goes to the ingest, which rejects it', async () => {
    const before = await harness.progress();
    const { summary, answers } = await receive(
      mail({ attachments: [{ filename: 'OFO-2026-10.xlsx', content: Buffer.from('this is not a zip') }] }),
    );
    expect(summary.workbooks[0]?.outcome).toMatchObject({
      kind: 'rejected',
      office: 'OFO',
      period: '2026-10',
    });
    expect(answers[0]?.text).toContain('REJECTED');
    const after = (await harness.progress()) as Record<string, { current: unknown; rows: unknown }>;
    const was = before as Record<string, { current: unknown; rows: unknown }>;
    expect(after['OFO 2026-10']?.current).toEqual(was['OFO 2026-10']?.current);
    expect(after['OFO 2026-10']?.rows).toEqual(was['OFO 2026-10']?.rows);
  });

  it('the same message delivered twice: one ingest, one answer; sent again with the same Message-ID: a duplicate, unanswered', async () => {
    const raw = mail({
      messageId: '<twice@ofo.agency.example>',
      attachments: [
        {
          filename: 'OFO-2026-10.xlsx',
          content: await filledTemplate('OFO', '2026-10', (id, index) => ({
            ...defaultAnswers(id, index),
            actual: 777,
          })),
        },
      ],
    });
    const stored = await harness.pipeline.store(raw);
    const before = (await harness.outbox()).length;
    const first = await harness.pipeline.deliver(stored.event);
    const again = await harness.pipeline.deliver(stored.event);
    expect(first.ingest.map((outcome) => outcome.kind)).toEqual(['accepted']);
    expect(again.ingest).toEqual([]);
    expect(again.intake[0]?.repeated).toBe(true);
    expect((await harness.outbox()).length).toBe(before + 1);

    const progress = await harness.progress();
    const resent = await receive(raw);
    expect(resent.summary.message).toMatchObject({ status: 'duplicate', reason: 'duplicate' });
    expect(resent.answers).toEqual([]);
    expect(await harness.progress()).toEqual(progress);
  });
});

describe('an oversized message', () => {
  let harness: MailHarness;
  beforeAll(async () => {
    harness = await openMailHarness({ config: { intakeLimits: { maxMessageBytes: 10_000 } } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('is not opened: the listed sender is told the limit, nothing is ingested', async () => {
    const before = await harness.progress();
    const raw = writeReply({
      from: 'ann@ofo.agency.example',
      to: INTAKE,
      subject: 'big',
      attachments: [{ filename: 'OFO-2026-10.xlsx', content: await filledTemplate('OFO', '2026-10') }],
    });
    expect(raw.length).toBeGreaterThan(10_000);
    const delivered = await harness.pipeline.receive(raw);
    expect(delivered.ingest).toEqual([]);
    const summary = await receivedMailSummary(delivered.sesMessageId, harness.dependencies);
    expect(summary?.message).toMatchObject({ status: 'answered', reason: 'oversized' });
    const [answer] = await harness.outbox();
    expect(answer?.text).toMatch(/the message is 0\.\d MB; at most 0\.0 MB are read/);
    expect(await harness.progress()).toEqual(before);
  });
});
