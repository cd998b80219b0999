import { createHash } from 'node:crypto';
import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { type InputProblem, InvalidInputError } from '../domain/errors';
import { sanitizeHeaderText } from '../domain/mail-text';
import type { Period } from '../domain/period';
import { localDate } from '../domain/reminder-schedule';
import {
  listedUnchanged,
  MAIL_PROBLEM_LIMIT,
  receiptText,
  rejectionText,
} from '../domain/submission/submission-mail';
import type { UploadMoment } from '../domain/submission/upload-order';
import { validateSubmission } from '../domain/submission/validate-submission';
import { type WorkBudget, workBudget } from '../domain/submission/work-budget';
import { NO_COPY_REASONS } from '../domain/submission/workbook-limits';
import type { AnswerOutbox } from '../ports/answer-outbox';
import { BUSINESS_METRICS, type BusinessMetrics } from '../ports/business-metrics';
import type { Clock } from '../ports/clock';
import type { InboundMessages } from '../ports/inbound-messages';
import { type Log, silentLog } from '../ports/log';
import type { MailSender } from '../ports/mail-sender';
import type { ObjectStore, StoredObject } from '../ports/object-store';
import type { CommitOutcome, ProgressRepository } from '../ports/progress-repository';
import type { SubmissionHistory } from '../ports/submission-history';
import type { MarkedUpCopy, SubmissionWorkbooks } from '../ports/submission-workbooks';
import { annotatedKey, parseUploadKey, type UploadKey, uploadKey } from '../storage/object-keys';
import { answerSubmission } from './answer-submission';
import { type ComparedRows, compareWithPreviousPeriod } from './compare-with-previous-period';

/** One object-created notification for the uploads bucket, as S3 reports it. */
export interface UploadNotification {
  readonly bucket: string;
  /** The key as the event carries it: URL-encoded, spaces as '+'. */
  readonly encodedKey: string;
  readonly size: number;
  readonly eTag?: string;
  readonly versionId?: string;
  /** Orders events for one key; with the key and version it identifies the upload. */
  readonly sequencer: string;
  readonly eventTime: string;
  /** Who uploaded, as S3 saw it; used when the object carries no uploader metadata. */
  readonly principalId?: string;
}

interface Answered {
  readonly submissionId: string;
  readonly key: string;
}
export type IngestOutcome =
  | (Answered & {
      readonly kind: 'accepted' | 'duplicate';
      readonly office: string;
      readonly period: Period;
      readonly revision: number;
      readonly rows: number;
      readonly sha256: string;
      /** What the receipt warned of (a previous template version in its grace period). */
      readonly warnings?: readonly InputProblem[];
      /** Activity ids of the rows unchanged since the previous period (not for a duplicate). */
      readonly unchanged?: readonly string[];
    })
  | (Answered & {
      readonly kind: 'rejected';
      readonly office?: string;
      readonly period?: Period;
      readonly problems: readonly InputProblem[];
      readonly annotatedKey?: string;
    })
  /** The object is gone (deleted before it was processed): there is nothing to answer. */
  | (Answered & { readonly kind: 'gone' });

export interface IngestPorts {
  readonly catalog: Catalog;
  readonly config: ProductConfig;
  readonly clock: Clock;
  readonly uploads: ObjectStore;
  readonly progress: ProgressRepository;
  readonly history: SubmissionHistory;
  readonly mail: MailSender;
  readonly workbooks: SubmissionWorkbooks;
  /** Answers are recorded here before they are sent, and sent from the record. */
  readonly answers: AnswerOutbox;
  /** Received messages: a mailed workbook is answered in its message's thread. */
  readonly inbound: InboundMessages;
  readonly log?: Log;
  /** Accepted, rejected and duplicate uploads and the rows committed, each counted once it is final. */
  readonly metrics: BusinessMetrics;
}

