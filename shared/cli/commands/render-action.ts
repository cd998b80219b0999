import { type RenderResult, runRender } from '../../entries/render-entry';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';
import { periodInput } from '../period-option';

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

export async function renderAction(
  io: CliIo,
  options: { period?: string; force?: boolean; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const request = { ...periodInput(options.period), force: options.force === true };
  const result = await withLocalDependencies(globals, (deps) => runRender(deps, request));
  if (options.json) printJson(io, result);
  else io.out(formatRenderResult(result));
}
