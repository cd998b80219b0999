import { describe, expect, it } from 'vitest';
import { parseMailNotification } from '../../../../shared/adapters/events/ses-notifications';

/** The shape of AWS's documented example of an S3-action notification. */
const notification = {
  notificationType: 'Received',
  mail: {
    timestamp: '2026-11-03T14:00:00.000Z',
    source: 'ann@ofo.agency.example',
    messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
    destination: ['submit@agency.example'],
    headersTruncated: false,
    headers: [{ name: 'From', value: '"Ann" <ann@ofo.agency.example>' }],
    commonHeaders: {
      returnPath: 'ann@ofo.agency.example',
      from: ['"Ann" <ann@ofo.agency.example>'],
      messageId: '<m@x>',
    },
  },
  receipt: {
    timestamp: '2026-11-03T14:00:01.000Z',
    processingTimeMillis: 574,
    recipients: ['submit@agency.example'],
    spamVerdict: { status: 'PASS' },
    virusVerdict: { status: 'PASS' },
    spfVerdict: { status: 'PASS' },
    dkimVerdict: { status: 'GRAY' },
    dmarcVerdict: { status: 'FAIL' },
    dmarcPolicy: 'reject',
    action: {
      type: 'S3',
      topicArn: 'arn:aws:sns:us-east-1:111111111111:intake',
      bucketName: 'uploads-bucket',
      objectKeyPrefix: 'inbound/',
      objectKey: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
    },
  },
};

describe('SES receiving notifications', () => {
  it('reads the verdicts from the receipt, where SES stored the message, and its own reading of From', () => {
    expect(parseMailNotification(JSON.stringify(notification))).toEqual({
      kind: 'received',
      notification: {
        messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
        receivedAt: '2026-11-03T14:00:01.000Z',
        envelopeFrom: 'ann@ofo.agency.example',
        recipients: ['submit@agency.example'],
        verdicts: {
          spf: 'PASS',
          dkim: 'GRAY',
          dmarc: 'FAIL',
          spam: 'PASS',
          virus: 'PASS',
          dmarcPolicy: 'reject',
        },
        stored: { bucket: 'uploads-bucket', key: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1' },
        headerFrom: ['ann@ofo.agency.example'],
      },
    });
  });
  it('unwraps an SNS envelope, and ignores other notification types', () => {
    const envelope = { Type: 'Notification', Message: JSON.stringify(notification) };
    expect(parseMailNotification(JSON.stringify(envelope)).kind).toBe('received');
    expect(
      parseMailNotification(JSON.stringify({ notificationType: 'AmazonSnsSubscriptionSucceeded' })),
    ).toEqual({
      kind: 'ignored',
      what: 'AmazonSnsSubscriptionSucceeded',
    });
  });
  it('throws on anything else (a wiring fault: the message goes to the dead-letter queue)', () => {
    expect(() => parseMailNotification('not json')).toThrow('not JSON');
    const lambda = { ...notification, receipt: { ...notification.receipt, action: { type: 'Lambda' } } };
    expect(() => parseMailNotification(JSON.stringify(lambda))).toThrow('not an SES receiving notification');
    const bad = { ...notification, mail: { ...notification.mail, messageId: '../../etc' } };
    expect(() => parseMailNotification(JSON.stringify(bad))).toThrow('an SES message id');
  });
});
