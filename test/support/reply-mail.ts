import { type ParsedMail, simpleParser } from 'mailparser';
import { createMimeMessage } from 'mimetext';

export interface ReplyOptions {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly messageId?: string;
  readonly text?: string;
  readonly attachments?: readonly {
    readonly filename: string;
    readonly content: Buffer;
    readonly contentType?: string;
    readonly inline?: boolean;
  }[];
  /** Extra headers, e.g. `Auto-Submitted`. */
  readonly headers?: Readonly<Record<string, string>>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let sequence = 0;

/**
 * A message written by another mail library than the one the product sends with (mimetext, not
 * nodemailer), as an office's mail program would write a reply.
 */
export function writeReply(options: ReplyOptions): Buffer {
  const message = createMimeMessage();
  message.setSender(options.from);
  message.setTo(options.to);
  message.setSubject(options.subject);
  sequence += 1;
  message.setHeader('Message-ID', options.messageId ?? `<reply-${Date.now()}-${sequence}@office.example>`);
  if (options.inReplyTo) message.setHeader('In-Reply-To', options.inReplyTo);
  if (options.references && options.references.length > 0)
    message.setHeader('References', options.references.join(' '));
  for (const [name, value] of Object.entries(options.headers ?? {})) message.setHeader(name, value);
  message.addMessage({
    contentType: 'text/plain',
    data: options.text ?? 'Here is our workbook for the month.',
  });
  for (const attachment of options.attachments ?? [])
    message.addAttachment({
      filename: attachment.filename,
      contentType: attachment.contentType ?? XLSX,
      data: attachment.content.toString('base64'),
      ...(attachment.inline ? { inline: true } : {}),
    });
  return Buffer.from(message.asRaw());
}

/** A reply to a message read from the outbox: threaded on it, with the given attachments. */
export function replyTo(
  original: ParsedMail,
  from: string,
  attachments: ReplyOptions['attachments'],
  extra: Partial<ReplyOptions> = {},
): Buffer {
  const replyAddress = original.replyTo?.value[0]?.address ?? original.from?.value[0]?.address ?? '';
  const references = [
    ...(Array.isArray(original.references)
      ? original.references
      : original.references
        ? [original.references]
        : []),
    ...(original.messageId ? [original.messageId] : []),
  ];
  return writeReply({
    from,
    to: replyAddress,
    subject: `RE: ${original.subject ?? ''}`,
    ...(original.messageId ? { inReplyTo: original.messageId } : {}),
    references,
    ...(attachments ? { attachments } : {}),
    ...extra,
  });
}

export const parseMail = (raw: Buffer) => simpleParser(raw);
