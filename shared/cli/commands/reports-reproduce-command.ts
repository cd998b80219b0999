import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerReportsReproduceCommand(reports: Command, io: CliIo): void {
  reports
    .command('reproduce')
    .summary("render a version again in memory and compare every file's bytes")
    .argument('<period>', 'the reporting period, YYYY-MM')
    .description(
      'render a report version again, in memory, from the snapshot its manifest names (with the generated-at date and render options the manifest records) and say for every file whether its bytes match the stored ones. Writes nothing. Exits 2 if any file differs.',
    )
    .option('--version <n>', 'the report version (default: the latest)')
    .option('--json', 'print every file with its recorded, stored and reproduced SHA-256 as JSON')
    .action(async (periodText: string, options: { version?: string; json?: boolean }, command: Command) => {
      const { reportsReproduceAction } = await import('./reports-reproduce-action');
      await reportsReproduceAction(io, periodText, options, globalOptionsOf(command));
    });
}
