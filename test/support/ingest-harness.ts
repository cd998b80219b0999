import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Dependencies } from '../../shared/composition/dependencies';
import { parseProductConfig } from '../../shared/config/product-config';
import { type Period, parsePeriod } from '../../shared/domain/period';
import { createIngestHandler } from '../../shared/entries/ingest-entry';
import { deliverS3Event, putUpload, uploadAndDeliver } from '../../shared/local/deliver-upload';
import { localDependencies } from '../../shared/local/local-dependencies';
import { type LocalRuntime, openLocalRuntime } from '../../shared/local/local-runtime';
import { silentLog } from '../../shared/ports/log';
import { uploadKey } from '../../shared/storage/object-keys';
import type { IngestOutcome } from '../../shared/use-cases/ingest-submission';
import { catalog } from './submitted-workbooks';

export interface IngestHarness {
  readonly runtime: LocalRuntime;
  readonly dependencies: Dependencies;
  readonly outcomes: IngestOutcome[];
  /** Uploads under uploads/<office>/<period>/<fileName> and runs the ingest as AWS would. */
  submit(
    office: string,
    period: string,
    fileName: string,
    bytes: Buffer,
    options?: { uploader?: string },
  ): Promise<{ outcome: IngestOutcome; failures: string[]; messageId: string; event: unknown }>;
  /** Only the upload: stores the object and returns the S3 event for it, for `deliver` to hand over later. */
  upload(office: string, period: string, fileName: string, bytes: Buffer, eventTime?: Date): Promise<unknown>;
  /** Hands any S3 event to the handler; returns the outcomes it produced and the failed message ids. */
  deliver(s3Event: unknown): Promise<{ outcomes: IngestOutcome[]; failures: string[] }>;
  handler: ReturnType<typeof createIngestHandler>;
  progressState(office: string, period: string): Promise<unknown>;
  mail(): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** The real ingest handler on the embedded servers (in memory), with every answer collected. */
export async function openIngestHarness(
  options: { config?: unknown; wrap?: (dependencies: Dependencies) => Dependencies } = {},
): Promise<IngestHarness> {
  const runtime = await openLocalRuntime();
  const config = parseProductConfig(options.config ?? {});
  const local = localDependencies(runtime, { catalog, config });
  const dependencies = options.wrap ? options.wrap(local) : local;
  const outcomes: IngestOutcome[] = [];
  const handler = createIngestHandler(dependencies, {
    log: silentLog,
    onOutcome: (outcome) => outcomes.push(outcome),
  });
  return {
    runtime,
    dependencies,
    outcomes,
    handler,
    async submit(office, period, fileName, bytes, submitOptions = {}) {
      const before = outcomes.length;
      const key = uploadKey(office, parsePeriod(period), fileName);
      const delivered = await uploadAndDeliver(
        { key, bytes, ...submitOptions },
        dependencies.uploads,
        handler,
      );
      // Concurrent submissions interleave their answers: pick this upload's by its key.
      const outcome = outcomes.slice(before).find((candidate) => candidate.key === key);
      const failures = delivered.response.batchItemFailures.map((failure) => failure.itemIdentifier);
      if (!outcome) throw new Error(`no outcome; failures: ${failures.join(', ')}`);
      return {
        outcome,
        failures,
        messageId: delivered.messageId,
        event: JSON.parse(delivered.event.Records[0]?.body ?? '{}'),
      };
    },
    upload: (office, period, fileName, bytes, eventTime) =>
      putUpload(
        { key: uploadKey(office, parsePeriod(period), fileName), bytes },
        dependencies.uploads,
        eventTime,
      ),
    async deliver(s3Event) {
      const before = outcomes.length;
      const delivered = await deliverS3Event(s3Event, handler);
      return {
        outcomes: outcomes.slice(before),
        failures: delivered.response.batchItemFailures.map((failure) => failure.itemIdentifier),
      };
    },
    progressState: (office, period) => progressState(dependencies, office, parsePeriod(period)),
    async mail() {
      let names: string[] = [];
      try {
        names = (await readdir(runtime.outboxDirectory)).filter((name) => name.endsWith('.eml')).sort();
      } catch {
        return [];
      }
      return Promise.all(
        names.map(async (name) => simpleParser(await readFile(join(runtime.outboxDirectory, name)))),
      );
    },
    close: () => runtime.close(),
  };
}

/** Everything stored as progress data for one office and period: what a rejection must not change. */
export async function progressState(dependencies: Dependencies, office: string, period: Period) {
  const revisions = await dependencies.progress.revisions(office, period);
  return {
    current: await dependencies.progress.currentRevision(office, period),
    currentInPeriod: await dependencies.progress.currentRevisions(period),
    revisions,
    rows: await Promise.all(
      revisions.map((record) => dependencies.progress.rows(office, period, record.revision)),
    ),
  };
}
