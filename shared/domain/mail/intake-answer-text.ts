import { formatProblem, type InputProblem } from '../errors';
import type { Period } from '../period';
import { MAIL_PROBLEM_LIMIT } from '../submission/submission-mail';

/** How one mailed workbook was answered. */
export type WorkbookOutcome =
  | {
      readonly kind: 'accepted';
      readonly office: string;
      readonly period: Period;
      readonly revision: number;
      readonly rows: number;
      readonly sha256: string;
      /** The same bytes were already accepted: nothing changed. */
      readonly duplicate: boolean;
    }
  | {
      readonly kind: 'rejected';
      readonly office?: string;
      readonly period?: Period;
      /** The first problems (an answer lists at most MAIL_PROBLEM_LIMIT). */
      readonly problems: readonly InputProblem[];
      readonly problemCount: number;
      /** A copy with the bad cells marked is attached. */
      readonly annotated: boolean;
    }
  /** Not submitted at all (a workbook of an office the sender is not listed for). */
  | { readonly kind: 'refused'; readonly detail: string };

export interface AnsweredWorkbook {
  readonly displayName: string;
  readonly renamed?: string;
  readonly outcome: WorkbookOutcome;
}

/** Why a message was answered without anything in it being submitted. */
export type MessageAnswerReason =
  | 'no-workbook'
  | 'winmail'
  | 'too-many-attachments'
  | 'too-many-workbooks'
  | 'oversized'
  | 'malformed';

const HOW_TO_SEND =
  'Reply to this e-mail with the filled-in workbook attached as a normal .xlsx file (not a link, not inside a zip or another e-mail).';

/** The body of the one answer to a message that carried workbooks: each workbook's outcome. */
export function workbooksAnswerText(input: {
  readonly workbooks: readonly AnsweredWorkbook[];
  readonly notes: readonly string[];
}): string {
  const accepted = input.workbooks.filter((workbook) => workbook.outcome.kind === 'accepted').length;
  const total = input.workbooks.length;
  const headline =
    total === 1
      ? accepted === 1
        ? 'Your workbook was received and accepted.'
        : 'Your workbook was received but NOT accepted: nothing in it was recorded.'
      : `${accepted} of your ${total} workbooks ${accepted === 1 ? 'was' : 'were'} accepted; each is answered below.`;
  const sections = input.workbooks.map((workbook, index) =>
    workbookSection(workbook, total > 1 ? index + 1 : 0),
  );
  const rejectedWithCopy = input.workbooks.some(
    (workbook) => workbook.outcome.kind === 'rejected' && workbook.outcome.annotated,
  );
  return [
    headline,
    '',
    ...sections.flatMap((lines) => [...lines, '']),
    ...(rejectedWithCopy
      ? [
          'The attached copy of each rejected workbook marks every bad cell in red with a note, and its Errors sheet lists every problem. Fix them and reply again with the corrected workbook.',
          '',
        ]
      : []),
    ...input.notes.flatMap((note) => [note, '']),
    'Keep this answer: the SHA-256 of an accepted workbook identifies exactly the file that was recorded.',
  ].join('\n');
}

function workbookSection(workbook: AnsweredWorkbook, number: number): string[] {
  const title = `${number > 0 ? `${number}. ` : ''}${workbook.displayName}`;
  const renamed = workbook.renamed ? [`   (${workbook.renamed})`] : [];
  const outcome = workbook.outcome;
  switch (outcome.kind) {
    case 'accepted':
      return [
        `${title}: ${outcome.duplicate ? 'already received, nothing changed' : 'ACCEPTED'}`,
        ...renamed,
        outcome.duplicate
          ? `   The same file was already accepted as revision ${outcome.revision} of ${outcome.office} ${outcome.period}.`
          : `   ${outcome.office} ${outcome.period} is now revision ${outcome.revision}: the current answers for the period. Earlier revisions are kept.`,
        `   Rows: ${outcome.rows}    Revision: ${outcome.revision}`,
        `   SHA-256: ${outcome.sha256}`,
      ];
    case 'rejected': {
      const listed = outcome.problems.slice(0, MAIL_PROBLEM_LIMIT);
      const count = outcome.problemCount;
      return [
        `${title}: REJECTED, ${count} problem${count === 1 ? '' : 's'}${outcome.office ? ` (${outcome.office} ${outcome.period ?? ''})` : ''}`.trimEnd(),
        ...renamed,
        ...listed.map((problem) => `   - ${formatProblem({ ...problem, file: undefined })}`),
        ...(count > listed.length
          ? [`   - ... and ${count - listed.length} more (see the Errors sheet)`]
          : []),
      ];
    }
    case 'refused':
      return [`${title}: NOT SUBMITTED`, ...renamed, `   ${capitalise(outcome.detail)}.`];
  }
}

/** The body of an answer to a message that carried no workbook that could be submitted. */
export function messageAnswerText(
  reason: MessageAnswerReason,
  detail: string,
  context: { readonly attachedWorkbooks: readonly { readonly office: string; readonly period: Period }[] },
): string {
  const attached = context.attachedWorkbooks
    .map((workbook) => `${workbook.office} ${workbook.period}`)
    .join(', ');
  const lines: Record<MessageAnswerReason, string[]> = {
    'no-workbook': [
      'Your message was received, but it has no workbook attached, so nothing was submitted.',
      ...(attached !== ''
        ? [
            `Your office's workbook (${attached}) is attached again: fill in the cells marked Input (shaded yellow), save it, and reply to this e-mail with it attached.`,
          ]
        : []),
    ],
    winmail: [
      'Your message was received, but its attachment came as "winmail.dat": Outlook sent the message in its rich-text format, which hides the workbook.',
      'To send a normal attachment: in Outlook, open a new reply, choose Format Text > HTML (or Plain Text), attach the workbook again and send. To change it for good: File > Options > Mail > Compose messages in HTML format.',
    ],
    'too-many-attachments': [
      `Your message was received but not read: ${detail}. Send only the workbook, and at most one workbook per office.`,
    ],
    'too-many-workbooks': [
      `Your message was received but not read: ${detail}. Send one message per office and period.`,
    ],
    oversized: [
      `Your message was received but not read: ${detail}. Send the workbook on its own, without other files or large images.`,
    ],
    malformed: [
      `Your message was received but could not be read (${detail}). Send it again from your usual mail program with the workbook attached.`,
    ],
  };
  return [...lines[reason], '', HOW_TO_SEND].join('\n');
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase()}${text.slice(1)}`;
}
