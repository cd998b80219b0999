import { runRollup } from '../../entries/rollup-entry';
import { loadSnapshot } from '../../use-cases/snapshot-storage';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';
import { periodInput } from '../period-option';
import { formatRollupSummary } from '../rollup-summary';

export async function rollupAction(
  io: CliIo,
  options: { period?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  await withLocalDependencies(globals, async (deps) => {
    // What the scheduled Lambda runs, with the local stores behind it.
    const result = await runRollup(deps, periodInput(options.period));
    const snapshot = await loadSnapshot(deps.reportObjects, result.record);
    if (options.json) {
      const { inputs: _inputs, headline: _headline, ...record } = result.record;
      printJson(io, { outcome: result.outcome, record, snapshot });
    } else io.out(formatRollupSummary(snapshot, result.outcome, result.record));
  });
}
