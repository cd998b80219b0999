import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailSender } from '../../../../shared/adapters/mail/ses-mail-sender';

const ses = new SESv2Client({ region: 'us-east-1' });
const mock = mockClient(SESv2Client);
const sender = new SesMailSender(ses, { configurationSetName: 'strategy-report' });
const message = {
  from: 'reports@example.gov',
  to: ['lead@example.gov'],
  cc: ['deputy@example.gov'],
  subject: 'Brief',
  text: 'Body',
  attachments: [{ filename: 'brief.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }],
};

describe('SesMailSender', () => {
  beforeEach(() => mock.reset());

  it('sends the raw MIME with the configuration set and returns the SES message id', async () => {
    mock.on(SendEmailCommand).resolves({ MessageId: 'ses-123' });
    expect(await sender.send(message)).toEqual({ messageId: 'ses-123' });
    const input = mock.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.ConfigurationSetName).toBe('strategy-report');
    expect(input?.Destination).toEqual({
      ToAddresses: ['lead@example.gov'],
      CcAddresses: ['deputy@example.gov'],
    });
    const parsed = await simpleParser(Buffer.from(input?.Content?.Raw?.Data ?? new Uint8Array()));
    expect(parsed.subject).toBe('Brief');
    expect(parsed.attachments[0]?.content.toString()).toBe('%PDF');
  });

  it('passes on throttling so the caller can retry', async () => {
    mock
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: 'Too Many Requests', $metadata: {} }));
    await expect(sender.send(message)).rejects.toThrow('Too Many Requests');
  });
});
