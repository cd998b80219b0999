import { describe, expect, it } from 'vitest';
import { MailparserMailReader } from '../../../../shared/adapters/mail/mailparser-mail-reader';

/** Written by hand (RFC 5322 / MIME), not by any mail library. */
const raw = [
  'Return-Path: <ann@ofo.agency.example>',
  'From: "Lead, Ann" <ann@ofo.agency.example>',
  'To: submit@agency.example',
  'Subject: =?utf-8?Q?RE=3A_Progress_=E2=80=94_October?=',
  'Message-ID: <m2@ofo.agency.example>',
  'In-Reply-To: <m1@agency.example>',
  'References: <m0@agency.example>',
  ' <m1@agency.example>',
  'Auto-Submitted: no',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Attached.',
  '--b1',
  'Content-Type: application/octet-stream; name="OFO-2026-10.xlsx"',
  'Content-Disposition: attachment; filename="OFO-2026-10.xlsx"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('PK fake workbook').toString('base64'),
  '--b1',
  'Content-Type: image/png',
  'Content-Disposition: inline; filename="sig.png"',
  'Content-ID: <sig>',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgo=',
  '--b1',
  'Content-Type: message/rfc822',
  '',
  'From: x@y.example',
  'Subject: inner',
  '',
  'inner body',
  '--b1--',
  '',
].join('\r\n');

describe('the mailparser reader', () => {
  it('reads the From address, thread ids, headers as written, file parts, and counts attached messages unopened', async () => {
    const parsing = await new MailparserMailReader().read(Buffer.from(raw));
    if (parsing.kind !== 'parsed') throw new Error(parsing.detail);
    const { message } = parsing;
    expect(message.fromAddresses).toEqual(['ann@ofo.agency.example']);
    expect(message.subject).toBe('RE: Progress — October');
    expect(message.messageId).toBe('<m2@ofo.agency.example>');
    expect(message.references).toEqual(['<m0@agency.example>', '<m1@agency.example>']);
    expect(message.headers.get('auto-submitted')).toEqual(['no']);
    expect(message.headers.get('references')).toEqual(['<m0@agency.example> <m1@agency.example>']);
    expect(message.contentType).toBe('multipart/mixed; boundary="b1"');
    expect(
      message.attachments.map(({ fileName, inline, content }) => [fileName, inline, content.toString()]),
    ).toEqual([
      ['OFO-2026-10.xlsx', false, 'PK fake workbook'],
      ['sig.png', true, expect.any(String)],
    ]);
    expect(message.nestedMessages).toBe(1);
  });

  it('lists every address of a From header with several, and none for a message with no From', async () => {
    const several = await new MailparserMailReader().read(
      Buffer.from('From: a@x.example, b@y.example\r\nSubject: s\r\n\r\nbody'),
    );
    expect(several.kind === 'parsed' && several.message.fromAddresses).toEqual([
      'a@x.example',
      'b@y.example',
    ]);
    const none = await new MailparserMailReader().read(Buffer.from('Subject: s\r\n\r\nbody'));
    expect(none.kind === 'parsed' && none.message.fromAddresses).toEqual([]);
  });
});
