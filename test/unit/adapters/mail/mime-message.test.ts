import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMimeMessage } from '../../../../shared/adapters/mail/mime-message';

describe('composeMimeMessage', () => {
  it('builds MIME that parses back with the attachment byte-identical', async () => {
    const pdf = Buffer.from('%PDF-1.7 binary \u0000\u00ff bytes', 'latin1');
    const { raw, messageId } = await composeMimeMessage(
      {
        from: 'reports@example.gov',
        to: ['a@example.gov', 'b@example.gov'],
        subject: 'Strategy brief 2026-10',
        text: 'Plain body',
        html: '<p>HTML body</p>',
        attachments: [{ filename: 'brief-2026-10.pdf', contentType: 'application/pdf', content: pdf }],
      },
      { date: new Date('2026-11-05T12:00:00Z') },
    );
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Strategy brief 2026-10');
    expect(parsed.text?.trim()).toBe('Plain body');
    expect(parsed.html).toContain('<p>HTML body</p>');
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.attachments[0]?.filename).toBe('brief-2026-10.pdf');
    expect(parsed.attachments[0]?.content.equals(pdf)).toBe(true);
  });

  it('cannot be made to carry extra headers through the subject or a file name', async () => {
    const { raw } = await composeMimeMessage({
      from: 'reports@example.gov',
      to: ['a@example.gov'],
      subject: 'Hello\r\nBcc: victim@example.com\r\nX-Injected: yes',
      text: 'body',
      attachments: [
        {
          filename: 'x\r\nBcc: v@example.com.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('x'),
        },
      ],
    });
    const parsed = await simpleParser(raw);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe('Hello Bcc: victim@example.com X-Injected: yes');
    expect(parsed.attachments[0]?.filename).toBe('x_Bcc_v_example.com.pdf');
  });

  it('refuses an address that is not a single plain address', async () => {
    await expect(
      composeMimeMessage({
        from: 'reports@example.gov',
        to: ['a@example.gov\r\nBcc: b@example.com'],
        subject: 's',
        text: 't',
      }),
    ).rejects.toThrow(/To address .* is not a plain e-mail address/);
    await expect(
      composeMimeMessage({ from: 'reports@example.gov', to: [], subject: 's', text: 't' }),
    ).rejects.toThrow('a message needs at least one recipient');
  });
});

describe('threading headers', () => {
  it('writes In-Reply-To, References and Auto-Submitted, and refuses an id that is not <left@right>', async () => {
    const base = { from: 'a@agency.example', to: ['b@agency.example'], subject: 'Re: x', text: 'ok' };
    const composed = await composeMimeMessage({
      ...base,
      inReplyTo: '<m1@office.example>',
      references: ['<m0@agency.example>', '<m1@office.example>'],
      autoSubmitted: 'auto-replied',
    });
    const parsed = await simpleParser(composed.raw);
    expect(parsed.inReplyTo).toBe('<m1@office.example>');
    expect(parsed.references).toEqual(['<m0@agency.example>', '<m1@office.example>']);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    await expect(composeMimeMessage({ ...base, inReplyTo: '<m1@x>\r\nBcc: c@d' })).rejects.toThrow(
      'is not a message id',
    );
  });
});
