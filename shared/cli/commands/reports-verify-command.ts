import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerReportsVerifyCommand(reports: Command, io: CliIo): void {
  reports
    .command('verify')
    .summary('re-hash every file and walk the manifest chain; exit 2 naming the first mismatch')
    .argument(
      '[period]',
      'only this period (YYYY-MM): its versions, and the chain links from the head down to them',
    )
    .description(
      "prove the stored reports are what was published: walk the manifest chain from its head back to the first report (every link must match the previous manifest's SHA-256, with no gap in sequence), re-hash every stored file and snapshot against its manifest, check each manifest against its report index item, and account for every index item. Names the first file or link that does not match and exits 2; exits 0 when everything matches. Without PERIOD (or with --all) checks everything. Reads only.",
    )
    .option('--all', 'verify the whole chain and every report (the default without PERIOD)')
    .option('--json', 'print every check, count and finding as JSON')
    .action(
      async (
        periodText: string | undefined,
        options: { all?: boolean; json?: boolean },
        command: Command,
      ) => {
        const { reportsVerifyAction } = await import('./reports-verify-action');
        await reportsVerifyAction(io, periodText, options, globalOptionsOf(command));
      },
    );
}
