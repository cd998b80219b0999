import { reportFileRenderer } from '../../adapters/report/report-file-renderer';
import { SOFTWARE_VERSION } from '../../config/software-version';
import { reportLabel } from '../../domain/audit/audit-finding';
import { parseReportVersion } from '../../domain/audit/report-version';
import { IntegrityError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import { type Reproduction, reproduceReport } from '../../use-cases/reproduce-report';
import { type CliIo, printJson } from '../cli-io';
import { withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export function formatReproduction(result: Reproduction): string {
  const banner = result.renderOptions.markingBanner;
  const pdf = result.renderOptions.taggedPdf ? 'tagged' : 'untagged (rendered before the brief was tagged)';
  const lines = [
    `${reportLabel(result.period, result.version)} (#${result.sequence}): rendered again in memory from snapshot ${result.snapshot.period} v${result.snapshot.version} (${result.snapshot.key}), generated at ${result.generatedAt}, marking banner ${banner === null ? 'none' : JSON.stringify(banner)}, PDF ${pdf}`,
    ...result.files.map(
      (file) =>
        `  ${file.name.padEnd(18)} ${file.matches ? `matches  sha256 ${file.recordedSha256}` : `DIFFERS  ${file.difference}`}`,
    ),
  ];
  const { recorded, running } = result.softwareVersion;
  if (recorded !== running && !onlyRendererChanged(result))
    lines.push(
      `  note: rendered by strategy-report ${recorded}, reproduced with ${running}: another version may lay files out differently; reproduce with ${recorded} to prove a difference`,
    );
  lines.push(
    result.matches
      ? 'every file is byte-identical to the stored one.'
      : onlyRendererChanged(result)
        ? `not reproduced byte for byte: rendered by strategy-report ${recorded}, now ${running}, whose renderer lays the files out differently. Every stored file is as its manifest records (not altered); reproduce with strategy-report ${recorded} (check out that version) again to prove the files are what this snapshot renders to.`
        : 'the stored files are NOT what this snapshot renders to.',
  );
  return lines.join('\n');
}

/** Every file that differs does so only because other software rendered it again. */
const onlyRendererChanged = (result: Reproduction) =>
  result.files.length > 0 && result.files.every((file) => file.matches || file.rendererChanged === true);

export async function reportsReproduceAction(
  io: CliIo,
  periodText: string,
  options: { version?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const period = parsePeriod(periodText, { column: 'PERIOD' });
  const version = options.version === undefined ? undefined : parseReportVersion(options.version);
  const result = await withTargetDependencies(globals, (deps) =>
    reproduceReport(
      { ...deps, renderer: reportFileRenderer },
      { period, ...(version !== undefined ? { version } : {}), softwareVersion: SOFTWARE_VERSION },
    ),
  );
  if (options.json) printJson(io, result);
  else io.out(formatReproduction(result));
  const differing = result.files.find((file) => !file.matches);
  if (!result.matches && onlyRendererChanged(result))
    throw new IntegrityError(
      `${reportLabel(result.period, result.version)} is not reproduced byte for byte: rendered by strategy-report ${result.softwareVersion.recorded}, now ${result.softwareVersion.running} (the renderer changed; the stored files are as recorded)`,
    );
  if (!result.matches)
    throw new IntegrityError(
      `${reportLabel(result.period, result.version)} is not reproduced: ${differing ? `${differing.name}: ${differing.difference}` : 'no files'}`,
    );
}
