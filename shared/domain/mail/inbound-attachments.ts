import { sanitizeHeaderText } from '../mail-text';
import type { InboundAttachment, InboundMessage, IntakeLimits } from './inbound-message';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook found in a message, with a name that is safe to show and to store. */
export interface SelectedWorkbook {
  /** Position among the message's workbooks, from 0: the slot its answer fills. */
  readonly slot: number;
  /** The attachment's own name, made one line and without folders: what the answer calls it. */
  readonly displayName: string;
  /** Why the name was changed, when it was (path parts, line breaks): said in the answer. */
  readonly renamed?: string;
  readonly content: Buffer;
}

export type MessageExamination =
  /** The message is answered, but nothing in it is submitted. */
  | {
      readonly kind: 'answer-only';
      readonly reason: 'no-workbook' | 'winmail' | 'too-many-attachments' | 'too-many-workbooks';
      readonly detail: string;
    }
  | {
      readonly kind: 'workbooks';
      readonly workbooks: readonly SelectedWorkbook[];
      /** Things the answer should mention (a forwarded message that was not read). */
      readonly notes: readonly string[];
    };

/**
 * Which parts of an authenticated message are workbooks. Each `.xlsx` attachment is one; inline
 * parts (signature logos), images and other files are ignored; Outlook's rich-text `winmail.dat`
 * hides the real attachment, so the sender is told how to send a normal one; attached messages
 * (`message/rfc822`) are never opened.
 */
export function examineMessage(message: InboundMessage, limits: IntakeLimits): MessageExamination {
  const attached = message.attachments.filter((part) => !part.inline);
  if (attached.length > limits.maxAttachments)
    return {
      kind: 'answer-only',
      reason: 'too-many-attachments',
      detail: `the message has ${attached.length} attachments; at most ${limits.maxAttachments} are read`,
    };
  const workbooks = attached.filter(isWorkbook);
  if (workbooks.length > limits.maxWorkbooks)
    return {
      kind: 'answer-only',
      reason: 'too-many-workbooks',
      detail: `the message has ${workbooks.length} workbooks; at most ${limits.maxWorkbooks} can be sent in one message`,
    };
  const notes =
    message.nestedMessages > 0
      ? [
          `${message.nestedMessages === 1 ? 'An attached message was' : `${message.nestedMessages} attached messages were`} not opened: attach the workbook itself, not an e-mail that carries it.`,
        ]
      : [];
  if (workbooks.length === 0) {
    if (attached.some(isWinmail))
      return {
        kind: 'answer-only',
        reason: 'winmail',
        detail: 'the workbook arrived inside winmail.dat (Outlook rich text)',
      };
    return {
      kind: 'answer-only',
      reason: 'no-workbook',
      detail:
        message.nestedMessages > 0
          ? 'no .xlsx attachment; an attached message was not opened'
          : 'no .xlsx attachment',
    };
  }
  return {
    kind: 'workbooks',
    workbooks: workbooks.map((part, slot) => ({
      slot,
      ...workbookName(part.fileName),
      content: part.content,
    })),
    notes,
  };
}

function isWorkbook(part: InboundAttachment): boolean {
  const name = baseName(part.fileName).toLowerCase();
  if (name !== '') return name.endsWith('.xlsx');
  return part.contentType === XLSX_CONTENT_TYPE;
}

function isWinmail(part: InboundAttachment): boolean {
  return (
    baseName(part.fileName).toLowerCase() === 'winmail.dat' || part.contentType === 'application/ms-tnef'
  );
}

/** The last path segment, whichever separator the sender's system uses. */
function baseName(name: string): string {
  return name.replace(/^.*[\\/]/, '').trim();
}

function workbookName(original: string): { displayName: string; renamed?: string } {
  const reasons: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(original)) reasons.push('line breaks or control characters');
  if (/[\\/]/.test(original)) reasons.push('folder names');
  const cleaned = sanitizeHeaderText(baseName(original.replace(/[\r\n]+/g, ' ')), 120);
  const displayName = cleaned === '' || cleaned.toLowerCase() === '.xlsx' ? 'workbook.xlsx' : cleaned;
  return reasons.length > 0
    ? { displayName, renamed: `the file name had ${reasons.join(' and ')}, which were removed` }
    : { displayName };
}