/** Problems kept on a rejection record: a DynamoDB item holds at most 400 KB. */
export const STORED_PROBLEM_LIMIT = 300;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What is known of an upload once its key and head were read: who sent what, when, for which period. */
interface ReceivedUpload {
  readonly submissionId: string;
  /** The upload's user metadata: a mailed workbook names its message there. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly key: string;
  readonly versionId: string | undefined;
  /** The upload's ETag as HEAD gave it: recorded with the attempt. */
  readonly etag: string;
  readonly upload: UploadKey;
  readonly uploader: string;
  /** When the upload was made, as S3 said: what orders it against the office's other uploads. */
  readonly uploaded: UploadMoment;
  readonly received: {
    readonly office: string;
    readonly period: Period;
    readonly fileName: string;
    readonly receivedAt: string;
    readonly size: number;
  };
}

/**
 * One uploaded workbook, from notification to answer. A bad file is answered (rejected, with
 * every problem), never thrown; only failures worth retrying (S3, DynamoDB, a commit of the same
 * bytes in progress) escape, so the queue delivers the message again. The answer is recorded
 * before it is sent and a failed send is retried on its own (answer-submission.ts), so a mail
 * failure never runs the ingest again. Every step is safe to repeat: the same notification twice
 * yields one revision, one attempt record, one annotated copy, one answer.
 */
export async function ingestSubmission(
  notification: UploadNotification,
  ports: IngestPorts,
): Promise<IngestOutcome> {
  const log = ports.log ?? silentLog;
  const limits = ports.config.limits;
  const submissionId = submissionIdOf(notification);

  // 1. The key alone says whose file this is and for which period.
  const upload = uploadKeyOf(notification, ports, log);
  if (upload.kind === 'refused') {
    ports.metrics.count(BUSINESS_METRICS.submissionsRejected);
    return { kind: 'rejected', submissionId, ...upload.answer };
  }

  // 2. HeadObject: size and uploader before any byte is downloaded.
  const key = uploadKey(upload.key.office, upload.key.period, upload.key.fileName);
  const head = await ports.uploads.head(key, notification.versionId);
  if (!head) {
    log.warn('uploaded object no longer exists', { key, versionId: notification.versionId });
    return { kind: 'gone', submissionId, key };
  }
  const received = receivedUpload(notification, submissionId, upload.key, key, head);
  const reject = (problems: readonly InputProblem[], details: RejectionDetails) =>
    answerRejection(received, problems, details, ports);
  if (head.size > limits.maxUploadBytes)
    return reject([tooLarge(received, head.size, true, limits.maxUploadBytes)], {
      sha256: '',
      contacts: [],
      noCopy: NO_COPY_REASONS.overLimits,
    });

  // 3. GetObject, pinned to the version that was checked.
  const bytes = await ports.uploads.get(key, received.versionId);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length > limits.maxUploadBytes)
    return reject([tooLarge(received, bytes.length, false, limits.maxUploadBytes)], {
      sha256,
      contacts: [],
      noCopy: NO_COPY_REASONS.overLimits,
    });

  // 4. Safety checks, then the streaming parse, within the time budget (the adapter stops
  //    past it and answers `file.too-complex`, so a slow file is answered, never retried).
  const budget = workBudget(limits.timeBudgetSeconds, () => ports.clock.now().getTime());
  const reading = await ports.workbooks.read(bytes, limits, upload.key.fileName, budget);
  if (reading.kind !== 'read')
    return reject(reading.problems, { sha256, contacts: [], noCopy: reading.noCopy });

  // 5. Every rule, every row.
  const validated = validateSubmission(reading.workbook, {
    catalog: ports.catalog,
    office: upload.key.office,
    period: upload.key.period,
    file: upload.key.fileName,
    maxTextLength: limits.maxTextLength,
    templateGrace: {
      graceUntil: ports.config.submissions.previousTemplateGraceUntil,
      receivedOn: localDate(new Date(received.received.receivedAt), ports.config.timeZone),
    },
  });
  if (validated.problems.length > 0)
    return reject(validated.problems, { sha256, contacts: validated.contacts, workbook: bytes, budget });

  // 6. Each row marked unchanged or not against the previous period's current revision; then the
  //    rows become the next revision, all at once (or nothing changes for the same bytes).
  const compared = await compareWithPreviousPeriod(
    ports.progress,
    upload.key.office,
    upload.key.period,
    validated.rows,
  );
  const commit = await commitRows(received, validated, compared, sha256, bytes.length, ports);

  // 7. The record of the attempt, then the receipt.
  return answerAcceptance(received, commit, { validated, compared }, sha256, bytes.length, ports);
}

