import type { WorkbookOutcome } from '../domain/mail/intake-answer-text';
import type { ReceiptVerdicts } from '../domain/mail/receipt-verdicts';
import type { Period } from '../domain/period';

/** One workbook of a received message and where it went. */
export interface InboundWorkbookSlot {
  readonly slot: number;
  readonly displayName: string;
  readonly renamed?: string;
  /** The upload it became; absent when it was refused before being submitted. */
  readonly key?: string;
  readonly office?: string;
  readonly period?: Period;
}

export type InboundStatus =
  /** Being handled (or its handler died: the next delivery goes on). */
  | 'receiving'
  /** Not from a listed, authenticated sender, or a virus or spam: no reply, nothing submitted. */
  | 'refused'
  /** Automatic mail (RFC 3834): no reply. */
  | 'ignored'
  /** The same message (Message-ID) from the same sender was received before. */
  | 'duplicate'
  /** Answered without submitting anything (no workbook, winmail.dat, limits). */
  | 'answered'
  /** Its workbooks were submitted; one answer follows once each has its outcome. */
  | 'submitted';

export interface InboundRecord {
  /** SES's id of the message: the stored raw message is `inbound/<id>`. */
  readonly id: string;
  readonly receivedAt: string;
  /** The From address (authenticated only when status is answered or submitted). */
  readonly sender: string;
  readonly envelopeFrom: string;
  /** Offices the sender is listed for. */
  readonly offices: readonly string[];
  /** One line, sanitised. */
  readonly subject: string;
  readonly rfcMessageId?: string;
  readonly references: readonly string[];
  readonly verdicts: ReceiptVerdicts;
  readonly status: InboundStatus;
  /** Why it was refused, ignored or answered, e.g. `dmarc-failed`, `no-workbook`. */
  readonly reason?: string;
  readonly detail?: string;
  readonly workbooks: readonly InboundWorkbookSlot[];
  readonly notes: readonly string[];
}

/** A workbook's outcome as recorded on its message (the marked-up copy by key). */
export type RecordedWorkbookOutcome = WorkbookOutcome & { readonly annotatedKey?: string };

/** Received messages and the outcomes of their workbooks (the table in AWS and locally). */
export interface InboundMessages {
  /** Records a message unless it exists; either way returns the stored record. */
  begin(record: InboundRecord): Promise<{ readonly created: boolean; readonly record: InboundRecord }>;
  /** Sets the final status (and the workbooks) of a message being received. */
  finish(
    id: string,
    result: Pick<InboundRecord, 'status' | 'workbooks' | 'notes'> &
      Partial<
        Pick<
          InboundRecord,
          'reason' | 'detail' | 'sender' | 'offices' | 'subject' | 'rfcMessageId' | 'references'
        >
      >,
  ): Promise<InboundRecord>;
  get(id: string): Promise<InboundRecord | undefined>;
  /**
   * Claims a sender's Message-ID for this message; returns the id of the message that holds it
   * (this one, or the one that arrived first).
   */
  claimMessageId(sender: string, rfcMessageId: string, id: string): Promise<string>;
  /** Records a workbook's outcome once; false when that slot already had one. */
  recordOutcome(id: string, slot: number, outcome: RecordedWorkbookOutcome): Promise<boolean>;
  outcomes(id: string): Promise<ReadonlyMap<number, RecordedWorkbookOutcome>>;
  /** Every message received in a calendar month (UTC, YYYY-MM), oldest first. */
  receivedIn(month: string): Promise<InboundRecord[]>;
}
