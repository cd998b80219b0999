import { InvalidInputError } from '../../domain/errors';
import { parsePeriod } from '../../domain/period';
import { isOfficeCode } from '../../storage/object-keys';
import { listSubmissionAttempts, type SubmissionAttempts } from '../../use-cases/list-submission-attempts';
import { unansweredMailOf } from '../../use-cases/mail-status';
import { type CliIo, printJson } from '../cli-io';
import { withTargetDependencies } from '../command-dependencies';
import type { GlobalOptions } from '../global-options';

export function formatAttempts(result: SubmissionAttempts): string {
  const { counts } = result;
  const total = result.attempts.length;
  const lines = [
    `${result.office} ${result.period}: ${total} submission attempt${total === 1 ? '' : 's'} (${counts.accepted} accepted, ${counts.duplicate} duplicate, ${counts.rejected} rejected); current revision ${result.current ? `${result.current.revision} (${result.current.submissionId})` : 'none'}`,
  ];
  for (const attempt of result.attempts) {
    const answer =
      attempt.outcome === 'rejected'
        ? `rejected  ${attempt.problemCount ?? attempt.problems?.length ?? 0} problem${(attempt.problemCount ?? attempt.problems?.length ?? 0) === 1 ? '' : 's'}`
        : `${attempt.outcome.padEnd(9)} revision ${attempt.revision ?? '?'}`;
    lines.push(
      `  ${attempt.receivedAt}  ${answer}  by ${attempt.uploader}  ${attempt.size} bytes  sha256 ${attempt.sha256}  ${attempt.source.key}${attempt.annotatedKey ? `  (marked-up copy: ${attempt.annotatedKey})` : ''}`,
    );
  }
  return lines.join('\n');
}

export async function historyAction(
  io: CliIo,
  options: { office: string; period: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const office = options.office.trim().toUpperCase();
  if (!isOfficeCode(office))
    throw new InvalidInputError({
      rule: 'history.office',
      message: `"${options.office}" is not an office code (2 to 10 letters and digits, e.g. OFO)`,
      column: '--office',
    });
  const period = parsePeriod(options.period, { column: '--period' });
  const { result, mail } = await withTargetDependencies(globals, async (deps) => ({
    result: await listSubmissionAttempts(deps, { office, period }),
    mail: await unansweredMailOf(office, period, deps),
  }));
  if (options.json) printJson(io, { ...result, refusedMail: mail });
  else
    io.out(
      [
        formatAttempts(result),
        ...(mail.length > 0
          ? [
              `E-mail claiming to be from ${office}'s submitters that was not taken:`,
              ...mail.map(
                (message) =>
                  `  ${message.receivedAt}  ${message.status} ${message.sender}: ${message.detail ?? message.reason ?? ''}${message.reason ? ` [${message.reason}]` : ''}`,
              ),
            ]
          : []),
      ].join('\n'),
    );
}
