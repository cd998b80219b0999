import { InvalidInputError } from '../domain/errors';
import { isPeriod, type Period } from '../domain/period';
import { isReportPeriod, type ReportPeriod } from '../domain/report/report-period';

/**
 * S3 key layout (docs/architecture.md). Every key that includes something a user chose is built
 * and parsed here, and nowhere else, so the validation cannot be skipped.
 */
export const UPLOADS_PREFIX = 'uploads/';
export const ANNOTATED_PREFIX = 'annotated/';
export const REPORTS_PREFIX = 'reports/';
export const SNAPSHOTS_PREFIX = 'snapshots/';
/** Raw received messages, written by SES (uploads bucket, outside the notified prefix). */
export const INBOUND_PREFIX = 'inbound/';
/** Files an answer carries that are not uploads or annotated copies (an office's workbook sent again). */
export const ANSWERS_PREFIX = 'answers/';

const SES_MESSAGE_ID = /^[A-Za-z0-9-]{1,100}$/;

const OFFICE_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;
/**
 * A file name as people name workbooks ("OFO October (2).xlsx"): letters, digits, space, dot,
 * dash, underscore and parentheses; not starting with a dot or space; ending .xlsx.
 */
const FILE_NAME_PATTERN = /^[A-Za-z0-9_()-][A-Za-z0-9 ._()-]{0,127}\.xlsx$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** An office code as keys and items carry it (upper case letters and digits, 2 to 10). */
export function isOfficeCode(value: string): boolean {
  return OFFICE_PATTERN.test(value);
}

export interface UploadKey {
  readonly office: string;
  readonly period: Period;
  readonly fileName: string;
}

function keyProblem(key: string, message: string): InvalidInputError {
  return new InvalidInputError({ rule: 'upload.key', message, file: JSON.stringify(key) });
}

/**
 * Parses an uploads-bucket key `uploads/<OFFICE>/<YYYY-MM>/<file>.xlsx`. The key arrives from an
 * S3 event, URL-encoded; it is decoded once, and anything that could address another place
 * (`..`, encoded slashes, backslashes, control characters) is refused rather than cleaned.
 */
export function parseUploadKey(rawKey: string, { encoded }: { encoded: boolean }): UploadKey {
  let key = rawKey;
  if (encoded) {
    if (/%2f|%5c/i.test(rawKey)) throw keyProblem(rawKey, 'the object key contains an encoded slash');
    try {
      // S3 event keys encode spaces as '+'.
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      throw keyProblem(rawKey, 'the object key is not valid URL encoding');
    }
    if (/%[0-9a-f]{2}/i.test(key)) throw keyProblem(rawKey, 'the object key is encoded twice');
  }
  if (CONTROL_CHARACTERS.test(key)) throw keyProblem(rawKey, 'the object key contains control characters');
  if (key.includes('\\')) throw keyProblem(rawKey, 'the object key contains a backslash');
  if (key.split('/').some((segment) => segment === '..' || segment === '.'))
    throw keyProblem(rawKey, 'the object key contains a ../ or ./ path segment');
  const parts = key.split('/');
  if (parts.length !== 4 || `${parts[0]}/` !== UPLOADS_PREFIX)
    throw keyProblem(rawKey, 'an upload key must be uploads/<OFFICE>/<YYYY-MM>/<file>.xlsx');
  const [, office, period, fileName] = parts as [string, string, string, string];
  if (!OFFICE_PATTERN.test(office)) throw keyProblem(rawKey, `"${office}" is not an office code`);
  if (!isPeriod(period)) throw keyProblem(rawKey, `"${period}" is not a reporting period (YYYY-MM)`);
  if (!FILE_NAME_PATTERN.test(fileName))
    throw keyProblem(
      rawKey,
      'the file name must end in .xlsx and use only letters, digits, spaces, dots, dashes, underscores and parentheses (at most 128 characters)',
    );
  return { office, period, fileName };
}

/** Makes a file name safe to store: keeps letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const stem = base.replace(/\.xlsx$/i, '');
  const cleaned = stem
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  return `${cleaned === '' ? 'submission' : cleaned}.xlsx`;
}

export function uploadKey(office: string, period: Period, fileName: string): string {
  const key = `${UPLOADS_PREFIX}${office}/${period}/${fileName}`;
  parseUploadKey(key, { encoded: false });
  return key;
}

/** Where SES stores a received message: the receipt rule's prefix and SES's message id. */
export function inboundKey(sesMessageId: string): string {
  if (!SES_MESSAGE_ID.test(sesMessageId)) throw new Error('invalid SES message id');
  return `${INBOUND_PREFIX}${sesMessageId}`;
}

/**
 * Where a mailed workbook is uploaded: under its office and period, named after the message and
 * its place in it (so two messages never overwrite each other), then the attachment's own name
 * made safe.
 */
export function mailedUploadKey(
  office: string,
  period: Period,
  sesMessageId: string,
  slot: number,
  attachmentName: string,
): string {
  if (!SES_MESSAGE_ID.test(sesMessageId) || !Number.isInteger(slot) || slot < 0 || slot > 99)
    throw new Error('invalid mailed upload key parts');
  const tag = sesMessageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  return uploadKey(office, period, `mail-${tag}-${slot + 1}-${safeFileName(attachmentName)}`);
}

/** A file an answer attaches that lives nowhere else, e.g. `answers/<answer>/<file>.xlsx`. */
export function answerAttachmentKey(answerId: string, fileName: string): string {
  const folder = answerId.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 120);
  if (folder === '') throw new Error('invalid answer id');
  return `${ANSWERS_PREFIX}${folder}/${safeFileName(fileName)}`;
}

/** Where the annotated copy of a rejected upload is kept: beside it, outside the ingest prefix. */
export function annotatedKey(upload: UploadKey, submissionId: string): string {
  const stem = upload.fileName.replace(/\.xlsx$/i, '');
  return `${ANNOTATED_PREFIX}${upload.office}/${upload.period}/${stem}.${submissionId}.errors.xlsx`;
}

/** A rollup snapshot's JSON, addressed by its input hash: the same inputs always land on the same key. */
export function snapshotKey(period: Period, inputHash: string): string {
  if (!isPeriod(period) || !/^[0-9a-f]{64}$/.test(inputHash)) throw new Error('invalid snapshot key parts');
  return `${SNAPSHOTS_PREFIX}${period}/${inputHash}.json`;
}

const REPORT_FILE = /^[a-z]+(\.[a-z]+)?\.(pdf|xlsx|html|json|xml)$/;

/**
 * Where one file of a report version lives: `reports/<period>/v<NNNN>/<file>` — a month's report
 * (`reports/2026-10/…`) or a quarter's review pack (`reports/FY2027-Q1/…`); each version has its own keys.
 */
export function reportKey(period: ReportPeriod, version: number, fileName: string): string {
  if (
    !isReportPeriod(period) ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > 9999 ||
    !REPORT_FILE.test(fileName)
  )
    throw new Error('invalid report key parts');
  return `${REPORTS_PREFIX}${period}/v${String(version).padStart(4, '0')}/${fileName}`;
}

/**
 * Whether `key` is exactly where file `fileName` of report `period` v`version` lives. Used to check
 * keys read back from stored manifests before anything is fetched from them.
 */
export function isReportKey(key: string, period: string, version: number, fileName: string): boolean {
  try {
    return isReportPeriod(period) && reportKey(period, version, fileName) === key;
  } catch {
    return false;
  }
}
