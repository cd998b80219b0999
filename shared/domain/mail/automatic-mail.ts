/** Header names in lower case → every value the message carries for it, in order. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

export interface AutomaticMailFacts {
  readonly headers: HeaderMap;
  /** The envelope sender (SMTP MAIL FROM) SES recorded: '' for the null sender of bounces. */
  readonly envelopeFrom: string;
  readonly from: string;
  readonly subject: string;
  /** The top-level Content-Type, e.g. `multipart/report; report-type=delivery-status`. */
  readonly contentType: string;
}

const ROBOT_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);

/**
 * Why a message was written by a program rather than a person, or undefined. RFC 3834: a
 * responder must not answer automatic mail, so two robots can never loop. Automatic mail is
 * ignored without a reply: `Auto-Submitted` other than `no`, `Precedence: bulk|junk|list`, an
 * empty or MAILER-DAEMON return path, mailing-list headers, out-of-office markers and
 * delivery-status or read reports.
 */
export function automaticMailReason(facts: AutomaticMailFacts): string | undefined {
  const first = (name: string) => facts.headers.get(name)?.[0]?.trim().toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0]?.trim() !== 'no')
    return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = first('precedence');
  if (precedence !== undefined && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  if (isNullOrDaemon(facts.envelopeFrom)) return `envelope sender "${facts.envelopeFrom}"`;
  const returnPath = facts.headers.get('return-path');
  if (returnPath?.some(isNullOrDaemon)) return `Return-Path: ${returnPath[0]}`;
  if (isNullOrDaemon(facts.from)) return `From ${facts.from}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'list-id', 'list-unsubscribe', 'x-loop'])
    if (facts.headers.has(name)) return `${name} header`;
  const suppress = first('x-auto-response-suppress');
  if (
    suppress !== undefined &&
    /\b(all|oof|autoreply)\b/.test(suppress) &&
    /^(automatic reply|auto:|out of office)/i.test(facts.subject)
  )
    return 'an out-of-office reply';
  if (/^(automatic reply|autoreply|auto-reply|out of (the )?office)\b/i.test(facts.subject.trim()))
    return 'an out-of-office reply';
  const type = facts.contentType.toLowerCase();
  if (type.startsWith('multipart/report') || type.startsWith('message/delivery-status'))
    return 'a delivery-status or read report';
  return undefined;
}

function isNullOrDaemon(address: string): boolean {
  const value = address.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  if (value === '') return true;
  const local = value.includes('@') ? value.slice(0, value.lastIndexOf('@')) : value;
  return ROBOT_LOCAL_PARTS.has(local);
}