/** The upload's office, period and file name, or the answer to a key that names none (logged, nothing recorded). */
function uploadKeyOf(
  notification: UploadNotification,
  ports: IngestPorts,
  log: Log,
):
  | { readonly kind: 'parsed'; readonly key: UploadKey }
  | { readonly kind: 'refused'; readonly answer: { key: string; problems: readonly InputProblem[] } } {
  let upload: UploadKey;
  try {
    upload = parseUploadKey(notification.encodedKey, { encoded: true });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    // No office or period can be trusted, so there is no one to answer and nothing to record.
    log.warn('upload key refused', { key: notification.encodedKey, problems: error.problems });
    return { kind: 'refused', answer: { key: notification.encodedKey, problems: error.problems } };
  }
  if (notification.bucket !== ports.uploads.bucket)
    throw new Error(
      `notification for bucket ${notification.bucket}, but the uploads bucket is ${ports.uploads.bucket}`,
    );
  return { kind: 'parsed', key: upload };
}

function receivedUpload(
  notification: UploadNotification,
  submissionId: string,
  upload: UploadKey,
  key: string,
  head: StoredObject,
): ReceivedUpload {
  return {
    submissionId,
    metadata: head.metadata,
    key,
    versionId: head.versionId ?? notification.versionId,
    etag: head.etag,
    upload,
    uploader: uploaderOf(head.metadata.uploader, notification.principalId),
    uploaded: { eventTime: notification.eventTime, sequencer: notification.sequencer },
    received: {
      office: upload.office,
      period: upload.period,
      fileName: upload.fileName,
      receivedAt: new Date(notification.eventTime).toISOString(),
      size: head.size,
    },
  };
}

/** Over the size limit: said before download (from the head, in MB too) or after it (the bytes read). */
function tooLarge(
  received: ReceivedUpload,
  size: number,
  beforeDownload: boolean,
  limit: number,
): InputProblem {
  return {
    rule: 'file.too-large',
    file: received.upload.fileName,
    message: beforeDownload
      ? `the file is ${size} bytes; at most ${limit} bytes (${(limit / 1048576).toFixed(0)} MB) are accepted`
      : `the file is ${size} bytes; at most ${limit} are accepted`,
  };
}

async function commitRows(
  received: ReceivedUpload,
  validated: ReturnType<typeof validateSubmission>,
  compared: ComparedRows,
  sha256: string,
  size: number,
  ports: IngestPorts,
): Promise<CommitOutcome> {
  const now = ports.clock.now();
  const { upload, key, versionId } = received;
  const commit = await ports.progress.commitRevision(
    {
      office: upload.office,
      period: upload.period,
      submissionId: received.submissionId,
      sha256,
      acceptedAt: now.toISOString(),
      uploader: received.uploader,
      source: { bucket: ports.uploads.bucket, key, ...(versionId ? { versionId } : {}), size },
      catalogId: ports.catalog.id,
      catalogVersion: ports.catalog.version,
      templateVersion: validated.templateVersion ?? '',
      rowCount: validated.rows.length,
      ...(validated.attestation ? { attestation: validated.attestation } : {}),
      comparedWith: compared.comparedWith,
      unchangedRows: compared.unchanged.length,
      uploaded: received.uploaded,
    },
    compared.rows,
    now,
  );
  // Counted as it is committed: a redelivery of this notification finds the commit and counts nothing.
  if (commit.kind === 'committed') {
    ports.metrics.count(BUSINESS_METRICS.submissionsAccepted);
    ports.metrics.count(BUSINESS_METRICS.rowsIngested, commit.revision.rowCount);
  }
  return commit;
}

/** What the receipt tells beyond the revision: warnings, and the rows unchanged since last period. */
interface AcceptedWorkbook {
  readonly validated: ReturnType<typeof validateSubmission>;
  readonly compared: ComparedRows;
}

