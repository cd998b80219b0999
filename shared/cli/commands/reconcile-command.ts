import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { ReconcileOptions } from './reconcile-action';

export function registerReconcileCommand(program: Command, io: CliIo): void {
  program
    .command('reconcile')
    .description(
      'list every upload under uploads/ that has no submission record (accepted, duplicate or rejected): uploads the ingest never answered, after a crash, an outage or a dead-letter queue; with --replay, announce each to the ingest exactly as S3 would (locally the ingest answers at once; with --target aws --stack NAME the S3 event goes to the ingest queue). Also lists objects under uploads/ whose key names no office and period, which the ingest cannot answer',
    )
    .option('--period <YYYY-MM>', 'only uploads for this period (default: every period)')
    .option('--replay', 'deliver each unanswered upload to the ingest, one after another')
    .option(
      '--stateless-stack <name>',
      'with --target aws --replay: the stack whose IngestQueueUrl output names the queue (default: --stack with -Stateful replaced by -Stateless)',
    )
    .option('--json', 'print the uploads (and what became of each replay) as JSON')
    .action(async (options: ReconcileOptions, command: Command) => {
      const { reconcileAction } = await import('./reconcile-action');
      await reconcileAction(io, options, globalOptionsOf(command));
    });
}
