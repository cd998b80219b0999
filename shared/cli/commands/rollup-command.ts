import type { Command } from 'commander';
import { runRollup } from '../../entries/rollup-entry';
import { loadSnapshot } from '../../use-cases/snapshot-storage';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withLocalDependencies } from '../global-options';
import { PERIOD_OPTION_HELP, periodInput } from '../period-option';
import { formatRollupSummary } from '../rollup-summary';

export function registerRollupCommand(program: Command, io: CliIo): void {
  program
    .command('rollup')
    .description(
      "roll up a period's current submissions by goal, mission area, objective, key activity and office, and store the snapshot (a new version only when its inputs changed)",
    )
    .option('--period <YYYY-MM>', PERIOD_OPTION_HELP)
    .option('--json', 'print the whole snapshot as JSON, with whether it was stored or unchanged')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      await withLocalDependencies(globalOptionsOf(command), async (deps) => {
        // What the scheduled Lambda runs, with the local stores behind it.
        const result = await runRollup(deps, periodInput(options.period));
        const snapshot = await loadSnapshot(deps.reportObjects, result.record);
        if (options.json) {
          const { inputs: _inputs, headline: _headline, ...record } = result.record;
          printJson(io, { outcome: result.outcome, record, snapshot });
        } else io.out(formatRollupSummary(snapshot, result.outcome, result.record));
      });
    });
}
