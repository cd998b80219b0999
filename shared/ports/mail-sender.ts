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
  /** The Message-ID this answers (`<id@host>`), so mail programs thread it. */
  readonly inReplyTo?: string;
  /** The thread's earlier Message-IDs, oldest first. */
  readonly references?: readonly string[];
  /**
   * RFC 3834: `auto-replied` on answers to a message, `auto-generated` on other messages a
   * program sends, so other robots (out-of-office replies) do not answer them.
   */
  readonly autoSubmitted?: 'auto-generated' | 'auto-replied';
}

/** Sends one e-mail. SES v2 in AWS; a folder of .eml files locally. Both build the same MIME. */
export interface MailSender {
  send(message: MailMessage): Promise<{ messageId: string }>;
}
