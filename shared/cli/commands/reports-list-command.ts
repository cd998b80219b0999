import type { Command } from 'commander';
import { reportLabel } from '../../domain/audit/audit-finding';
import { parsePeriod } from '../../domain/period';
import { listReports } from '../../use-cases/list-reports';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, withTargetDependencies } from '../global-options';

export function registerReportsListCommand(reports: Command, io: CliIo): void {
  reports
    .command('list')
    .summary('every rendered report version with its hashes')
    .description(
      'every rendered report version, by period then version: its place in the manifest chain, when it was generated and published, and the SHA-256 of its manifest (--json adds every file with key, size and SHA-256). Reads the report index only (one Query).',
    )
    .option('--from <YYYY-MM>', 'the first period to list (default: the earliest)')
    .option('--to <YYYY-MM>', 'the last period to list (default: the latest)')
    .option('--json', 'print the report records as JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }, command: Command) => {
      const from = options.from === undefined ? undefined : parsePeriod(options.from, { column: '--from' });
      const to = options.to === undefined ? undefined : parsePeriod(options.to, { column: '--to' });
      const result = await withTargetDependencies(globalOptionsOf(command), (deps) =>
        listReports(deps, { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
      );
      if (options.json) {
        printJson(io, result.reports);
        return;
      }
      const range = from || to ? ` from ${result.from} to ${result.to}` : '';
      if (result.reports.length === 0) {
        io.out(`no reports${range}`);
        return;
      }
      io.out(
        [
          `${result.reports.length} report version${result.reports.length === 1 ? '' : 's'}${range}:`,
          ...result.reports.map(
            (record) =>
              `  ${reportLabel(record.period, record.version)}  #${record.sequence}  generated ${record.generatedAt}  published ${record.publishedAt}  manifest sha256 ${record.manifestSha256}`,
          ),
        ].join('\n'),
      );
    });
}
