import type { Command } from 'commander';
import { reportLabel } from '../../domain/audit/audit-finding';
import { parseReportVersion } from '../../domain/audit/report-version';
import { IntegrityError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import type { Reproduction } from '../../use-cases/reproduce-report';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withTargetDependencies } from '../global-options';

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

export function registerReportsReproduceCommand(reports: Command, io: CliIo): void {
  reports
    .command('reproduce')
    .summary("render a version again in memory and compare every file's bytes")
    .argument('<period>', 'the reporting period, YYYY-MM')
    .description(
      'render a report version again, in memory, from the snapshot its manifest names (with the generated-at date and render options the manifest records) and say for every file whether its bytes match the stored ones. Writes nothing. Exits 2 if any file differs.',
    )
    .option('--version <n>', 'the report version (default: the latest)')
    .option('--json', 'print every file with its recorded, stored and reproduced SHA-256 as JSON')
    .action(async (periodText: string, options: { version?: string; json?: boolean }, command: Command) => {
      const period = parsePeriod(periodText, { column: 'PERIOD' });
      const version = options.version === undefined ? undefined : parseReportVersion(options.version);
      // Loaded on use: the renderers (pdfmake, exceljs) would slow every other command's start.
      const [{ reportFileRenderer }, { reproduceReport }, { SOFTWARE_VERSION }] = await Promise.all([
        import('../../adapters/report/report-file-renderer'),
        import('../../use-cases/reproduce-report'),
        import('../../config/software-version'),
      ]);
      const result = await withTargetDependencies(globalOptionsOf(command), (deps) =>
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
    });
}
