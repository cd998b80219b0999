import type { Period } from '../domain/period';

/** A file an answer carries, by reference: it is read from the uploads bucket when the answer is sent. */
export interface StoredAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly key: string;
}

/** Everything needed to send an answer, fixed when it is recorded. */
export interface AnswerMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly attachments: readonly StoredAttachment[];
}

export type AnswerState =
  /** Recorded, not tried yet (or a sender died before it could say). */
  | 'pending'
  /** A sender holds it (with a lease). */
  | 'sending'
  | 'sent'
  /** The last try failed; tried again from `nextAttemptAt`. */
  | 'failed'
  /** Every try failed: no more are made; `status` shows it until someone acts. */
  | 'undeliverable';

export interface NewAnswer {
  /** One answer per submission: `submission#<submissionId>`, or `inbound#<SES message id>`. */
  readonly id: string;
  /** What it answers, for people: e.g. `OFO 2026-10 receipt`. */
  readonly about: string;
  readonly period?: Period;
  readonly office?: string;
  readonly message: AnswerMessage;
}

export interface AnswerRecord extends NewAnswer {
  readonly createdAt: string;
  readonly state: AnswerState;
  readonly attempts: number;
  readonly lastAttemptAt?: string;
  readonly lastError?: string;
  readonly nextAttemptAt?: string;
  readonly leaseExpiresAt?: string;
  readonly sentAt?: string;
  readonly messageId?: string;
}

/**
 * The answers owed to submitters, recorded before they are sent and sent from the record: a
 * failed send is retried on its own (the ingest is never run again for it), and an answer is sent
 * at most once however often the work that produced it is repeated.
 */
export interface AnswerOutbox {
  /** Records an answer unless one with its id exists; either way returns the stored record. */
  record(answer: NewAnswer, now: Date): Promise<{ readonly created: boolean; readonly answer: AnswerRecord }>;
  get(id: string): Promise<AnswerRecord | undefined>;
  /**
   * Takes an answer for sending, with a lease: only one that is pending, failed and due, or held
   * by a sender whose lease ran out. Undefined when it is not to be sent now.
   */
  claim(
    id: string,
    now: Date,
    leaseMs: number,
    options?: { readonly undeliverable?: boolean },
  ): Promise<AnswerRecord | undefined>;
  markSent(id: string, sent: { readonly messageId: string }, now: Date): Promise<void>;
  markFailed(
    id: string,
    failure: { readonly error: string; readonly nextAttemptAt?: string; readonly undeliverable: boolean },
    now: Date,
  ): Promise<void>;
  /** Every answer not sent yet, whatever its state, oldest first. */
  unsent(): Promise<AnswerRecord[]>;
}
