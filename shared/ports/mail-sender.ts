export interface MailAttachment {
  /** Shown to the reader; sanitised before it reaches a header. */
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface MailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly MailAttachment[];
}

/** Sends one e-mail. SES v2 in AWS; a folder of .eml files locally. Both build the same MIME. */
export interface MailSender {
  send(message: MailMessage): Promise<{ messageId: string }>;
}
