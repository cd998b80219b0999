import type { SESMail, SESReceipt } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import type { ReceiptVerdicts } from '../domain/mail/receipt-verdicts';
import { INBOUND_PREFIX } from '../storage/object-keys';
import { LOCAL_REGION } from './local-runtime';

/** What SES publishes (S3 action with a topic) for one received message. */
export interface SesReceivedNotification {
  readonly notificationType: 'Received';
  readonly mail: SESMail;
  readonly receipt: SESReceipt & { readonly action: { readonly objectKeyPrefix?: string } };
}

export const LOCAL_INTAKE_TOPIC_ARN = `arn:aws:sns:${LOCAL_REGION}:000000000000:strategy-report-intake`;

/**
 * The notification SES's S3 action publishes for a message it stored, field for field: `mail`
 * with every header in order (unfolded) and the common headers; `receipt` with the verdicts,
 * the recipients and where the message was stored. Built from the message's header block only.
 */
export async function sesReceivedNotification(
  raw: Buffer,
  receipt: {
    readonly sesMessageId: string;
    readonly receivedAt: Date;
    readonly recipients: readonly string[];
    readonly verdicts: ReceiptVerdicts;
    readonly bucket: string;
  },
): Promise<SesReceivedNotification> {
  const parsed = await simpleParser(headerBlock(raw), { skipHtmlToText: true, skipTextToHtml: true });
  const headers = parsed.headerLines.map(({ line }) => ({
    name: line.slice(0, line.indexOf(':')).trim(),
    value: line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  }));
  const all = (name: string) =>
    headers.filter((header) => header.name.toLowerCase() === name).map((header) => header.value);
  const returnPath = all('return-path')[0];
  const fromAddress = parsed.from?.value[0]?.address ?? '';
  // The envelope sender: what the Return-Path says (a receiving server writes it from MAIL FROM).
  const source = returnPath !== undefined ? returnPath.replace(/^<|>$/g, '').trim() : fromAddress;
  const timestamp = receipt.receivedAt.toISOString();
  const { verdicts } = receipt;
  return {
    notificationType: 'Received',
    mail: {
      timestamp,
      source,
      messageId: receipt.sesMessageId,
      destination: [...receipt.recipients],
      headersTruncated: false,
      headers,
      commonHeaders: {
        returnPath: source,
        ...(all('from').length > 0 ? { from: all('from') } : {}),
        date: all('date')[0] ?? '',
        ...(all('to').length > 0 ? { to: all('to') } : {}),
        messageId: all('message-id')[0] ?? '',
        ...(all('subject').length > 0 ? { subject: parsed.subject ?? '' } : {}),
      },
    },
    receipt: {
      timestamp,
      processingTimeMillis: 1,
      recipients: [...receipt.recipients],
      spamVerdict: { status: verdicts.spam },
      virusVerdict: { status: verdicts.virus },
      spfVerdict: { status: verdicts.spf },
      dkimVerdict: { status: verdicts.dkim },
      dmarcVerdict: { status: verdicts.dmarc },
      ...(verdicts.dmarc === 'FAIL' ? { dmarcPolicy: verdicts.dmarcPolicy ?? 'reject' } : {}),
      action: {
        type: 'S3',
        topicArn: LOCAL_INTAKE_TOPIC_ARN,
        bucketName: receipt.bucket,
        objectKeyPrefix: INBOUND_PREFIX,
        objectKey: `${INBOUND_PREFIX}${receipt.sesMessageId}`,
      },
    },
  } as SesReceivedNotification;
}

/** The headers of a raw message: everything before the first empty line. */
function headerBlock(raw: Buffer): Buffer {
  for (const separator of ['\r\n\r\n', '\n\n']) {
    const end = raw.indexOf(separator);
    if (end >= 0) return raw.subarray(0, end + separator.length);
  }
  return raw;
}
