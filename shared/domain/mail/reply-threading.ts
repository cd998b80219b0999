import { sanitizeHeaderText } from '../mail-text';

export interface ThreadHeaders {
  readonly subject: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
}

/** A message id as it may appear in In-Reply-To and References: `<left@right>`, nothing else. */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}@[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$/;
/** How many earlier ids a reply's References keeps (the first and the latest ones, RFC 5322 §3.6.4). */
const MAX_REFERENCES = 10;

export function isMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}

/**
 * The headers that put an answer in the sender's thread: `In-Reply-To` their Message-ID,
 * `References` their references plus that id, subject `Re: ` and theirs. Only well-formed ids
 * are kept and the subject is made one line, so nothing a sender wrote can add a header.
 */
export function replyThreading(original: {
  readonly subject: string;
  readonly messageId?: string;
  readonly references: readonly string[];
}): ThreadHeaders {
  const subject = sanitizeHeaderText(original.subject, 200);
  const replySubject =
    subject === '' ? 'Re: your message' : /^re:/i.test(subject) ? subject : `Re: ${subject}`;
  const id = original.messageId?.trim();
  const inReplyTo = id !== undefined && isMessageId(id) ? id : undefined;
  const earlier = original.references.map((reference) => reference.trim()).filter(isMessageId);
  const chain = [...earlier, ...(inReplyTo ? [inReplyTo] : [])].filter(
    (reference, index, all) => all.indexOf(reference) === index,
  );
  const references =
    chain.length > MAX_REFERENCES ? [chain[0] as string, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { subject: sanitizeHeaderText(replySubject, 250), ...(inReplyTo ? { inReplyTo } : {}), references };
}
