import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import { PERIOD_OPTION_HELP } from '../period-option';

export function registerRenderCommand(program: Command, io: CliIo): void {
  program
    .command('render')
    .description(
      "render a period's report from its latest rollup snapshot: PDF brief, Excel workbook, accessible HTML brief and manifest, stored as a new report version under reports/<period>/v<NNNN>/",
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--force', 'render a new version even when the latest snapshot was already rendered')
    .option('--json', 'print the result as JSON')
    .action(async (options: { period?: string; force?: boolean; json?: boolean }, command: Command) => {
      const { renderAction } = await import('./render-action');
      await renderAction(io, options, globalOptionsOf(command));
    });
}
