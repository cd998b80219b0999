import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';
import { PERIOD_OPTION_HELP } from '../period-option';

export function registerRollupCommand(program: Command, io: CliIo): void {
  program
    .command('rollup')
    .description(
      "roll up a period's current submissions by goal, mission area, objective, key activity and office, and store the snapshot (a new version only when its inputs changed)",
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the whole snapshot as JSON, with whether it was stored or unchanged')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      const { rollupAction } = await import('./rollup-action');
      await rollupAction(io, options, globalOptionsOf(command));
    });
}
