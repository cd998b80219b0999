import { InvalidInputError } from '../domain/errors';
import type { Period } from '../domain/period';
import type { Announcement, IngestQueue, StoredUpload } from '../ports/ingest-queue';
import type { ObjectStore } from '../ports/object-store';
import type { SubmissionAttempt, SubmissionHistory } from '../ports/submission-history';
import { parseUploadKey, UPLOADS_PREFIX } from '../storage/object-keys';

/** An upload the ingest never answered: no submission record (accepted, duplicate or rejected) is of it. */
export interface UnansweredUpload {
  readonly key: string;
  readonly office: string;
  readonly period: Period;
  readonly size: number;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** An object under uploads/ whose key names no office and period: the ingest answers no one for it, records nothing. */
export interface UnaddressableObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: string;
  readonly problem: string;
}

export interface UploadReconciliation {
  /** The period looked at; all periods when absent. */
  readonly period?: Period;
  /** Uploads looked at (of the period, when one was asked for). */
  readonly checked: number;
  readonly unanswered: readonly UnansweredUpload[];
  /** Only when every period is looked at: such a key has no period. */
  readonly unaddressable: readonly UnaddressableObject[];
}

/**
 * Every upload under uploads/ that has no submission record: what an outage, a dead-letter queue
 * or a process that died between storing an upload and ingesting it leaves behind.
 *
 * Primary course:
 * 1. List every object under uploads/ (one listing, paged).
 * 2. Keep the period's uploads (by their key); set aside keys the ingest cannot answer.
 * 3. One Query per period: the attempts recorded for it.
 * 4. An upload is answered when an attempt names its key and is of this very object: the same
 *    ETag (a later upload to the same key has its own); records kept before ETags were, the same size.
 */
export async function findUnansweredUploads(
  ports: {
    readonly uploads: Pick<ObjectStore, 'list'>;
    readonly history: Pick<SubmissionHistory, 'attemptsInPeriod'>;
  },
  request: { readonly period?: Period } = {},
): Promise<UploadReconciliation> {
  // 1, 2.
  const uploads: UnansweredUpload[] = [];
  const unaddressable: UnaddressableObject[] = [];
  for await (const object of ports.uploads.list(UPLOADS_PREFIX)) {
    const lastModified = object.lastModified?.toISOString();
    const listed = { key: object.key, size: object.size, ...(lastModified ? { lastModified } : {}) };
    let office: string;
    let period: Period;
    try {
      ({ office, period } = parseUploadKey(object.key, { encoded: false }));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      if (!request.period)
        unaddressable.push({ ...listed, problem: error.problems[0]?.message ?? error.message });
      continue;
    }
    if (request.period && period !== request.period) continue;
    uploads.push({ ...listed, office, period, ...(object.etag ? { etag: object.etag } : {}) });
  }
  // 3.
  const periods = [...new Set(uploads.map((upload) => upload.period))].sort();
  const attempts = new Map<Period, SubmissionAttempt[]>();
  for (const period of periods) attempts.set(period, await ports.history.attemptsInPeriod(period));
  // 4.
  const unanswered = uploads.filter(
    (upload) => !(attempts.get(upload.period) ?? []).some((attempt) => isOf(attempt, upload)),
  );
  return {
    ...(request.period ? { period: request.period } : {}),
    checked: uploads.length,
    unanswered,
    unaddressable,
  };
}

const unquoted = (etag: string) => etag.replace(/"/g, '');

function isOf(attempt: SubmissionAttempt, upload: UnansweredUpload): boolean {
  if (attempt.source.key !== upload.key) return false;
  if (attempt.etag !== undefined && upload.etag !== undefined)
    return unquoted(attempt.etag) === unquoted(upload.etag);
  return attempt.size === upload.size;
}

/**
 * Announces each unanswered upload to the ingest exactly as S3 would have, one after another, and
 * says what became of each: the ingest's answer where it answers at once (locally), the message
 * sent otherwise (AWS).
 */
export async function replayUploads(
  ports: { readonly ingestQueue: IngestQueue },
  uploads: readonly UnansweredUpload[],
): Promise<Announcement[]> {
  const announcements: Announcement[] = [];
  for (const upload of uploads) {
    const stored: StoredUpload = {
      key: upload.key,
      size: upload.size,
      ...(upload.etag ? { etag: upload.etag } : {}),
      ...(upload.lastModified ? { lastModified: new Date(upload.lastModified) } : {}),
    };
    announcements.push(await ports.ingestQueue.announce(stored));
  }
  return announcements;
}
