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

/** The rows of an accepted workbook whose answers are those of the revision they were compared with. */
export interface UnchangedRows {
  readonly since: { readonly period: Period; readonly revision: number };
  /** The rows to list (a stored answer keeps the first MAIL_PROBLEM_LIMIT). */
  readonly rows: readonly { readonly activityId: string; readonly row?: number | undefined }[];
  /** How many rows are unchanged, when more than `rows` lists. */
  readonly total?: number;
}

/** `unchanged` cut to what an answer lists, for a record of bounded size. */
export function listedUnchanged(unchanged: UnchangedRows): UnchangedRows {
  return unchanged.rows.length <= MAIL_PROBLEM_LIMIT
    ? unchanged
    : { ...unchanged, rows: unchanged.rows.slice(0, MAIL_PROBLEM_LIMIT), total: unchanged.rows.length };
}

export function receiptText(
  received: Received & {
    readonly revision: number;
    readonly rows: number;
    readonly duplicate: boolean;
    /** Accepted, but worth telling: a previous template version in its grace period. */
    readonly warnings?: readonly InputProblem[];
    readonly unchanged?: UnchangedRows | undefined;
  },
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
      ...warningLines(received.warnings ?? []),
      ...unchangedLines(received.unchanged, received.rows),
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

/** The warnings of an accepted workbook, after a blank line (none: nothing). */
export function warningLines(warnings: readonly InputProblem[]): string[] {
  if (warnings.length === 0) return [];
  return [
    '',
    `Warning${warnings.length === 1 ? '' : 's'}:`,
    ...warnings.map((warning) => `- ${formatProblem({ ...warning, file: undefined })}`),
  ];
}

/** The rows unchanged since the previous period (after a blank line), so the office can check that is what it meant. */
export function unchangedLines(unchanged: UnchangedRows | undefined, rowCount: number): string[] {
  if (!unchanged || unchanged.rows.length === 0) return [];
  const { period, revision } = unchanged.since;
  const total = unchanged.total ?? unchanged.rows.length;
  const listed = unchanged.rows.slice(0, MAIL_PROBLEM_LIMIT);
  const more = total - listed.length;
  return [
    '',
    `Unchanged since ${period}: ${total} of ${rowCount} rows have exactly the answers of your ${period} revision ${revision}:`,
    ...listed.map(({ activityId, row }) => `- ${activityId}${row !== undefined ? ` (row ${row})` : ''}`),
    ...(more > 0 ? [`- ... and ${more} more`] : []),
    'If that is right, nothing to do. If not, bring those rows up to date and upload the workbook again.',
  ];
}
