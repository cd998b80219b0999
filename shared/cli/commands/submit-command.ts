import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import type { SubmitOptions } from './submit-action';

export function registerSubmitCommand(program: Command, io: CliIo): void {
  program
    .command('submit')
    .argument('<file>', 'the filled-in workbook (.xlsx)')
    .description(
      'upload a workbook to the uploads bucket under its office and period, and run the ingest on it exactly as AWS would (an S3 event notification inside an SQS message, handed to the ingest handler). Exits 0 when accepted (or already accepted), 2 when rejected.',
    )
    .option(
      '--uploader <email>',
      "who is uploading; stored as the object's uploader metadata and answered when no Point of Contact is given",
    )
    .option('--office <code>', 'upload under this office instead of the one in the workbook')
    .option('--period <YYYY-MM>', 'upload under this period instead of the one in the workbook')
    .option('--json', 'print the outcome as JSON')
    .action(async (file: string, options: SubmitOptions, command: Command) => {
      const { submitAction } = await import('./submit-action');
      await submitAction(io, file, options, globalOptionsOf(command));
    });
}
