import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { OutboxMailSender } from '../../../../shared/adapters/mail/outbox-mail-sender';

describe('OutboxMailSender', () => {
  it('writes one complete .eml file per message, named by time', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
    const sender = new OutboxMailSender(directory, { now: () => new Date('2026-11-05T12:00:00Z') });
    const first = await sender.send({
      from: 'r@example.gov',
      to: ['a@example.gov'],
      subject: 'one',
      text: '1',
    });
    await sender.send({ from: 'r@example.gov', to: ['b@example.gov'], subject: 'two', text: '2' });
    const files = readdirSync(directory).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.startsWith('2026-11-05T12-00-00-000Z-') && file.endsWith('.eml'))).toBe(
      true,
    );
    const parsed = await simpleParser(readFileSync(join(directory, files[0] as string)));
    expect(parsed.subject).toBe('one');
    expect(parsed.messageId).toBe(first.messageId);
    expect(parsed.date?.toISOString()).toBe('2026-11-05T12:00:00.000Z');
  });
});
