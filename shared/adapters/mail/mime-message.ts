import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { isMessageId } from '../../domain/mail/reply-threading';
import { isEmailAddress, sanitizeFileName, sanitizeHeaderText } from '../../domain/mail-text';
import type { MailMessage } from '../../ports/mail-sender';

export interface ComposedMessage {
  readonly messageId: string;
  readonly raw: Buffer;
}

function checkAddress(address: string, field: string): string {
  if (!isEmailAddress(address))
    throw new Error(`${field} address "${sanitizeHeaderText(address, 80)}" is not a plain e-mail address`);
  return address;
}

/**
 * Builds the MIME bytes of a message with nodemailer's composer. SES (raw) and the local outbox
 * both send exactly these bytes, so what a test reads from the outbox is what AWS would send.
 * Headers are built from sanitised text only; addresses must be plain addresses.
 */
export async function composeMimeMessage(
  message: MailMessage,
  options: { date?: Date } = {},
): Promise<ComposedMessage> {
  if (message.to.length === 0) throw new Error('a message needs at least one recipient');
  const threadIds = [...(message.inReplyTo ? [message.inReplyTo] : []), ...(message.references ?? [])];
  const badId = threadIds.find((id) => !isMessageId(id));
  if (badId !== undefined)
    throw new Error(`"${sanitizeHeaderText(badId, 80)}" is not a message id (<left@right>)`);
  const composer = new MailComposer({
    from: checkAddress(message.from, 'From'),
    to: message.to.map((address) => checkAddress(address, 'To')),
    ...(message.cc && message.cc.length > 0
      ? { cc: message.cc.map((address) => checkAddress(address, 'Cc')) }
      : {}),
    ...(message.replyTo ? { replyTo: checkAddress(message.replyTo, 'Reply-To') } : {}),
    subject: sanitizeHeaderText(message.subject, 250),
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    ...(options.date ? { date: options.date } : {}),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references && message.references.length > 0 ? { references: [...message.references] } : {}),
    ...(message.autoSubmitted ? { headers: { 'Auto-Submitted': message.autoSubmitted } } : {}),
    attachments: (message.attachments ?? []).map((attachment) => ({
      filename: sanitizeFileName(attachment.filename),
      contentType: attachment.contentType,
      content: attachment.content,
    })),
  });
  const mail = composer.compile();
  const raw = await new Promise<Buffer>((resolve, reject) =>
    mail.build((error, built) => (error ? reject(error) : resolve(built))),
  );
  return { messageId: mail.messageId(), raw };
}
