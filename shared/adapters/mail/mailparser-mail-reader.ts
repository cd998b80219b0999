import { type AddressObject, simpleParser } from 'mailparser';
import type { InboundAttachment, MessageParsing } from '../../domain/mail/inbound-message';
import type { MailReader } from '../../ports/mail-reader';

/**
 * Reads received mail with mailparser (nodemailer's parser, the most used in Node): headers as
 * written (unfolded, every occurrence), the From addresses, threading ids and every file part.
 * Attached messages (`message/rfc822`) are counted, never opened. A message mailparser cannot
 * read at all is `malformed`.
 */
export class MailparserMailReader implements MailReader {
  async read(raw: Buffer): Promise<MessageParsing> {
    let parsed: Awaited<ReturnType<typeof simpleParser>>;
    try {
      parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    } catch (error) {
      return { kind: 'malformed', detail: `the MIME structure cannot be read (${(error as Error).message})` };
    }
    const headers = new Map<string, string[]>();
    for (const { key, line } of parsed.headerLines) {
      const value = line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
      headers.set(key.toLowerCase(), [...(headers.get(key.toLowerCase()) ?? []), value]);
    }
    if (headers.size === 0) return { kind: 'malformed', detail: 'the message has no headers' };
    const attachments: InboundAttachment[] = [];
    let nestedMessages = 0;
    for (const part of parsed.attachments) {
      const contentType = (part.contentType ?? '').toLowerCase();
      if (contentType === 'message/rfc822') {
        nestedMessages += 1;
        continue;
      }
      attachments.push({
        fileName: part.filename ?? '',
        contentType,
        size: part.size ?? part.content.length,
        inline: part.related === true || part.contentDisposition === 'inline',
        content: part.content,
      });
    }
    const references = parsed.references;
    return {
      kind: 'parsed',
      message: {
        fromAddresses: addressesOf(parsed.from),
        subject: parsed.subject ?? '',
        ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
        references: references === undefined ? [] : Array.isArray(references) ? references : [references],
        headers,
        contentType: headers.get('content-type')?.[0] ?? 'text/plain',
        attachments,
        nestedMessages,
      },
    };
  }
}

function addressesOf(from: AddressObject | AddressObject[] | undefined): string[] {
  const objects = from === undefined ? [] : Array.isArray(from) ? from : [from];
  const addresses: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address) addresses.push(entry.address);
    }
  };
  for (const object of objects) walk(object.value);
  return addresses;
}
