import { formatFinding, reportLabel } from '../../domain/audit/audit-finding';
import { IntegrityError, InvalidInputError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import { type VerificationResult, verifyReports } from '../../use-cases/verify-reports';
import { type CliIo, printJson } from '../cli-io';
import { withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function formatVerification(result: VerificationResult): string {
  const { counts } = result;
  const checked = [
    plural(counts.reports, 'report'),
    plural(counts.manifests, 'manifest'),
    plural(counts.links, 'link'),
    plural(counts.files, 'file'),
    plural(counts.snapshots, 'snapshot'),
    plural(counts.indexItems, 'index item'),
  ].join(', ');
  const scope =
    result.scope === 'all'
      ? result.head
        ? `the whole chain, from the head (#${result.head.sequence}, ${reportLabel(result.head.period, result.head.version)}) back to the first report`
        : 'the whole chain (no report has been rendered)'
      : `every version of ${result.scope} and the chain from the head down to it`;
  const lines = [`verified ${scope}:`];
  for (const report of result.reports)
    lines.push(
      `  #${report.sequence}  ${reportLabel(report.period, report.version)}  ${report.ok ? 'ok' : 'FAILED'}`,
    );
  if (result.pending)
    lines.push(
      `  (${reportLabel(result.pending.period, result.pending.version)} is being published as #${result.pending.sequence}: not yet on the chain)`,
    );
  if (result.ok) {
    lines.push(`checked ${checked}: every hash matches.`);
    return lines.join('\n');
  }
  lines.push(`checked ${checked}: ${plural(counts.findings, 'problem')}, oldest first:`);
  for (const finding of result.findings) lines.push(`  - ${formatFinding(finding)}`);
  return lines.join('\n');
}

export async function reportsVerifyAction(
  io: CliIo,
  periodText: string | undefined,
  options: { all?: boolean; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  if (periodText !== undefined && options.all)
    throw new InvalidInputError({
      rule: 'verify.scope',
      message: 'give a PERIOD or --all, not both',
    });
  const period = periodText === undefined ? undefined : parsePeriod(periodText, { column: 'PERIOD' });
  const result = await withTargetDependencies(globals, (deps) =>
    verifyReports(deps, period ? { kind: 'period', period } : { kind: 'all' }),
  );
  if (options.json) printJson(io, result);
  else io.out(formatVerification(result));
  if (result.firstFailure)
    throw new IntegrityError(
      `verification failed (${plural(result.counts.findings, 'problem')}); first: ${formatFinding(result.firstFailure)}`,
    );
}
