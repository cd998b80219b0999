import { parseFiscalQuarter } from '../../domain/fiscal-quarter';
import { type ReviewResult, runReview } from '../../entries/review-entry';
import { type CliIo, printJson } from '../cli-io';
import { withLocalDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export function formatReviewResult(result: ReviewResult): string {
  const version = `v${String(result.version).padStart(4, '0')}`;
  const months = result.months
    .map(
      (month) =>
        `${month.period} ${month.snapshotVersion === null ? 'no snapshot' : `snapshot v${month.snapshotVersion}`}`,
    )
    .join(', ');
  if (result.outcome === 'already-rendered')
    return `${result.quarter}: review pack ${version} already has these inputs (${months}); nothing written (use --force to add a new version).`;
  return [
    `${result.quarter}: rendered review pack ${version} from ${months} (report #${result.sequence} in the manifest chain)`,
    ...result.files.map((file) => `  ${file.key}  ${file.size} bytes  sha256 ${file.sha256}`),
    `  ${result.manifest.key}  sha256 ${result.manifest.sha256}`,
    `  previous manifest: ${result.previousManifestSha256 ?? 'none (first report)'}`,
  ].join('\n');
}

export async function reviewAction(
  io: CliIo,
  options: { quarter: string; force?: boolean; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  // Checked before anything is opened: a bad quarter names the rule and touches no store.
  const quarter = parseFiscalQuarter(options.quarter, { column: '--quarter' });
  const result = await withLocalDependencies(globals, (deps) =>
    runReview(deps, { quarter, force: options.force === true }),
  );
  if (options.json) printJson(io, result);
  else io.out(formatReviewResult(result));
}
