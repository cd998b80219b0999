import { SQSClient } from '@aws-sdk/client-sqs';
import { resolveIngestQueueUrl } from '../../adapters/aws/stack-resources';
import { SqsIngestQueue } from '../../adapters/sqs/sqs-ingest-queue';
import type { Dependencies } from '../../composition/dependencies';
import { InvalidInputError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import { LocalIngestQueue } from '../../local/local-ingest-queue';
import type { Announcement, IngestQueue } from '../../ports/ingest-queue';
import type { Log } from '../../ports/log';
import {
  findUnansweredUploads,
  replayUploads,
  type UploadReconciliation,
} from '../../use-cases/reconcile-uploads';
import { cliLog } from '../cli-input';
import { type CliIo, printJson } from '../cli-io';
import { type DeployedStack, withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export interface ReconcileOptions {
  readonly period?: string;
  readonly replay?: boolean;
  readonly statelessStack?: string;
  readonly json?: boolean;
}

/**
 * `strategy-report reconcile`: 1. find the uploads with no submission record; 2. with --replay,
 * announce each to the ingest (the handler locally, the queue in AWS); 3. say what was found and
 * what became of each. Exits 1 if the ingest failed on one (it would be retried in AWS).
 */
export async function reconcileAction(
  io: CliIo,
  options: ReconcileOptions,
  globals: GlobalOptions,
): Promise<void> {
  const period =
    options.period === undefined ? undefined : parsePeriod(options.period, { column: '--period' });
  const log = cliLog(io, globals.verbose === true);
  const result = await withTargetDependencies(globals, async (deps, aws) => {
    const found = await findUnansweredUploads(deps, period ? { period } : {});
    if (!options.replay || found.unanswered.length === 0) return { found };
    const replayed = await withIngestQueue(deps, aws, options, log, (ingestQueue) =>
      replayUploads({ ingestQueue }, found.unanswered),
    );
    return { found, replayed };
  });
  if (options.json)
    printJson(io, { ...result.found, ...(options.replay ? { replayed: result.replayed ?? [] } : {}) });
  else io.out(formatReconciliation(result.found, result.replayed, options.replay === true, aws(globals)));
  const failed = (result.replayed ?? []).filter((announcement) => announcement.failed);
  if (failed.length > 0)
    throw new Error(
      `the ingest failed on ${failed.length} of ${result.replayed?.length} replayed upload(s); first: ${failed[0]?.key}: ${failed[0]?.failed}`,
    );
}

const aws = (globals: GlobalOptions) => (globals.target ?? 'local') === 'aws';

/** The ingest handler locally; in AWS the queue the stateless stack names, through a client made for it. */
async function withIngestQueue<T>(
  deps: Dependencies,
  deployed: DeployedStack | undefined,
  options: ReconcileOptions,
  log: Log,
  work: (queue: IngestQueue) => Promise<T>,
): Promise<T> {
  if (!deployed) return work(new LocalIngestQueue(deps, log));
  const stateless = options.statelessStack ?? statelessStackOf(deployed.stack);
  const queueUrl = await resolveIngestQueueUrl(deployed.clients.cloudformation, stateless);
  const sqs = new SQSClient({ region: deployed.region });
  try {
    return await work(
      new SqsIngestQueue(sqs, queueUrl, {
        region: deployed.region,
        bucket: deps.names.buckets.uploads,
        clock: deps.clock,
      }),
    );
  } finally {
    sqs.destroy();
  }
}

function statelessStackOf(stateful: string): string {
  if (stateful.endsWith('-Stateful')) return stateful.replace(/-Stateful$/, '-Stateless');
  throw new InvalidInputError({
    rule: 'reconcile.stateless-stack',
    message: `cannot tell the stateless stack from --stack ${stateful}: give --stateless-stack NAME`,
    column: '--stateless-stack',
  });
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function formatReconciliation(
  found: UploadReconciliation,
  replayed: readonly Announcement[] | undefined,
  replay: boolean,
  deployed: boolean,
): string {
  const scope = found.period ? `for ${found.period}` : 'in every period';
  const lines: string[] = [];
  if (found.unanswered.length === 0)
    lines.push(
      `every upload under uploads/ ${scope} has a submission record (${plural(found.checked, 'upload')} checked)`,
    );
  else {
    lines.push(
      `${plural(found.unanswered.length, 'upload')} under uploads/ ${scope} ${found.unanswered.length === 1 ? 'has' : 'have'} no submission record (${found.checked} checked):`,
    );
    for (const upload of found.unanswered)
      lines.push(
        `  ${upload.key}  ${upload.size} bytes  stored ${upload.lastModified ?? 'at an unknown time'}`,
      );
  }
  if (found.unaddressable.length > 0) {
    lines.push(
      `${plural(found.unaddressable.length, 'object')} under uploads/ the ingest cannot answer (the key names no office and period); rename or delete:`,
    );
    for (const object of found.unaddressable) lines.push(`  ${object.key}  (${object.problem})`);
  }
  if (replayed && replayed.length > 0) {
    lines.push(`replayed ${plural(replayed.length, 'upload')}:`);
    for (const announcement of replayed) lines.push(`  ${announcement.key}: ${answerOf(announcement)}`);
    if (deployed)
      lines.push('the ingest answers them from its queue: run reconcile again in a few minutes to check');
  } else if (found.unanswered.length > 0 && !replay)
    lines.push(
      `to have the ingest answer them: strategy-report reconcile${found.period ? ` --period ${found.period}` : ''} --replay`,
    );
  return lines.join('\n');
}

function answerOf(announcement: Announcement): string {
  if (announcement.failed) return `FAILED: ${announcement.failed}`;
  const outcome = announcement.outcome;
  if (!outcome) return `sent to the ingest queue (message ${announcement.messageId})`;
  switch (outcome.kind) {
    case 'accepted':
    case 'duplicate':
      return `${outcome.kind === 'accepted' ? 'accepted' : 'accepted, nothing changed'}: ${outcome.office} ${outcome.period} revision ${outcome.revision}, ${outcome.rows} rows`;
    case 'rejected':
      return `rejected: ${outcome.office ?? '?'} ${outcome.period ?? '?'}, ${plural(outcome.problems.length, 'problem')} (history --office ${outcome.office ?? '?'} --period ${outcome.period ?? '?'} lists them)`;
    case 'gone':
      return 'gone: deleted before the ingest read it';
  }
}
