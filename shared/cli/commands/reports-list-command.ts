import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerReportsListCommand(reports: Command, io: CliIo): void {
  reports
    .command('list')
    .summary('every rendered report version with its hashes')
    .description(
      'every rendered report version, by period then version: its place in the manifest chain, when it was generated and published, and the SHA-256 of its manifest (--json adds every file with key, size and SHA-256). Reads the report index only (one Query).',
    )
    .option('--from <YYYY-MM>', 'the first period to list (default: the earliest)')
    .option('--to <YYYY-MM>', 'the last period to list (default: the latest)')
    .option('--json', 'print the report records as JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }, command: Command) => {
      const { reportsListAction } = await import('./reports-list-action');
      await reportsListAction(io, options, globalOptionsOf(command));
    });
}