/** Records an accepted (or duplicate) upload and sends the receipt. */
async function answerAcceptance(
  received: ReceivedUpload,
  commit: CommitOutcome,
  { validated, compared }: AcceptedWorkbook,
  sha256: string,
  size: number,
  ports: IngestPorts,
): Promise<IngestOutcome> {
  const log = ports.log ?? silentLog;
  const { submissionId, key, versionId, upload, uploader } = received;
  // A redelivery of this very notification finds its own earlier commit: still an acceptance.
  const duplicate = commit.kind === 'duplicate' && commit.revision.submissionId !== submissionId;
  const revision = commit.revision.revision;
  const rows = commit.revision.rowCount;
  await ports.history.record({
    submissionId,
    office: upload.office,
    period: upload.period,
    receivedAt: received.received.receivedAt,
    uploader,
    sha256,
    size,
    source: { bucket: ports.uploads.bucket, key, ...(versionId ? { versionId } : {}) },
    ...(received.etag ? { etag: received.etag } : {}),
    outcome: duplicate ? 'duplicate' : 'accepted',
    revision,
    rowCount: rows,
  });
  const { warnings } = validated;
  const unchanged = duplicate ? undefined : unchangedRowsOf(compared, validated.rowNumbers);
  const text = receiptText({
    ...received.received,
    size,
    sha256,
    revision,
    rows,
    duplicate,
    warnings,
    unchanged,
  });
  await answerSubmission(
    {
      ...submissionOf(received, validated.contacts),
      text,
      outcome: {
        kind: 'accepted',
        office: upload.office,
        period: upload.period,
        revision,
        rows,
        sha256,
        duplicate,
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(unchanged ? { unchanged: listedUnchanged(unchanged) } : {}),
      },
    },
    { ...ports, log },
  );
  if (duplicate) ports.metrics.count(BUSINESS_METRICS.submissionsDuplicate);
  log.info(duplicate ? 'submission duplicate' : 'submission accepted', {
    submissionId,
    office: upload.office,
    period: upload.period,
    revision,
    rows,
  });
  return {
    kind: duplicate ? 'duplicate' : 'accepted',
    submissionId,
    key,
    office: upload.office,
    period: upload.period,
    revision,
    rows,
    sha256,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(duplicate ? {} : { unchanged: compared.unchanged }),
  };
}

/** The unchanged rows as the receipt lists them: activity and Progress row, and what they match. */
function unchangedRowsOf(compared: ComparedRows, rowNumbers: ReadonlyMap<string, number>) {
  return compared.comparedWith === null
    ? undefined
    : {
        since: compared.comparedWith,
        rows: compared.unchanged.map((activityId) => ({ activityId, row: rowNumbers.get(activityId) })),
      };
}

interface RejectionDetails {
  readonly sha256: string;
  readonly contacts: readonly string[];
  /** The upload's bytes when it is a workbook that was read within every limit: it may be marked up. */
  readonly workbook?: Buffer;
  /** What is left of the upload's time budget for the marked-up copy. */
  readonly budget?: WorkBudget;
  /** Why there is no marked-up copy, when there is no workbook to mark. */
  readonly noCopy?: string;
}

