import { z } from 'zod';
import { VERDICT_STATUSES } from '../../domain/mail/receipt-verdicts';
import type { ReceivedMailNotification } from '../../use-cases/receive-mail';

/**
 * The SES receiving notification of an S3 action, as SNS delivers it to the intake queue with raw
 * message delivery (the SQS body is the notification itself; an SNS envelope is unwrapped too).
 * Only the parts the intake relies on are checked; the verdicts are read from `receipt`, never
 * from the message's own headers.
 */
const verdict = z.object({ status: z.enum(VERDICT_STATUSES) });
const receivedSchema = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    timestamp: z.iso.datetime({ offset: true }),
    source: z.string(),
    messageId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'an SES message id'),
    commonHeaders: z
      .object({ from: z.array(z.string()).optional() })
      .partial()
      .optional(),
  }),
  receipt: z.object({
    timestamp: z.iso.datetime({ offset: true }),
    recipients: z.array(z.string()),
    spamVerdict: verdict,
    virusVerdict: verdict,
    spfVerdict: verdict,
    dkimVerdict: verdict,
    dmarcVerdict: verdict,
    dmarcPolicy: z.string().optional(),
    action: z.object({ type: z.literal('S3'), bucketName: z.string().min(1), objectKey: z.string().min(1) }),
  }),
});
const snsEnvelopeSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

export type ParsedMailNotification =
  | { readonly kind: 'received'; readonly notification: ReceivedMailNotification }
  /** Another SES notification type (a setup message): named for the log, then ignored. */
  | { readonly kind: 'ignored'; readonly what: string };

/** A body that is not an SES receiving notification is a wiring fault: it throws (dead-letter queue). */
export function parseMailNotification(body: string): ParsedMailNotification {
  let document: unknown = parseJson(body);
  const envelope = snsEnvelopeSchema.safeParse(document);
  if (envelope.success) document = parseJson(envelope.data.Message);
  const type = z.object({ notificationType: z.string() }).safeParse(document);
  if (type.success && type.data.notificationType !== 'Received')
    return { kind: 'ignored', what: type.data.notificationType };
  const parsed = receivedSchema.safeParse(document);
  if (!parsed.success)
    throw new Error(
      `the SQS message body is not an SES receiving notification of an S3 action: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message ?? ''}`,
    );
  const { mail, receipt } = parsed.data;
  return {
    kind: 'received',
    notification: {
      messageId: mail.messageId,
      receivedAt: new Date(receipt.timestamp).toISOString(),
      envelopeFrom: mail.source,
      recipients: receipt.recipients,
      verdicts: {
        spf: receipt.spfVerdict.status,
        dkim: receipt.dkimVerdict.status,
        dmarc: receipt.dmarcVerdict.status,
        spam: receipt.spamVerdict.status,
        virus: receipt.virusVerdict.status,
        ...(receipt.dmarcPolicy ? { dmarcPolicy: receipt.dmarcPolicy } : {}),
      },
      stored: { bucket: receipt.action.bucketName, key: receipt.action.objectKey },
      headerFrom: (mail.commonHeaders?.from ?? []).map(addressIn),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('the SQS message body is not JSON, so not an SES notification');
  }
}

/** `"Name" <a@b>` → `a@b`; a bare address stays as it is. */
function addressIn(value: string): string {
  const match = /<([^<>]*)>\s*$/.exec(value);
  return (match ? match[1] : value)?.trim() ?? '';
}
