import type { MessageParsing } from '../domain/mail/inbound-message';

/** Reads a raw RFC 5322 message (MIME) into what the intake needs. mailparser in every environment. */
export interface MailReader {
  read(raw: Buffer): Promise<MessageParsing>;
}
