import { describe, expect, it } from 'vitest';
import { ANSWER_MAX_ATTEMPTS, nextAnswerAttempt } from '../../../../shared/domain/mail/answer-retry';
import { automaticMailReason } from '../../../../shared/domain/mail/automatic-mail';
import { examineMessage } from '../../../../shared/domain/mail/inbound-attachments';
import type { InboundAttachment, InboundMessage } from '../../../../shared/domain/mail/inbound-message';
import { type ReceiptVerdicts, verdictRefusal } from '../../../../shared/domain/mail/receipt-verdicts';
import { isMessageId, replyThreading } from '../../../../shared/domain/mail/reply-threading';
import { isSubmitterEntry, SubmitterDirectory } from '../../../../shared/domain/mail/submitter-directory';
import { placeWorkbook } from '../../../../shared/domain/mail/workbook-placement';
import { parsePeriod } from '../../../../shared/domain/period';

const PASS: ReceiptVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };
const limits = { maxMessageBytes: 1_000_000, maxAttachments: 4, maxWorkbooks: 2 };

function message(
  attachments: Partial<InboundAttachment>[],
  extra: Partial<InboundMessage> = {},
): InboundMessage {
  return {
    fromAddresses: ['a@b.example'],
    subject: 'hello',
    references: [],
    headers: new Map(),
    contentType: 'multipart/mixed',
    nestedMessages: 0,
    attachments: attachments.map((part) => ({
      fileName: '',
      contentType: 'application/octet-stream',
      size: 1,
      inline: false,
      content: Buffer.from('x'),
      ...part,
    })),
    ...extra,
  };
}

describe('who may submit', () => {
  const directory = new SubmitterDirectory({
    OFO: ['Ann.Lead@OFO.agency.gov', '@hq.agency.gov'],
    AMO: ['@amo.agency.gov', 'ann.lead@ofo.agency.gov'],
  });
  it('matches addresses without regard to case, and @domain entries for exactly that domain', () => {
    expect(directory.officesOf('ann.lead@ofo.agency.gov')).toEqual(['AMO', 'OFO']);
    expect(directory.officesOf('pilot@AMO.agency.gov')).toEqual(['AMO']);
    expect(directory.officesOf('x@sub.amo.agency.gov')).toEqual([]);
    expect(directory.officesOf('x@hq.agency.gov')).toEqual(['OFO']);
    expect(directory.officesOf('not an address')).toEqual([]);
    expect(directory.isListed('someone@hq.agency.gov', 'AMO')).toBe(false);
    expect(directory.addressesOf('OFO')).toEqual(['ann.lead@ofo.agency.gov']);
  });
  it('accepts addresses and @domain entries only', () => {
    expect(['a@b.gov', '@agency.gov'].every(isSubmitterEntry)).toBe(true);
    expect(['@', 'agency.gov', '@agency', 'a@b.gov\r\nBcc: x'].some(isSubmitterEntry)).toBe(false);
  });
});

describe("SES's verdicts", () => {
  const addresses = { from: 'a@agency.gov', envelopeFrom: 'bounce@agency.gov' };
  it.each([
    [{ virus: 'FAIL' }, 'virus'],
    [{ spam: 'FAIL' }, 'spam'],
    [{ dmarc: 'FAIL' }, 'dmarc-failed'],
    [{ spf: 'FAIL' }, 'spf-failed'],
    [{ dkim: 'FAIL' }, 'dkim-failed'],
    [{ dmarc: 'GRAY', spf: 'GRAY' }, 'not-authenticated'],
    [{ dmarc: 'PROCESSING_FAILED', spf: 'PROCESSING_FAILED' }, 'not-authenticated'],
  ] as const)('%j refuses the message (%s)', (verdicts, reason) => {
    expect(verdictRefusal({ ...PASS, ...verdicts }, addresses)?.reason).toBe(reason);
  });
  it('accepts DMARC PASS, or without DMARC an SPF PASS aligned with the From domain', () => {
    expect(verdictRefusal(PASS, addresses)).toBeUndefined();
    expect(verdictRefusal({ ...PASS, dmarc: 'GRAY', dkim: 'GRAY' }, addresses)).toBeUndefined();
    expect(
      verdictRefusal(
        { ...PASS, dmarc: 'GRAY', dkim: 'GRAY' },
        { from: 'a@agency.gov', envelopeFrom: 'x@evil.example' },
      )?.reason,
    ).toBe('not-authenticated');
  });
});

describe('automatic mail (RFC 3834)', () => {
  const facts = (headers: Record<string, string>, extra = {}) => ({
    headers: new Map(Object.entries(headers).map(([name, value]) => [name, [value]])),
    envelopeFrom: 'a@b.example',
    from: 'a@b.example',
    subject: 'RE: workbook',
    contentType: 'multipart/mixed',
    ...extra,
  });
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, {}],
    [{ 'auto-submitted': 'auto-generated; owner-email="x@y"' }, {}],
    [{ precedence: 'junk' }, {}],
    [{ 'list-id': '<offices.agency.gov>' }, {}],
    [{ 'x-autoreply': 'yes' }, {}],
    [{}, { envelopeFrom: '' }],
    [{}, { from: 'MAILER-DAEMON@b.example' }],
    [{ 'return-path': '<>' }, {}],
    [{}, { subject: 'Out of Office: back Monday' }],
    [{}, { contentType: 'multipart/report; report-type=disposition-notification' }],
  ])('%j %j is automatic', (headers, extra) => {
    expect(automaticMailReason(facts(headers, extra))).toBeDefined();
  });
  it('a person’s reply is not, even with Auto-Submitted: no', () => {
    expect(automaticMailReason(facts({ 'auto-submitted': 'no', precedence: 'normal' }))).toBeUndefined();
  });
});

