import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { globalOptionsOf } from '../global-options';

export function registerReviewCommand(program: Command, io: CliIo): void {
  program
    .command('review')
    .summary("render a fiscal quarter's review pack and publish it in the report chain")
    .description(
      "render a fiscal quarter's performance review pack from the latest rollup snapshot of each of its months: a tagged PDF, an Excel workbook and an accessible HTML page, stored with the inputs they were rendered from (inputs.json) as a new version under reports/<FY…-Q…>/v<NNNN>/, with a manifest in the same hash chain as the monthly reports (docs/quarterly-review.md). Nothing is written when the quarter's latest pack has the same inputs, or when no month of the quarter has a snapshot (exit 2). Check it with `reports verify`, prove it with `reports reproduce`, fetch it with `reports get FY2027-Q1`.",
    )
    .requiredOption(
      '--quarter <FY-Q>',
      'the fiscal quarter, FY<year>-Q<1-4> (FY2027-Q1 is October–December 2026 with the default October start of the fiscal year)',
    )
    .option('--force', 'publish a new version even when the latest pack has the same inputs')
    .option('--json', 'print the result as JSON')
    .action(async (options: { quarter: string; force?: boolean; json?: boolean }, command: Command) => {
      const { reviewAction } = await import('./review-action');
      await reviewAction(io, options, globalOptionsOf(command));
    });
}
