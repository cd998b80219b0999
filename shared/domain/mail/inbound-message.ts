import type { HeaderMap } from './automatic-mail';

/** One MIME part a message carries as a file (attachments and inline parts alike). */
export interface InboundAttachment {
  /** The name the message gives it ('' when none); untrusted: may hold paths or line breaks. */
  readonly fileName: string;
  /** Lower case, without parameters. */
  readonly contentType: string;
  readonly size: number;
  /** Shown in the body (a signature logo, an embedded image) rather than attached. */
  readonly inline: boolean;
  readonly content: Buffer;
}

/** What the intake reads of a received message, whatever parsed it. */
export interface InboundMessage {
  /** Every address in the From header (a real message has exactly one). */
  readonly fromAddresses: readonly string[];
  /** Decoded; untrusted: may hold line breaks meant to add headers. */
  readonly subject: string;
  /** The Message-ID header, `<...>`, when there is one. */
  readonly messageId?: string;
  readonly references: readonly string[];
  readonly headers: HeaderMap;
  /** The top-level Content-Type, with its parameters. */
  readonly contentType: string;
  readonly attachments: readonly InboundAttachment[];
  /** Whole messages attached (`message/rfc822` parts): forwarded mail is never read. */
  readonly nestedMessages: number;
}

export type MessageParsing =
  | { readonly kind: 'parsed'; readonly message: InboundMessage }
  | { readonly kind: 'malformed'; readonly detail: string };

/** Bounds on a received message (docs/configuration.md, `intakeLimits`). */
export interface IntakeLimits {
  /** Largest raw message read, in bytes (SES itself bounces anything over 40 MB). */
  readonly maxMessageBytes: number;
  /** Most attachments (inline parts not counted). */
  readonly maxAttachments: number;
  /** Most workbooks in one message. */
  readonly maxWorkbooks: number;
}