describe('attachments', () => {
  it('takes .xlsx files, ignores inline parts, images and other files', () => {
    const examined = examineMessage(
      message([
        { fileName: 'OFO.XLSX' },
        { fileName: 'logo.png', contentType: 'image/png', inline: true },
        { fileName: 'notes.docx' },
        { fileName: '', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      ]),
      limits,
    );
    expect(examined).toMatchObject({
      kind: 'workbooks',
      workbooks: [
        { slot: 0, displayName: 'OFO.XLSX' },
        { slot: 1, displayName: 'workbook.xlsx' },
      ],
    });
  });
  it('names winmail.dat, no workbook, and the limits', () => {
    expect(examineMessage(message([{ fileName: 'winmail.dat' }]), limits)).toMatchObject({
      reason: 'winmail',
    });
    expect(examineMessage(message([]), limits)).toMatchObject({ reason: 'no-workbook' });
    expect(examineMessage(message(Array(5).fill({ fileName: 'a.pdf' })), limits)).toMatchObject({
      reason: 'too-many-attachments',
    });
    expect(examineMessage(message(Array(3).fill({ fileName: 'a.xlsx' })), limits)).toMatchObject({
      reason: 'too-many-workbooks',
    });
  });
  it('removes folders and line breaks from a file name and says so', () => {
    const examined = examineMessage(message([{ fileName: 'C:\\Users\\ann\\OFO\r\nBcc: x.xlsx' }]), limits);
    expect(examined).toMatchObject({
      kind: 'workbooks',
      workbooks: [
        {
          displayName: 'OFO Bcc: x.xlsx',
          renamed: 'the file name had line breaks or control characters and folder names, which were removed',
        },
      ],
    });
  });
  it('notes an attached message it did not open', () => {
    expect(examineMessage(message([{ fileName: 'a.xlsx' }], { nestedMessages: 1 }), limits)).toMatchObject({
      notes: [expect.stringContaining('not opened')],
    });
  });
});

describe('threading', () => {
  it('answers in the thread: Re:, In-Reply-To, References with the id added', () => {
    expect(replyThreading({ subject: 'Workbook', messageId: '<b@x>', references: ['<a@x>'] })).toEqual({
      subject: 'Re: Workbook',
      inReplyTo: '<b@x>',
      references: ['<a@x>', '<b@x>'],
    });
    expect(replyThreading({ subject: 'RE: Workbook', references: [] }).subject).toBe('RE: Workbook');
  });
  it('drops ids that could carry a header and makes the subject one line', () => {
    const thread = replyThreading({
      subject: 'x\r\nBcc: y@z',
      messageId: '<a@x>\r\nBcc: y@z',
      references: ['<ok@x>', 'not-an-id', '<a b@x>'],
    });
    expect(thread).toEqual({ subject: 'Re: x Bcc: y@z', references: ['<ok@x>'] });
    expect(isMessageId('<a@b>')).toBe(true);
  });
  it('keeps the first and the latest references of a long thread', () => {
    const references = Array.from({ length: 15 }, (_, index) => `<${index}@x>`);
    const thread = replyThreading({ subject: 's', messageId: '<last@x>', references });
    expect(thread.references).toHaveLength(10);
    expect(thread.references[0]).toBe('<0@x>');
    expect(thread.references.at(-1)).toBe('<last@x>');
  });
});

describe('where a mailed workbook goes', () => {
  const openPeriod = parsePeriod('2026-10');
  it('to the office and period the workbook names, when the sender is listed for it', () => {
    expect(
      placeWorkbook({ workbookOffice: 'OFO', workbookPeriod: '2026-09', senderOffices: ['OFO'], openPeriod }),
    ).toEqual({
      kind: 'place',
      office: 'OFO',
      period: '2026-09',
      guessed: false,
    });
    expect(placeWorkbook({ workbookOffice: 'AMO', senderOffices: ['OFO'], openPeriod })).toMatchObject({
      kind: 'refuse',
      reason: 'not-listed-for-office',
    });
  });
  it("a workbook that does not say goes to the sender's only office, else it is refused", () => {
    expect(placeWorkbook({ senderOffices: ['OFO'], openPeriod })).toMatchObject({
      kind: 'place',
      office: 'OFO',
      period: '2026-10',
      guessed: true,
    });
    expect(placeWorkbook({ senderOffices: ['OFO', 'AMO'], openPeriod })).toMatchObject({
      kind: 'refuse',
      reason: 'unknown-office',
    });
  });
});

describe('answer retries', () => {
  it('back off from 5 minutes, doubling, at most 6 hours apart, then stop', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const delays = Array.from({ length: ANSWER_MAX_ATTEMPTS }, (_, index) =>
      nextAnswerAttempt(index + 1, now),
    ).map((next) => (next ? (next.getTime() - now.getTime()) / 60_000 : undefined));
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, undefined]);
  });
});