/** Records a rejected upload with every problem and answers the submitter, with the marked-up workbook when there is one. */
async function answerRejection(
  received: ReceivedUpload,
  found: readonly InputProblem[],
  details: RejectionDetails,
  ports: IngestPorts,
): Promise<IngestOutcome> {
  const log = ports.log ?? silentLog;
  const { submissionId, key, upload } = received;
  const markup = details.workbook
    ? await storeMarkedUpCopy(received, details.workbook, found, details.budget, ports)
    : { problems: found, ...(details.noCopy ? { noCopy: details.noCopy } : {}) };
  const { annotated, noCopy, problems } = markup;
  await ports.history.record({
    submissionId,
    office: upload.office,
    period: upload.period,
    receivedAt: received.received.receivedAt,
    uploader: received.uploader,
    sha256: details.sha256,
    size: received.received.size,
    source: {
      bucket: ports.uploads.bucket,
      key,
      ...(received.versionId ? { versionId: received.versionId } : {}),
    },
    ...(received.etag ? { etag: received.etag } : {}),
    outcome: 'rejected',
    problems: problems.slice(0, STORED_PROBLEM_LIMIT),
    problemCount: problems.length,
    ...(annotated ? { annotatedKey: annotated.key } : {}),
  });

  const text = rejectionText({
    ...received.received,
    sha256: details.sha256,
    problems,
    annotated: annotated !== undefined,
    ...(noCopy ? { noCopy } : {}),
  });
  await answerSubmission(
    {
      ...submissionOf(received, details.contacts),
      text,
      outcome: {
        kind: 'rejected',
        office: upload.office,
        period: upload.period,
        problems: problems.slice(0, MAIL_PROBLEM_LIMIT),
        problemCount: problems.length,
        annotated: annotated !== undefined,
      },
      ...(annotated
        ? {
            annotated: {
              key: annotated.key,
              filename: `${upload.fileName.replace(/\.xlsx$/i, '')}.errors.xlsx`,
            },
          }
        : {}),
    },
    { ...ports, log },
  );
  ports.metrics.count(BUSINESS_METRICS.submissionsRejected);
  log.info('submission rejected', {
    submissionId,
    office: upload.office,
    period: upload.period,
    problems: problems.length,
    rules: [...new Set(problems.map((problem) => problem.rule))],
  });
  return {
    kind: 'rejected',
    submissionId,
    key,
    office: upload.office,
    period: upload.period,
    problems,
    ...(annotated ? { annotatedKey: annotated.key } : {}),
  };
}

/**
 * The submitter's workbook with its problems marked, stored beside the upload but outside the
 * notified prefix (so it does not come back as a new upload). A workbook that cannot be marked up
 * is still answered, saying why; a time budget that ran out while marking adds its problem.
 */
async function storeMarkedUpCopy(
  received: ReceivedUpload,
  workbook: Buffer,
  found: readonly InputProblem[],
  budget: WorkBudget | undefined,
  ports: IngestPorts,
): Promise<{
  annotated?: { key: string; bytes: Buffer };
  noCopy?: string;
  problems: readonly InputProblem[];
}> {
  const { submissionId, key, upload } = received;
  let copy: MarkedUpCopy;
  try {
    copy = await ports.workbooks.annotate(workbook, found, ports.config.limits, upload.fileName, budget);
  } catch (error) {
    (ports.log ?? silentLog).warn('could not annotate the rejected workbook', {
      submissionId,
      key,
      error: String(error),
    });
    return { noCopy: NO_COPY_REASONS.failed, problems: found };
  }
  if (copy.kind === 'no-copy')
    return { noCopy: copy.reason, problems: copy.problem ? [...found, copy.problem] : found };
  const annotated = { key: annotatedKey(upload, submissionId), bytes: copy.bytes };
  await ports.uploads.put(annotated.key, annotated.bytes, {
    contentType: XLSX_TYPE,
    metadata: { 'submission-id': submissionId, source: encodeURIComponent(key) },
  });
  return { annotated, problems: found };
}

/** What the answer needs to know of the upload, whatever its outcome. */
function submissionOf(received: ReceivedUpload, contacts: readonly string[]) {
  return {
    submissionId: received.submissionId,
    key: received.key,
    office: received.upload.office,
    period: received.upload.period,
    uploader: received.uploader,
    contacts,
    metadata: received.metadata,
  };
}

function uploaderOf(metadata: string | undefined, principalId: string | undefined): string {
  const fromMetadata = sanitizeHeaderText(metadata ?? '', 254);
  if (fromMetadata !== '') return fromMetadata;
  const principal = sanitizeHeaderText(principalId ?? '', 254);
  return principal === '' ? 'unknown' : principal;
}

/**
 * The same upload always gets the same id, so a redelivered notification repeats its writes
 * instead of adding new ones; another upload of the same bytes is a new event with a new id.
 */
export function submissionIdOf(notification: UploadNotification): string {
  return createHash('sha256')
    .update(
      [
        notification.bucket,
        notification.encodedKey,
        notification.versionId ?? '',
        notification.sequencer,
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 24);
}
