import type { Command } from 'commander';
import type { RenderResult } from '../../entries/render-entry';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withLocalDependencies } from '../global-options';
import { PERIOD_OPTION_HELP, periodInput } from '../period-option';

export function formatRenderResult(result: RenderResult): string {
  const version = `v${String(result.version).padStart(4, '0')}`;
  if (result.outcome === 'already-rendered')
    return `${result.period}: rollup snapshot v${result.snapshot.version} was already rendered as report ${version}; nothing written (use --force to add a new version).`;
  return [
    `${result.period}: rendered report ${version} from rollup snapshot v${result.snapshot.version} (report #${result.sequence} in the manifest chain)`,
    ...result.files.map((file) => `  ${file.key}  ${file.size} bytes  sha256 ${file.sha256}`),
    `  ${result.manifest.key}  sha256 ${result.manifest.sha256}`,
    `  previous manifest: ${result.previousManifestSha256 ?? 'none (first report)'}`,
  ].join('\n');
}

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
      const request = { ...periodInput(options.period), force: options.force === true };
      // Loaded on use: the renderers (pdfmake, exceljs) would slow every other command's start.
      const { runRender } = await import('../../entries/render-entry');
      const result = await withLocalDependencies(globalOptionsOf(command), (deps) =>
        runRender(deps, request),
      );
      if (options.json) printJson(io, result);
      else io.out(formatRenderResult(result));
    });
}
