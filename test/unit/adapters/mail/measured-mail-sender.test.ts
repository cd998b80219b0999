import { describe, expect, it } from 'vitest';
import { measuredMailSender } from '../../../../shared/adapters/mail/measured-mail-sender';
import { RecordingLog } from '../../../support/fakes/recording-log';
import { RecordingMailSender } from '../../../support/fakes/recording-mail-sender';
import { RecordingMetrics } from '../../../support/fakes/recording-metrics';

const message = {
  from: 'brief@agency.example',
  to: ['chief@agency.example', 'deputy@agency.example'],
  subject: 'Strategy brief 2026-10',
  text: 'body',
};

describe('measuredMailSender', () => {
  it('counts each message sent and logs it with its message id (not its addresses)', async () => {
    const mail = new RecordingMailSender();
    const metrics = new RecordingMetrics();
    const log = new RecordingLog();
    const sender = measuredMailSender(mail, metrics, log);

    const sent = await log.withRecordKeys({ period: '2026-10' }, () => sender.send(message));

    expect(sent).toEqual({ messageId: 'message-1@test' });
    expect(mail.sent).toEqual([message]);
    expect(metrics.all()).toEqual({ EmailsSent: 1 });
    expect(log.lines).toEqual([
      {
        level: 'info',
        message: 'e-mail sent',
        extra: { period: '2026-10', messageId: 'message-1@test', subject: message.subject, recipients: 2 },
      },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('@agency.example');
  });

  it('counts a refused message as failed, logs the error, and throws it on to the caller', async () => {
    const mail = new RecordingMailSender();
    const metrics = new RecordingMetrics();
    const log = new RecordingLog();
    const refusal = new Error('MessageRejected: Email address is not verified');
    mail.failNext(refusal);

    await expect(measuredMailSender(mail, metrics, log).send(message)).rejects.toBe(refusal);

    expect(metrics.all()).toEqual({ EmailsFailed: 1 });
    expect(log.lines).toEqual([
      {
        level: 'error',
        message: 'e-mail not sent',
        extra: { subject: message.subject, recipients: 2, error: refusal },
      },
    ]);
  });
});
