import { formatProblem, type InputProblem } from '../errors';
import type { Period } from '../period';

/**
 * The words of the e-mails a submitter receives. Subjects are built from validated values only
 * (office code, period, numbers); anything the submitter typed goes in the body, never a header.
 */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

/** How many problems an e-mail lists before pointing to the Errors sheet. */
export const MAIL_PROBLEM_LIMIT = 100;

interface Received {
  readonly office: string;
  readonly period: Period;
  readonly fileName: string;
  readonly receivedAt: string;
  readonly sha256: string;
  readonly size: number;
}

export function receiptText(
  received: Received & { readonly revision: number; readonly rows: number; readonly duplicate: boolean },
): MailText {
  const lines = received.duplicate
    ? [
        `Your workbook ${received.fileName} for ${received.office} ${received.period} was received again.`,
        `The same file was already accepted as revision ${received.revision}, so nothing changed.`,
      ]
    : [
        `Your workbook ${received.fileName} for ${received.office} ${received.period} was accepted.`,
        `It is now revision ${received.revision}: the current answers for ${received.period}. Earlier revisions are kept.`,
      ];
  return {
    subject: received.duplicate
      ? `Already received: ${received.office} progress for ${received.period} (revision ${received.revision}, unchanged)`
      : `Accepted: ${received.office} progress for ${received.period} (revision ${received.revision})`,
    text: [
      ...lines,
      '',
      `Office:      ${received.office}`,
      `Period:      ${received.period}`,
      `Revision:    ${received.revision}`,
      `Rows:        ${received.rows}`,
      `Received:    ${received.receivedAt}`,
      `File:        ${received.fileName} (${received.size} bytes)`,
      `SHA-256:     ${received.sha256}`,
      '',
      'Keep this receipt: the SHA-256 identifies exactly the file that was accepted.',
    ].join('\n'),
  };
}

export function rejectionText(
  received: Received & {
    readonly problems: readonly InputProblem[];
    readonly annotated: boolean;
    /** Why no marked-up copy is attached (NO_COPY_REASONS), when none is. */
    readonly noCopy?: string;
  },
): MailText {
  const count = received.problems.length;
  const listed = received.problems.slice(0, MAIL_PROBLEM_LIMIT);
  return {
    subject: `Rejected: ${received.office} progress for ${received.period} (${count} problem${count === 1 ? '' : 's'})`,
    text: [
      `Your workbook ${received.fileName} for ${received.office} ${received.period} was not accepted: nothing in it was recorded.`,
      received.annotated
        ? 'The attached copy of your workbook marks each bad cell in red with a note, and its Errors sheet lists every problem. Fix them and upload it again.'
        : [
            ...(received.noCopy ? [`No marked-up copy is attached: ${received.noCopy}.`] : []),
            'Fix the problems below and upload the workbook again.',
          ].join(' '),
      '',
      `${count} problem${count === 1 ? '' : 's'}:`,
      ...listed.map((problem) => `- ${formatProblem({ ...problem, file: undefined })}`),
      ...(count > listed.length ? [`- ... and ${count - listed.length} more (see the Errors sheet)`] : []),
      '',
      `Received:    ${received.receivedAt}`,
      `File:        ${received.fileName} (${received.size} bytes)`,
      ...(received.sha256 ? [`SHA-256:     ${received.sha256}`] : []),
    ].join('\n'),
  };
}
